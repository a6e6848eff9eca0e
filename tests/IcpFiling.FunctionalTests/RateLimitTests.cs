using System.Net;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>Low limits, behind a proxy so each test client has an address of its own.</summary>
public sealed class LowLimitsFixture() : HostFixture(new IcpFilingWebFactory
{
    Settings = Proxy.Settings(new()
    {
        ["Security:SignInRateLimit:PermitLimit"] = "3",
        ["Security:SignInRateLimit:WindowSeconds"] = "60",
        ["Security:CommandRateLimit:PermitLimit"] = "2",
        ["Security:CommandRateLimit:WindowSeconds"] = "60",
    }),
    TestServices = Proxy.Services,
});

/// <summary>The rate limiter: sign-in per client address, commands per account; 429 with Retry-After and a page that says how long to wait.</summary>
public sealed class RateLimitTests(LowLimitsFixture host) : IClassFixture<LowLimitsFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    private static Task<HttpResponseMessage> FailSignInAsync(ConsoleClient client, Dictionary<string, string> form) =>
        client.PostAsync("/Identity/Account/Login", form);

    [Fact]
    public async Task SignIn_OverTheLimitFromOneAddress_Is429WithRetryAfterAndAPage_OtherAddressesAreNotAffected()
    {
        using var attacker = ConsoleClient.Anonymous(Factory).From("198.51.100.7");
        using var other = ConsoleClient.Anonymous(Factory).From("198.51.100.8");
        var form = ConsoleClient.WithToken(await attacker.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = "nobody@demo.test", ["Input.Password"] = "guess" });

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add(await FailSignInAsync(attacker, form));
        }

        Assert.Equal([200, 200, 200, 429, 429], answers.Select(a => (int)a.StatusCode));
        var refused = answers[^1];
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var page = await ConsoleClient.ParseAsync(refused);
        Assert.Equal($"Too many attempts. Try again in {retryAfter} seconds. Nothing was changed.", page.QuerySelector("[data-testid=error-text]")!.TextContent);

        // The page itself (GET) and another address still work.
        Assert.Equal(HttpStatusCode.OK, (await attacker.Http.GetAsync("/Identity/Account/Login")).StatusCode);
        var otherForm = ConsoleClient.WithToken(await other.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = "nobody@demo.test", ["Input.Password"] = "guess" });
        Assert.Equal(HttpStatusCode.OK, (await FailSignInAsync(other, otherForm)).StatusCode);
    }

    [Fact]
    public async Task Commands_OverTheLimitOfOneAccount_Are429_AnotherAccountIsNotAffected()
    {
        using var owner = (await SignInFromAsync(DemoAccounts.Owner, "203.0.113.50")).From("203.0.113.50");
        using var owner2 = (await SignInFromAsync(DemoAccounts.Owner2, "203.0.113.50")).From("203.0.113.50");
        var filing = new Dictionary<string, string> { ["Domain"] = "ab--cd.cn", ["SubjectName"] = "Limits", ["Method"] = "Number", ["ServiceNumber"] = Guid.NewGuid().ToString() };
        var page = await owner.GetAsync("/icp-no/filings/new");

        var answers = new List<int>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            answers.Add((int)(await owner.PostFormAsync("/icp-no/filings/new", page, filing)).StatusCode);
        }

        // Refused filings go back to the form (302) until the limit; then 429.
        Assert.Equal([302, 302, 429, 429], answers);
        var other = await owner2.PostFormAsync("/icp-no/filings/new", await owner2.GetAsync("/icp-no/filings/new"), filing);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task SignOut_IsNeverLimited()
    {
        using var owner = (await SignInFromAsync(DemoAccounts.Owner2, "203.0.113.60")).From("203.0.113.60");
        var page = await owner.GetAsync("/icp-no/filings");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await owner.PostFormAsync("/icp-no/filings/new", page, new Dictionary<string, string> { ["Domain"] = "x" });
        }

        var signOut = await owner.PostFormAsync("/Identity/Account/Logout", page, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
    }

    [Fact]
    public async Task ManagementExport_SharesTheAccountsCommandLimit_WhileThePageItselfIsNeverLimited()
    {
        var email = $"limits-export-{Guid.NewGuid():N}"[..28] + "@demo.test";
        await Factory.EnsureAccountAsync(email, IcpFiling.Core.Accounts.Roles.Owner);
        using var owner = (await SignInFromAsync(email, "203.0.113.61")).From("203.0.113.61");

        var exports = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            exports.Add((await owner.Http.GetAsync("/icp-no/management/export")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], exports);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync("/icp-no/management")).StatusCode);
    }

    [Fact]
    public async Task ResellerExport_SharesTheAccountsCommandLimit_WhileThePageItselfIsNeverLimited()
    {
        var email = $"limits-rexport-{Guid.NewGuid():N}"[..28] + "@demo.test";
        await Factory.EnsureAccountAsync(email, IcpFiling.Core.Accounts.Roles.Reseller);
        using var reseller = (await SignInFromAsync(email, "203.0.113.62")).From("203.0.113.62");

        var exports = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            exports.Add((await reseller.Http.GetAsync("/reseller/numbers/export")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], exports);
        Assert.Equal(HttpStatusCode.OK, (await reseller.Http.GetAsync("/reseller/numbers")).StatusCode);
    }

    private async Task<ConsoleClient> SignInFromAsync(string email, string address)
    {
        var client = ConsoleClient.Anonymous(Factory).From(address);
        var response = await client.PostFormAsync("/Identity/Account/Login", await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
