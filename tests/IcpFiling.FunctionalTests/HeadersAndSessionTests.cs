using System.Net;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcpFiling.FunctionalTests;

/// <summary>Behind a TLS proxy, with the security stamp checked on every request.</summary>
public sealed class ProxiedHostFixture() : HostFixture(new IcpFilingWebFactory
{
    Settings = Proxy.Settings(new() { ["Security:SecurityStampValidationInterval"] = "00:00:00" }),
    TestServices = Proxy.Services,
});

/// <summary>Response headers, static file caching, cookies behind a proxy, and a sign-out that ends the session on the server.</summary>
public sealed class HeadersAndSessionTests(ProxiedHostFixture host) : IClassFixture<ProxiedHostFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task Pages_SendPermissionsPolicyAndCrossOriginPolicies()
    {
        using var client = ConsoleClient.Anonymous(Factory);

        var response = await client.Http.GetAsync("/Identity/Account/Login");

        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Resource-Policy")));
    }

    [Fact]
    public void Kestrel_SendsNoServerHeader()
    {
        // The test server is not Kestrel, so the banner is checked where it is switched off.
        Assert.False(Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task StaticFiles_AreLinkedWithAVersion_AndCachedForAYear()
    {
        using var client = ConsoleClient.Anonymous(Factory);
        var page = await client.GetAsync("/Identity/Account/Login");
        var links = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Contains("?v=", link, StringComparison.Ordinal));
        var css = await client.Http.GetAsync(links.Single(l => l.StartsWith("/css/site.css", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", css.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task BehindATlsProxy_CookiesAreSecure_AndThePlainRequestsAreNot()
    {
        using var viaTls = ConsoleClient.Anonymous(Factory).From("203.0.113.70");
        viaTls.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var plain = ConsoleClient.Anonymous(Factory).From("203.0.113.71");

        var secure = await viaTls.Http.GetAsync("/Identity/Account/Login");
        var notSecure = await plain.Http.GetAsync("/Identity/Account/Login");

        Assert.Contains(secure.Headers.GetValues("Set-Cookie"), c => c.StartsWith("IcpFiling.Antiforgery=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(notSecure.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // The test client is on http, so it would not send a Secure cookie back: carry the antiforgery cookie by hand.
        using var manual = new ConsoleClient(Factory.CreateDefaultClient()).From("203.0.113.72");
        manual.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var login = await manual.Http.GetAsync("/Identity/Account/Login");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("IcpFiling.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(ConsoleClient.WithToken(await ConsoleClient.ParseAsync(login),
                new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = DemoAccounts.Password })),
        };
        request.Headers.Add("Cookie", antiforgery);
        var signIn = await manual.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("IcpFiling.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignOut_MakesACookieCopiedBeforeItStopWorking()
    {
        var jar = new CookieContainer();
        using var owner = new ConsoleClient(Factory.CreateDefaultClient(new CookieContainerHandler(jar))).From("203.0.113.80");
        var signIn = await owner.PostFormAsync("/Identity/Account/Login", await owner.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        using var thief = new ConsoleClient(Factory.CreateDefaultClient(new CookieContainerHandler(copy))).From("203.0.113.81");
        Assert.Equal(HttpStatusCode.OK, (await thief.Http.GetAsync("/icp-no/filings")).StatusCode);

        var signOut = await owner.PostFormAsync("/Identity/Account/Logout", await owner.GetAsync("/icp-no/filings"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var afterwards = await thief.Http.GetAsync("/icp-no/filings");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("/Identity/Account/Login", afterwards.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task SignOut_WithAForeignReturnUrl_SignsOutAndGoesHome(string returnUrl)
    {
        var client = ConsoleClient.Anonymous(Factory).From("203.0.113.90");
        var signIn = await client.PostFormAsync("/Identity/Account/Login", await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Reseller, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var signOut = await client.PostFormAsync($"/Identity/Account/Logout?returnUrl={Uri.EscapeDataString(returnUrl)}",
            await client.GetAsync("/reseller/customers"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/reseller/customers")).StatusCode);
        client.Dispose();
    }
}
