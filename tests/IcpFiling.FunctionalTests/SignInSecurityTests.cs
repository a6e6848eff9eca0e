using System.Diagnostics;
using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IcpFiling.FunctionalTests;

/// <summary>Behind a proxy, with the shipped sign-in throttle (5 failures per address, account lockout after 20).</summary>
public sealed class SignInHostFixture() : HostFixture(new IcpFilingWebFactory { Settings = Proxy.Settings(), TestServices = Proxy.Services });

/// <summary>Sign-in gives nothing away (text or time), and a stranger cannot lock an owner out.</summary>
public sealed class SignInSecurityTests(SignInHostFixture host, ITestOutputHelper output) : IClassFixture<SignInHostFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    private async Task<HttpResponseMessage> SignInAsync(string email, string password, string from)
    {
        using var client = ConsoleClient.Anonymous(Factory).From(from);
        return await client.PostFormAsync("/Identity/Account/Login", await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ConsoleClient.ParseAsync(response)).QuerySelector("[data-testid=errors]")!.TextContent.Trim();
    }

    [Fact]
    public async Task SignIn_UnknownEmailLockedAccountAndWrongPassword_GetTheSameAnswer()
    {
        const string locked = "locked-owner@demo.test";
        await Factory.EnsureAccountAsync(locked, Roles.Owner);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var unknown = await MessageAsync(await SignInAsync("nobody-at-all@demo.test", "Guess#1", "203.0.113.10"));
        var lockedOut = await MessageAsync(await SignInAsync(locked, DemoAccounts.Password, "203.0.113.10"));
        var wrong = await MessageAsync(await SignInAsync(DemoAccounts.Owner2, "Guess#1", "203.0.113.10"));

        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, lockedOut);
        Assert.DoesNotContain("locked", wrong, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FailuresFromOneAddress_PauseThatAddressForTheAccount_NotTheOwnerElsewhere()
    {
        const string email = "paused-owner@demo.test";
        await Factory.EnsureAccountAsync(email, Roles.Owner);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(email, "stranger-guess", "198.51.100.66");
        }

        var strangerWithTheRightPassword = await SignInAsync(email, DemoAccounts.Password, "198.51.100.66");
        var ownerElsewhere = await SignInAsync(email, DemoAccounts.Password, "203.0.113.20");

        // Even the right password is refused from the paused address, with the usual answer...
        Assert.Equal(HttpStatusCode.OK, strangerWithTheRightPassword.StatusCode);
        Assert.StartsWith("Invalid e-mail or password.", await MessageAsync(strangerWithTheRightPassword), StringComparison.Ordinal);
        // ...while the owner, from another address, signs in: the stranger could not lock the account.
        Assert.Equal(HttpStatusCode.Redirect, ownerElsewhere.StatusCode);
    }

    [Fact]
    public async Task ManyFailuresFromManyAddresses_LockTheAccount()
    {
        const string email = "distributed-target@demo.test";
        var id = await Factory.EnsureAccountAsync(email, Roles.Owner);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await SignInAsync(email, "guess", $"198.51.100.{100 + attempt}");
        }

        var owner = await SignInAsync(email, DemoAccounts.Password, "203.0.113.30");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        var lockoutEnd = await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow, $"lockout end {lockoutEnd}");
    }

    [Fact]
    public async Task FailedSignIns_ForUnknownEmails_WriteOneRowPerAddressAndWindow()
    {
        Task<int> RowsAsync() => Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectId == SignInAudit.UnknownSubjectId));
        var before = await RowsAsync();

        for (var attempt = 0; attempt < 25; attempt++)
        {
            await SignInAsync($"made-up-{attempt}@demo.test", "guess", "192.0.2.77");
        }

        await SignInAsync("made-up-other@demo.test", "guess", "192.0.2.78");

        // 26 attempts, two addresses: two rows (the window is an hour; a boundary inside the loop could add one).
        Assert.InRange(await RowsAsync() - before, 2, 3);
    }

    [Fact]
    public async Task SignIn_WithUnknownEmail_TakesAsLongAsWrongPassword()
    {
        const string email = "timing-owner@demo.test";
        await Factory.EnsureAccountAsync(email, Roles.Owner);
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < 16; round++)
        {
            // A new address each round, so the address pause never turns the known path into the refused one.
            var knownTime = await TimeSignInAsync(email, $"198.18.{round}.1");
            var unknownTime = await TimeSignInAsync($"timing-nobody-{round}@demo.test", $"198.18.{round}.2");
            if (round >= 2 && round < 20)
            {
                // Rounds 0-1 warm up (first hash, JIT).
                known.Add(knownTime);
                unknown.Add(unknownTime);
            }

            if ((round + 1) % 4 == 0)
            {
                // Keep under the account's lockout (20 failures in a row): a success resets the count.
                Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(email, DemoAccounts.Password, $"198.18.{round}.3")).StatusCode);
            }
        }

        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        output.WriteLine($"wrong password median {knownMedian:F1} ms, unknown e-mail median {unknownMedian:F1} ms");
        Assert.True(unknownMedian >= 0.5 * knownMedian, $"unknown e-mail {unknownMedian:F1} ms vs wrong password {knownMedian:F1} ms");
    }

    private async Task<double> TimeSignInAsync(string email, string from)
    {
        using var client = ConsoleClient.Anonymous(Factory).From(from);
        var page = await client.GetAsync("/Identity/Account/Login");
        var form = ConsoleClient.WithToken(page, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Wrong#Password1" });
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/Identity/Account/Login", form);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Fact]
    public async Task SignIn_WithRememberMeNotABool_ShowsTheFormAgain()
    {
        using var client = ConsoleClient.Anonymous(Factory).From("203.0.113.40");

        var response = await client.PostFormAsync("/Identity/Account/Login", await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = DemoAccounts.Password, ["Input.RememberMe"] = "notabool" });

        // A bad checkbox value means "not checked": the sign-in goes through.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignInAudit_RowsNameTheAddress_NeverTheTypedEmailOfAnUnknownAccount()
    {
        await SignInAsync("secret-unknown@demo.test", "guess", "192.0.2.99");

        var row = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignInFailed && a.SubjectId == SignInAudit.UnknownSubjectId && a.Detail!.Contains("192.0.2.99"))
            .SingleAsync());
        Assert.Equal("anonymous", row.ActorId);
        Assert.DoesNotContain("secret-unknown", row.Detail, StringComparison.Ordinal);
    }
}
