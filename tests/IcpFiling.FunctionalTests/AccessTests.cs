using System.Net;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>Who may open what, the sign-in form itself, and the hosting endpoints.</summary>
public sealed class AccessTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/icp-no/application")]
    [InlineData("/icp-no/management")]
    [InlineData("/icp-no/application/i-demo-ecs-web01/apply")]
    public async Task Anonymous_IsSentToSignIn(string url)
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var response = await anonymous.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_ApplyPost_IsSentToSignInAndIssuesNothing()
    {
        using var anonymous = ConsoleClient.Anonymous(factory);
        var before = await factory.TotalAsync();
        var login = await anonymous.GetAsync("/Identity/Account/Login");

        var response = await anonymous.PostFormAsync("/icp-no/application/apply", login, new Dictionary<string, string>
        {
            ["InstanceId"] = DemoAccounts.QualifiedEcs,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, await factory.TotalAsync());
    }

    [Theory]
    [InlineData(DemoAccounts.Reseller, "/icp-no/application")]
    [InlineData(DemoAccounts.Reseller, "/icp-no/management")]
    [InlineData(DemoAccounts.Support, "/icp-no/application")]
    [InlineData(DemoAccounts.Admin, "/icp-no/management")]
    public async Task OwnerPages_ForOtherRoles_Return403(string email, string url)
    {
        using var client = await ConsoleClient.SignInAsync(factory, email);

        var response = await client.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_ApplyPost_Returns403AndIssuesNothing()
    {
        using var support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);
        var home = await support.GetAsync("/support/instances");
        var before = await factory.TotalAsync();

        var response = await support.PostFormAsync("/icp-no/application/apply", home, new Dictionary<string, string>
        {
            ["InstanceId"] = DemoAccounts.QualifiedEcs,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await factory.TotalAsync());
    }

    [Fact]
    public async Task Owner_HomeRedirectsToApplication()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var response = await owner.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/icp-no/application", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsFormAgainWithMessage()
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var response = await anonymous.PostFormAsync("/Identity/Account/Login", await anonymous.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleClient.ParseAsync(response);
        Assert.Contains("Invalid e-mail or password.", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoAccounts.Owner2, page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task SelfRegistration_IsOffByDefault()
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var register = await anonymous.Http.GetAsync("/Identity/Account/Register");
        var login = await anonymous.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.NotFound, register.StatusCode);
        Assert.Null(login.QuerySelector("a[href*='Register']"));
    }

    [Fact]
    public async Task Pages_SendStrictContentSecurityPolicy()
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var response = await anonymous.Http.GetAsync("/Identity/Account/Login");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/icp-no/application")]
    [InlineData("/icp-no/application/i-demo-ecs-web01/apply")]
    [InlineData("/icp-no/management")]
    [InlineData("/icp-no/filings")]
    [InlineData("/icp-no/filings/new")]
    public async Task OwnerPages_HaveNoInlineScriptOrStyle(string url)
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var html = await (await owner.Http.GetAsync(url)).Content.ReadAsStringAsync();

        Assert.Contains("</html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoints_AreAnonymousAndHealthy(string url)
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var response = await anonymous.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
