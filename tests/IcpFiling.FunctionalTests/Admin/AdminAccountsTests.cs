using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Admin;

public sealed class AdminAccountsTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task StartPage_ShowsTheCountsAndLinksToEachPage_AndHomeLeadsThere()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var home = await admin.Http.GetAsync("/");
        Assert.Equal("/admin", home.Headers.Location?.OriginalString);

        var page = await admin.GetAsync("/admin");
        var owners = await Factory.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Owner)));
        Assert.Equal(owners.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=count-owners]")!.TextContent.Trim());
        var instances = await Factory.WithDbAsync(db => db.Instances.CountAsync());
        Assert.Equal(instances.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=count-instances]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=admin-pages] a[href='/admin/accounts']"));
        Assert.Contains("no SMTP server", page.QuerySelector("[data-testid=mail-state]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("nav a[href='/admin']"));
    }

    [Fact]
    public async Task Accounts_SearchByEmailAndRole_ShowRoleResellerAndLastSignIn()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        using var _ = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Owner);

        var owners = await admin.GetAsync("/admin/accounts?search=owner%40demo&role=Owner");
        var row = owners.QuerySelectorAll("[data-testid=accounts] tbody tr").Single(r => r.QuerySelector("a")!.TextContent == DemoAccounts.Owner);
        Assert.Contains(DemoAccounts.Reseller, row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Never", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);

        var support = await admin.GetAsync("/admin/accounts?role=Support");
        Assert.All(support.QuerySelectorAll("[data-testid=accounts] tbody tr"), r => Assert.Contains("Support", r.TextContent, StringComparison.Ordinal));
        var none = await admin.GetAsync("/admin/accounts?search=nobody-at-all");
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));
    }

    [Fact]
    public async Task Create_StaffAccountWithoutSmtp_ShowsTheLinkOnce_WhichSetsThePassword_AndWorksOnlyOnce()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var form = await admin.GetAsync("/admin/accounts/new");
        var created = await admin.PostFormAsync("/admin/accounts/new", form, new Dictionary<string, string>
        {
            ["Email"] = "new-support@demo.test", ["DisplayName"] = "New Support", ["Role"] = Roles.Support,
        });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await ConsoleClient.ParseAsync(created);
        Assert.Contains("No SMTP server is configured", page.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        var link = page.QuerySelector("[data-testid=link-url]")!.TextContent.Trim();
        var id = await Factory.AccountIdAsync("new-support@demo.test");
        var audit = await Factory.AuditAsync(id);
        Assert.Equal([AuditActions.AccountAdded, AuditActions.InvitationIssued], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Roles.Admin, a.ActorRole));
        Assert.Equal(await Factory.AccountIdAsync(DemoAccounts.Admin), audit[0].ActorId);

        // The account page shown again does not show the link.
        var again = await admin.GetAsync($"/admin/accounts/{id}");
        Assert.Null(again.QuerySelector("[data-testid=link-url]"));

        using var holder = ConsoleClient.Anonymous(Factory);
        var setPage = await holder.GetAsync(PathOf(link));
        Assert.Equal("Set your password", setPage.QuerySelector("h1")!.TextContent.Trim());
        var weak = await holder.PostFormAsync(PathOf(link), setPage, Passwords("short"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.NotEmpty((await ConsoleClient.ParseAsync(weak)).QuerySelectorAll(".field-validation-error"));

        var set = await holder.PostFormAsync(PathOf(link), setPage, Passwords("Support#2026x"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using var signedIn = await ConsoleClient.SignInAsync(Factory, "new-support@demo.test", "Support#2026x");

        var spent = await holder.GetAsync(PathOf(link));
        Assert.NotNull(spent.QuerySelector("[data-testid=link-invalid]"));
        Assert.Equal(HttpStatusCode.OK, (await holder.PostFormAsync(PathOf(link), setPage, Passwords("Another#2026x"))).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleClient.SignInAsync(Factory, "new-support@demo.test", "Another#2026x"));
    }

    [Fact]
    public async Task Create_OwnerOfAReseller_ThenUnlinkWithAReason_AndRelink()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var form = await admin.GetAsync("/admin/accounts/new");
        await admin.PostFormAsync("/admin/accounts/new", form, new Dictionary<string, string>
        {
            ["Email"] = "new-owner@demo.test", ["Role"] = Roles.Owner, ["AccountId"] = "acct-new-owner", ["ResellerEmail"] = DemoAccounts.Reseller,
        });
        var resellerId = await Factory.AccountIdAsync(DemoAccounts.Reseller);
        Assert.Equal(resellerId, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == "acct-new-owner").Select(u => u.ResellerId).SingleAsync()));

        var noReason = await admin.PostOnAccountAsync("acct-new-owner", "reseller/unlink", new() { ["Unlink.Reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.NotNull((await admin.FollowAsync(noReason)).QuerySelector("[data-valmsg-for='Unlink.Reason']"));
        Assert.Equal(resellerId, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == "acct-new-owner").Select(u => u.ResellerId).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync("acct-new-owner", "reseller/unlink", new() { ["Unlink.Reason"] = "contract ended" })).StatusCode);
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == "acct-new-owner").Select(u => u.ResellerId).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync("acct-new-owner", "reseller", new() { ["Reseller.ResellerEmail"] = DemoAccounts.Reseller })).StatusCode);

        var audit = await Factory.AuditAsync("acct-new-owner");
        Assert.Equal("contract ended", audit.Single(a => a.Action == AuditActions.ResellerUnlinked).Reason);
        Assert.Contains(audit, a => a.Action == AuditActions.ResellerLinked);
        var reseller = await admin.GetAsync($"/admin/accounts/{resellerId}");
        Assert.Contains("new-owner@demo.test", reseller.QuerySelector("[data-testid=customers]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAnEmailInUse_ShowsTheFormWithTheReason_AndCreatesNothing()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync());
        var form = await admin.GetAsync("/admin/accounts/new");
        var response = await admin.PostFormAsync("/admin/accounts/new", form, new Dictionary<string, string> { ["Email"] = DemoAccounts.Owner2.ToUpperInvariant(), ["Role"] = Roles.Owner });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Another account uses the e-mail address", (await admin.FollowAsync(response)).QuerySelector("[data-valmsg-for=Email]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Lock_EndsTheSessionsAndRefusesSignIn_UntilUnlocked()
    {
        var id = await Factory.EnsureAccountAsync("lock-me@demo.test", Roles.Owner);
        using var victim = await ConsoleClient.SignInAsync(Factory, "lock-me@demo.test");
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "lock", new() { ["Lock.Reason"] = "account compromised" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await victim.Http.GetAsync("/icp-no/application")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleClient.SignInAsync(Factory, "lock-me@demo.test"));
        var page = await admin.GetAsync($"/admin/accounts/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid=locked]"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "unlock", [])).StatusCode);
        using var back = await ConsoleClient.SignInAsync(Factory, "lock-me@demo.test");
        var audit = await Factory.AuditAsync(id);
        Assert.Equal("account compromised", audit.Single(a => a.Action == AuditActions.AccountLocked).Reason);
        Assert.Contains(audit, a => a.Action == AuditActions.AccountUnlocked);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfTheAccount_ButNotThePassword()
    {
        var id = await Factory.EnsureAccountAsync("sign-me-out@demo.test", Roles.Owner);
        using var first = await ConsoleClient.SignInAsync(Factory, "sign-me-out@demo.test");
        using var second = await ConsoleClient.SignInAsync(Factory, "sign-me-out@demo.test");
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "sign-out", new() { ["SignOut.Reason"] = "lost laptop" })).StatusCode);

        foreach (var client in new[] { first, second })
        {
            Assert.Contains("/Identity/Account/Login", (await client.Http.GetAsync("/icp-no/application")).Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var again = await ConsoleClient.SignInAsync(Factory, "sign-me-out@demo.test");
        Assert.Equal("lost laptop", (await Factory.AuditAsync(id)).Single(a => a.Action == AuditActions.SignedOutEverywhere).Reason);
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsItOffAndForgetsTheAuthenticatorKey()
    {
        var id = await Factory.EnsureAccountAsync("two-factor@demo.test", Roles.Owner);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "two-factor/reset", new() { ["TwoFactor.Reason"] = "new phone" })).StatusCode);

        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == id)));
        Assert.Equal("new phone", (await Factory.AuditAsync(id)).Single(a => a.Action == AuditActions.TwoFactorReset).Reason);
    }

    [Fact]
    public async Task ChangeRole_TakesEffectAtOnce_NeedsAReason_AndIsRefusedOnYourOwnAccount()
    {
        var id = await Factory.EnsureAccountAsync("becomes-support@demo.test", Roles.Owner);
        using var holder = await ConsoleClient.SignInAsync(Factory, "becomes-support@demo.test");
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "role", new() { ["ChangeRole.Role"] = Roles.Support })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "role", new() { ["ChangeRole.Role"] = Roles.Support, ["ChangeRole.Reason"] = "joined support" })).StatusCode);
        using var asSupport = await ConsoleClient.SignInAsync(Factory, "becomes-support@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await asSupport.Http.GetAsync("/support/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.Http.GetAsync("/icp-no/application")).StatusCode);

        var adminId = await Factory.AccountIdAsync(DemoAccounts.Admin);
        var own = await admin.PostOnAccountAsync(adminId, "role", new() { ["ChangeRole.Role"] = Roles.Owner, ["ChangeRole.Reason"] = "oops" });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains("You cannot change your own role", (await admin.FollowAsync(own)).Body!.TextContent, StringComparison.Ordinal);
        var ownLock = await admin.PostOnAccountAsync(adminId, "lock", new() { ["Lock.Reason"] = "oops" });
        Assert.Contains("You cannot lock yourself out", (await admin.FollowAsync(ownLock)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
    }

    private static Dictionary<string, string> Passwords(string password) => new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password };

    private static string PathOf(string url) => new Uri(url).PathAndQuery;
}
