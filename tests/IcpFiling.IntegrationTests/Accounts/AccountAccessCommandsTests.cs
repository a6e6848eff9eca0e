using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>
/// Who may sign in, and as what: roles, locks, signing out everywhere, two-factor resets; and the console always keeps
/// an administrator who can sign in. On a real SQLite file.
/// </summary>
public sealed class AccountAccessCommandsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _admin = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _admin = await _database.SeedSignInAccountAsync("admin", Roles.Admin);
        _owner = await _database.SeedSignInAccountAsync("owner", Roles.Owner);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<Outcome<string>> ChangeRoleAsync(string accountId, string? role, string? reason = "Moved to support", string? actor = null) =>
        _database.AccessAsync(a => a.ChangeRoleAsync(AccountRows.Admin(actor ?? _admin), accountId, role, reason, CancellationToken.None));

    private Task<Outcome<string>> LockAsync(string accountId, string? reason = "Left the company", string? actor = null) =>
        _database.AccessAsync(a => a.LockAsync(AccountRows.Admin(actor ?? _admin), accountId, reason, CancellationToken.None));

    private Task<Outcome<string>> UnlockAsync(string accountId) =>
        _database.AccessAsync(a => a.UnlockAsync(AccountRows.Admin(_admin), accountId, CancellationToken.None));

    private Task<Outcome<string>> SignOutAsync(string accountId, string? reason = "Laptop stolen") =>
        _database.AccessAsync(a => a.SignOutEverywhereAsync(AccountRows.Admin(_admin), accountId, reason, CancellationToken.None));

    private Task<Outcome<string>> ResetTwoFactorAsync(string accountId, string? reason = "Lost the phone") =>
        _database.AccessAsync(a => a.ResetTwoFactorAsync(AccountRows.Admin(_admin), accountId, reason, CancellationToken.None));

    private async Task<AuditEntry> LastAuditAsync() => (await _database.AuditAsync())[^1];

    [Fact]
    public async Task ChangeRole_GivesExactlyTheNewRole_SignsTheAccountOut_AndAuditsTheReason()
    {
        await using (var db = _database.NewContext())
        {
            // An account that somehow holds two roles ends with exactly one.
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = _owner, RoleId = db.Roles.Single(r => r.Name == Roles.Reseller).Id });
            await db.SaveChangesAsync();
        }

        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await ChangeRoleAsync(_owner, Roles.Owner, "  One role only  ");

        Assert.Equal(_owner, Outcomes.Done(outcome));
        Assert.Equal("owner@example.com now has the role Owner.", outcome.Message!.ToEnglish());
        Assert.Equal([Roles.Owner], await _database.RolesOfAsync(_owner));
        Assert.NotEqual(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        var row = await LastAuditAsync();
        Assert.Equal((AuditActions.RoleChanged, _owner, "One role only"), (row.Action, row.SubjectId, row.Reason));
        Assert.Contains(row.Detail, new[] { "Owner, Reseller → Owner", "Reseller, Owner → Owner" });
    }

    [Fact]
    public async Task ChangeRole_ToTheRoleItHas_ChangesNothing()
    {
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await ChangeRoleAsync(_owner, Roles.Owner);

        Assert.Equal(_owner, Outcomes.Replayed(outcome));
        Assert.Equal("owner@example.com already has the role Owner.", outcome.Message!.ToEnglish());
        Assert.Equal(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        Assert.Empty(await _database.AuditAsync());
    }

    [Theory]
    [InlineData(null, "Moved", "Role", "Choose a role.")]
    [InlineData("Root", "Moved", "Role", "Choose a role.")]
    [InlineData(Roles.Support, "  ", "Reason", "Enter a reason.")]
    [InlineData(Roles.Support, null, "Reason", "Enter a reason.")]
    public async Task ChangeRole_WithoutAKnownRoleOrAReason_IsInvalid(string? role, string? reason, string field, string message)
    {
        var outcome = await ChangeRoleAsync(_owner, role, reason);

        Assert.Equal(new Dictionary<string, string> { [field] = message }, Outcomes.ByField(Outcomes.Invalid(outcome)));
        Assert.Equal([Roles.Owner], await _database.RolesOfAsync(_owner));
    }

    [Fact]
    public async Task ChangeRole_OfOneself_IsRefused()
    {
        // Not the last administrator: another can sign in.
        await _database.SeedSignInAccountAsync("admin-b", Roles.Admin);

        var outcome = await ChangeRoleAsync(_admin, Roles.Support);

        Assert.Equal(new Dictionary<string, string> { ["Role"] = "You cannot change your own role: ask another administrator." }, Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Equal([Roles.Admin], await _database.RolesOfAsync(_admin));
    }

    [Fact]
    public async Task ChangeRole_OfTheLastAdministratorWhoCanSignIn_IsRefused_WhoeverAsks()
    {
        // The others cannot sign in: no password, suspended, locked by an administrator.
        await _database.SeedAccountAsync("admin-new", Roles.Admin);
        var suspended = await _database.SeedSignInAccountAsync("admin-suspended", Roles.Admin);
        await _database.UpdateUserAsync(suspended, u => u.Suspended = true);
        var locked = await _database.SeedSignInAccountAsync("admin-locked", Roles.Admin);
        await _database.UpdateUserAsync(locked, u => u.LockoutEnd = AccountAccessCommands.LockedUntilLifted);

        var outcome = await ChangeRoleAsync(_admin, Roles.Owner, actor: "command-line:root");

        Assert.Equal(new Dictionary<string, string> { ["Role"] = "admin@example.com is the last administrator who can sign in; make another administrator first." },
            Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Equal([Roles.Admin], await _database.RolesOfAsync(_admin));
    }

    [Fact]
    public async Task ChangeRole_OfTheLastAdministrator_WhoAlsoHasAnotherRole_IsRefused()
    {
        await using (var db = _database.NewContext())
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = _admin, RoleId = db.Roles.Single(r => r.Name == Roles.Support).Id });
            await db.SaveChangesAsync();
        }

        var outcome = await ChangeRoleAsync(_admin, Roles.Support, actor: "command-line:root");

        Assert.Contains("last administrator", Outcomes.RefusedBecause(outcome), StringComparison.Ordinal);
        Assert.Equal([Roles.Admin, Roles.Support], await _database.RolesOfAsync(_admin));
    }

    [Fact]
    public async Task ChangeRole_OfAnAdministrator_WhileAnotherCanSignIn_IsDone()
    {
        // Locked only for a while by failed sign-ins: that administrator can still sign in.
        var other = await _database.SeedSignInAccountAsync("admin-b", Roles.Admin);
        await _database.UpdateUserAsync(other, u => u.LockoutEnd = _database.Time.GetUtcNow().AddMinutes(5));

        Outcomes.Done(await ChangeRoleAsync(_admin, Roles.Support, actor: other));

        Assert.Equal([Roles.Support], await _database.RolesOfAsync(_admin));
        Assert.Equal("Admin → Support", (await LastAuditAsync()).Detail);
    }

    [Fact]
    public async Task ChangeRole_ToAdmin_OfTheOnlyAdministrator_IsNotGuarded()
    {
        await using (var db = _database.NewContext())
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = _admin, RoleId = db.Roles.Single(r => r.Name == Roles.Support).Id });
            await db.SaveChangesAsync();
        }

        Outcomes.Done(await ChangeRoleAsync(_admin, Roles.Admin, actor: "command-line:root"));

        Assert.Equal([Roles.Admin], await _database.RolesOfAsync(_admin));
    }

    [Fact]
    public async Task ChangeRole_OfAResellersCustomerToStaff_EndsTheResellerLink_ButAnOwnerKeepsIt()
    {
        var reseller = await _database.SeedAccountAsync("reseller", Roles.Reseller);
        var second = await _database.SeedAccountAsync("second");
        await _database.UpdateUserAsync(_owner, u => u.ResellerId = reseller);
        await _database.UpdateUserAsync(second, u => u.ResellerId = reseller);
        await using (var db = _database.NewContext())
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = second, RoleId = db.Roles.Single(r => r.Name == Roles.Support).Id });
            await db.SaveChangesAsync();
        }

        Outcomes.Done(await ChangeRoleAsync(_owner, Roles.Support));
        Outcomes.Done(await ChangeRoleAsync(second, Roles.Owner));

        Assert.Null((await _database.UserAsync(_owner)).ResellerId);
        Assert.Equal(reseller, (await _database.UserAsync(second)).ResellerId);
    }

    [Fact]
    public async Task Lock_LocksUntilLifted_SignsOutEverywhere_AndAuditsTheReason()
    {
        await _database.UpdateUserAsync(_owner, u => u.LockoutEnabled = false);
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await LockAsync(_owner, " Left the company ");

        Assert.Equal(_owner, Outcomes.Done(outcome));
        Assert.Equal("owner@example.com is locked and signed out everywhere.", outcome.Message!.ToEnglish());
        var user = await _database.UserAsync(_owner);
        Assert.Equal((true, (DateTimeOffset?)DateTimeOffset.MaxValue), (user.LockoutEnabled, user.LockoutEnd));
        Assert.NotEqual(stamp, user.SecurityStamp);
        var row = await LastAuditAsync();
        Assert.Equal((AuditActions.AccountLocked, _owner, "locked until an administrator unlocks it; signed out everywhere", "Left the company"),
            (row.Action, row.SubjectId, row.Detail, row.Reason));
    }

    [Fact]
    public async Task Lock_OfALockedAccount_ChangesNothing()
    {
        Outcomes.Done(await LockAsync(_owner));
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var again = await LockAsync(_owner);

        Outcomes.Replayed(again);
        Assert.Equal("owner@example.com is already locked.", again.Message!.ToEnglish());
        Assert.Equal(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        Assert.Single(await _database.AuditAsync());
    }

    [Fact]
    public async Task Lock_OfOneself_OrOfTheLastAdministrator_IsRefused()
    {
        var self = await LockAsync(_admin);
        var last = await LockAsync(_admin, actor: "command-line:root");

        Assert.Equal("You cannot lock yourself out.", Outcomes.RefusedBecause(self));
        Assert.Equal("admin@example.com is the last administrator who can sign in; make another administrator first.", Outcomes.RefusedBecause(last));
        Assert.Null(Assert.Single(Outcomes.Refused(last)).Field);
        Assert.Null((await _database.UserAsync(_admin)).LockoutEnd);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Lock_OfAnAdministrator_WhileAnotherCanSignIn_IsDone()
    {
        var other = await _database.SeedSignInAccountAsync("admin-b", Roles.Admin);

        Outcomes.Done(await LockAsync(_admin, actor: other));

        Assert.Equal(AccountAccessCommands.LockedUntilLifted, (await _database.UserAsync(_admin)).LockoutEnd);
    }

    [Fact]
    public async Task Lock_OfAnOwner_WhenNoAdministratorCanSignIn_IsNotGuarded()
    {
        await _database.UpdateUserAsync(_admin, u => u.PasswordHash = null);

        Outcomes.Done(await LockAsync(_owner, actor: "command-line:root"));
    }

    [Fact]
    public async Task Unlock_LiftsAnAdministratorsLock()
    {
        Outcomes.Done(await LockAsync(_owner));

        var outcome = await UnlockAsync(_owner);

        Outcomes.Done(outcome);
        Assert.Equal("owner@example.com is unlocked.", outcome.Message!.ToEnglish());
        Assert.Null((await _database.UserAsync(_owner)).LockoutEnd);
        var row = await LastAuditAsync();
        Assert.Equal((AuditActions.AccountUnlocked, _owner, "lock lifted, failed sign-ins reset", null), (row.Action, row.SubjectId, row.Detail, row.Reason));
    }

    [Fact]
    public async Task Unlock_ResetsFailedSignIns_EvenWithoutALock()
    {
        await _database.UpdateUserAsync(_owner, u => u.AccessFailedCount = 2);

        Outcomes.Done(await UnlockAsync(_owner));

        Assert.Equal((0, (DateTimeOffset?)null), ((await _database.UserAsync(_owner)).AccessFailedCount, (await _database.UserAsync(_owner)).LockoutEnd));
    }

    [Fact]
    public async Task Unlock_OfAnAccountWithoutALockOrFailedSignIns_ChangesNothing()
    {
        var outcome = await UnlockAsync(_owner);

        Outcomes.Replayed(outcome);
        Assert.Equal("owner@example.com is not locked.", outcome.Message!.ToEnglish());
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Unlock_OfALockLeftBySignInsThatHasRunOut_StillClearsIt()
    {
        await _database.UpdateUserAsync(_owner, u => u.LockoutEnd = _database.Time.GetUtcNow().AddMinutes(-5));

        Outcomes.Done(await UnlockAsync(_owner));

        Assert.Null((await _database.UserAsync(_owner)).LockoutEnd);
    }

    [Fact]
    public async Task SignOutEverywhere_RenewsTheSecurityStamp_AndAuditsTheReason()
    {
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await SignOutAsync(_owner);

        Outcomes.Done(outcome);
        Assert.Equal("owner@example.com is signed out everywhere.", outcome.Message!.ToEnglish());
        Assert.NotEqual(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        var row = await LastAuditAsync();
        Assert.Equal((AuditActions.SignedOutEverywhere, _owner, "security stamp renewed", "Laptop stolen"), (row.Action, row.SubjectId, row.Detail, row.Reason));
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsItOff_ForgetsTheKeyAndCodes_AndSignsOut()
    {
        await _database.UpdateUserAsync(_owner, u => u.TwoFactorEnabled = true);
        await using (var db = _database.NewContext())
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = _owner, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "K" });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = _owner, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "a;b" });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = _admin, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "A" });
            await db.SaveChangesAsync();
        }

        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await ResetTwoFactorAsync(_owner);

        Outcomes.Done(outcome);
        Assert.Equal("Two-factor sign-in of owner@example.com is reset.", outcome.Message!.ToEnglish());
        var user = await _database.UserAsync(_owner);
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual(stamp, user.SecurityStamp);
        await using var check = _database.NewContext();
        Assert.Equal([_admin], check.UserTokens.Select(t => t.UserId).ToList());
        var row = await LastAuditAsync();
        Assert.Equal((AuditActions.TwoFactorReset, "two-factor off, authenticator key and recovery codes removed", "Lost the phone"), (row.Action, row.Detail, row.Reason));
    }

    [Fact]
    public async Task ResetTwoFactor_WithOnlyAKeyLeft_RemovesIt()
    {
        await using (var db = _database.NewContext())
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = _owner, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "K" });
            await db.SaveChangesAsync();
        }

        Outcomes.Done(await ResetTwoFactorAsync(_owner));

        await using var check = _database.NewContext();
        Assert.Empty(check.UserTokens.ToList());
    }

    [Fact]
    public async Task ResetTwoFactor_OfAnAccountWithoutTwoFactor_ChangesNothing()
    {
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;

        var outcome = await ResetTwoFactorAsync(_owner);

        Outcomes.Replayed(outcome);
        Assert.Equal("owner@example.com has no two-factor set-up.", outcome.Message!.ToEnglish());
        Assert.Equal(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task EveryCommandWithAReason_WithoutOne_IsInvalid_AndChangesNothing()
    {
        var stamp = (await _database.UserAsync(_owner)).SecurityStamp;
        var tooLong = new string('r', 501);

        Outcome<string>[] outcomes = [await LockAsync(_owner, " "), await SignOutAsync(_owner, null), await ResetTwoFactorAsync(_owner, tooLong), await ChangeRoleAsync(_owner, Roles.Support, tooLong)];

        Assert.All(outcomes, o => Assert.Equal("Reason", Assert.Single(Outcomes.Invalid(o)).Field));
        Assert.Equal("The reason can be at most 500 characters long.", Outcomes.Invalid(outcomes[2])[0].Message.ToEnglish());
        Assert.Equal(stamp, (await _database.UserAsync(_owner)).SecurityStamp);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task EveryCommandOnAnUnknownAccount_IsNotFound()
    {
        Outcomes.NotFound(await ChangeRoleAsync("acct-nobody", Roles.Support));
        Outcomes.NotFound(await LockAsync("acct-nobody"));
        Outcomes.NotFound(await UnlockAsync("acct-nobody"));
        Outcomes.NotFound(await SignOutAsync("acct-nobody"));
        Outcomes.NotFound(await ResetTwoFactorAsync("acct-nobody"));
        Assert.Empty(await _database.AuditAsync());
    }
}
