using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>Accounts an administrator creates, the links their holders set a password with, and the password itself; on a real SQLite file.</summary>
public sealed class AccountProvisioningCommandsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _admin = null!;
    private string _reseller = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _admin = await _database.SeedSignInAccountAsync("admin", Roles.Admin);
        _reseller = await _database.SeedAccountAsync("reseller", Roles.Reseller);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<Outcome<string>> CreateAsync(NewAccount request) =>
        _database.ProvisioningAsync(p => p.CreateAsync(AccountRows.Admin(_admin), request, CancellationToken.None));

    private Task<Outcome<PasswordLinkTarget>> IssueLinkAsync(string accountId) =>
        _database.ProvisioningAsync(p => p.IssuePasswordLinkAsync(AccountRows.Admin(_admin), accountId, "shown on screen", CancellationToken.None));

    private Task<Outcome<string>> SetPasswordAsync(string accountId, string hash, string? expectedStamp) =>
        _database.ProvisioningAsync(p => p.SetPasswordAsync(Actor.Anonymous("corr-reset"), accountId, hash, expectedStamp, CancellationToken.None));

    [Fact]
    public async Task Create_StoresAConfirmedAccountWithoutPassword_InItsRole_WithAnAuditRow()
    {
        var outcome = await CreateAsync(new NewAccount("  New.Owner@Example.cn ", "  Li Lei  ", Roles.Owner));

        var id = Outcomes.Done(outcome);
        Assert.Equal("Account New.Owner@Example.cn was created.", outcome.Message!.ToEnglish());
        var user = await _database.UserAsync(id);
        Assert.Equal(
            ("New.Owner@Example.cn", "NEW.OWNER@EXAMPLE.CN", "New.Owner@Example.cn", "NEW.OWNER@EXAMPLE.CN", true, "Li Lei", null, AccountLanguages.English, true, null),
            (user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail, user.EmailConfirmed, user.DisplayName, user.ResellerId, user.Language, user.LockoutEnabled, user.PasswordHash));
        Assert.True(Guid.TryParse(id, out _));
        Assert.True(Guid.TryParse(user.SecurityStamp, out _));
        Assert.True(Guid.TryParse(user.ConcurrencyStamp, out _));
        Assert.Equal([Roles.Owner], await _database.RolesOfAsync(id));
        var row = Assert.Single(await _database.AuditAsync());
        Assert.Equal(
            (AuditActions.AccountAdded, AuditSubjects.Account, id, "New.Owner@Example.cn; role Owner; reseller none", _admin),
            (row.Action, row.SubjectType, row.SubjectId, row.Detail, row.ActorId));
    }

    [Fact]
    public async Task Create_WithTheProvidersIdAResellerAndChinese_KeepsThemAll()
    {
        var id = Outcomes.Done(await CreateAsync(new NewAccount("shop@example.cn", null, Roles.Owner, " acct-7:a.b_c ", " RESELLER@example.com ", AccountLanguages.Chinese)));

        Assert.Equal("acct-7:a.b_c", id);
        var user = await _database.UserAsync(id);
        Assert.Equal((_reseller, AccountLanguages.Chinese, ""), (user.ResellerId, user.Language, user.DisplayName));
        Assert.Equal("shop@example.cn; role Owner; reseller RESELLER@example.com", Assert.Single(await _database.AuditAsync()).Detail);
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Reseller)]
    public async Task Create_GivesStaffAndResellerAccountsTheirRole(string role)
    {
        var id = Outcomes.Done(await CreateAsync(new NewAccount(role + "@example.cn", "x", role, Language: "")));

        Assert.Equal([role], await _database.RolesOfAsync(id));
        Assert.Equal(AccountLanguages.English, (await _database.UserAsync(id)).Language);
    }

    [Fact]
    public async Task Create_AtTheLengthLimits_IsAccepted()
    {
        var email = new string('a', InputLimits.EmailMaxLength - "@example.cn".Length) + "@example.cn";

        var id = Outcomes.Done(await CreateAsync(new NewAccount(email, new string('名', ApplicationUser.DisplayNameMaxLength), Roles.Owner)));

        Assert.Equal(email, (await _database.UserAsync(id)).Email);
    }

    public static TheoryData<NewAccount, string, string> BadRequests() => new()
    {
        { new NewAccount(null, "x", Roles.Owner), "Email", "Give a valid e-mail address of at most 256 characters." },
        { new NewAccount("   ", "x", Roles.Owner), "Email", "Give a valid e-mail address of at most 256 characters." },
        { new NewAccount("not-an-address", "x", Roles.Owner), "Email", "Give a valid e-mail address of at most 256 characters." },
        { new NewAccount(new string('a', 246) + "@example.cn", "x", Roles.Owner), "Email", "Give a valid e-mail address of at most 256 characters." },
        { new NewAccount("a@example.cn", new string('x', 101), Roles.Owner), "DisplayName", "The name can be at most 100 characters long." },
        { new NewAccount("a@example.cn", "x", null), "Role", "Choose a role." },
        { new NewAccount("a@example.cn", "x", "Root"), "Role", "Choose a role." },
        { new NewAccount("a@example.cn", "x", Roles.Owner, "acct/7"), "AccountId", "Give an id of at most 64 letters, digits and - _ . : characters." },
        { new NewAccount("a@example.cn", "x", Roles.Support, ResellerEmail: "reseller@example.com"), "ResellerEmail", "Only an owner account can be a reseller's customer." },
        { new NewAccount("a@example.cn", "x", Roles.Owner, Language: "fr"), "Language", "Choose a language." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_WithABadField_IsInvalidAboutThatFieldAndWritesNothing(NewAccount request, string field, string message)
    {
        var outcome = await CreateAsync(request);

        Assert.Equal(new Dictionary<string, string> { [field] = message }, Outcomes.ByField(Outcomes.Invalid(outcome)));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Create_WithEveryFieldWrong_NamesEveryField()
    {
        var outcome = await CreateAsync(new NewAccount("bad", new string('x', 101), "Root", "a b", "r@example.com", "fr"));

        Assert.Equal(["Email", "DisplayName", "Role", "AccountId", "ResellerEmail", "Language"], Outcomes.Invalid(outcome).Select(p => p.Field));
    }

    [Theory]
    [InlineData("ADMIN@example.com")]
    [InlineData("Old-Name@Example.com")]
    public async Task Create_WithAnAddressAnotherAccountUsesAsEmailOrUserName_IsRefused(string email)
    {
        await _database.UpdateUserAsync(_admin, u => (u.UserName, u.NormalizedUserName) = ("old-name@example.com", "OLD-NAME@EXAMPLE.COM"));

        var outcome = await CreateAsync(new NewAccount(email, "x", Roles.Owner));

        Assert.Equal(new Dictionary<string, string> { ["Email"] = $"Another account uses the e-mail address {email}." }, Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Create_WithAnIdTaken_IsRefused()
    {
        var outcome = await CreateAsync(new NewAccount("new@example.cn", "x", Roles.Owner, _reseller));

        Assert.Equal(new Dictionary<string, string> { ["AccountId"] = $"An account with the id {_reseller} exists already." }, Outcomes.ByField(Outcomes.Refused(outcome)));
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("admin@example.com")]
    public async Task Create_ForAResellerEmailNoResellerHas_IsRefused(string resellerEmail)
    {
        var outcome = await CreateAsync(new NewAccount("new@example.cn", "x", Roles.Owner, ResellerEmail: resellerEmail));

        Assert.Equal(new Dictionary<string, string> { ["ResellerEmail"] = $"No reseller account has the e-mail address {resellerEmail}." },
            Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Create_InADatabaseWithoutTheConsolesRoles_IsABug_NamedInTheException()
    {
        await using var empty = await TestDatabase.CreateSqliteAsync();
        await using var db = empty.NewContext();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new AccountProvisioningCommands(empty.Runner(db)).CreateAsync(Actor.System, new NewAccount("a@example.cn", "x", Roles.Owner), CancellationToken.None));

        Assert.Equal("The role Owner does not exist; start-up creates it.", thrown.Message);
    }

    [Fact]
    public async Task PasswordLink_ForAnAccountWithoutPassword_IsAnInvitation_ThatSpendsEarlierInvitations()
    {
        var id = Outcomes.Done(await CreateAsync(new NewAccount("invitee@example.cn", "x", Roles.Owner, Language: AccountLanguages.Chinese)));
        var stamp = (await _database.UserAsync(id)).SecurityStamp;

        var outcome = await IssueLinkAsync(id);

        Assert.Equal(new PasswordLinkTarget(id, "invitee@example.cn", AccountLanguages.Chinese, Invitation: true), Outcomes.Done(outcome));
        Assert.Equal("Invitation for invitee@example.cn made.", outcome.Message!.ToEnglish());
        Assert.NotEqual(stamp, (await _database.UserAsync(id)).SecurityStamp);
        var row = (await _database.AuditAsync())[^1];
        Assert.Equal((AuditActions.InvitationIssued, id, "shown on screen"), (row.Action, row.SubjectId, row.Detail));
    }

    [Fact]
    public async Task PasswordLink_ForAnAccountWithAPassword_IsAReset_AndLeavesItsSessionsAlone()
    {
        var owner = await _database.SeedSignInAccountAsync("owner", Roles.Owner);
        var stamp = (await _database.UserAsync(owner)).SecurityStamp;

        var outcome = await IssueLinkAsync(owner);

        Assert.Equal(new PasswordLinkTarget(owner, "owner@example.com", AccountLanguages.English, Invitation: false), Outcomes.Done(outcome));
        Assert.Equal("Password reset link for owner@example.com made.", outcome.Message!.ToEnglish());
        Assert.Equal(stamp, (await _database.UserAsync(owner)).SecurityStamp);
        Assert.Equal(AuditActions.PasswordResetIssued, Assert.Single(await _database.AuditAsync()).Action);
    }

    [Fact]
    public async Task PasswordLink_ForASuspendedAccount_IsRefused()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.UpdateUserAsync(owner, u => u.Suspended = true);

        var outcome = await IssueLinkAsync(owner);

        Assert.Equal("owner@example.com is suspended by the provider and cannot sign in.", Outcomes.RefusedBecause(outcome));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task EveryCommandOnAnUnknownAccount_IsNotFound()
    {
        Outcomes.NotFound(await IssueLinkAsync("acct-nobody"));
        Outcomes.NotFound(await SetPasswordAsync("acct-nobody", "hash", expectedStamp: null));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task SetPassword_WithTheLinksStamp_StoresTheHash_SpendsTheLink_AndEndsAFailedSignInLock()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.UpdateUserAsync(owner, u => (u.AccessFailedCount, u.LockoutEnd) = (3, _database.Time.GetUtcNow().AddMinutes(5)));
        var before = await _database.UserAsync(owner);

        var outcome = await SetPasswordAsync(owner, "new-hash", before.SecurityStamp);

        Assert.Equal(owner, Outcomes.Done(outcome));
        Assert.Equal("Your password is set. Sign in with it now.", outcome.Message!.ToEnglish());
        var after = await _database.UserAsync(owner);
        Assert.Equal(("new-hash", 0, (DateTimeOffset?)null), (after.PasswordHash, after.AccessFailedCount, after.LockoutEnd));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.NotEqual(before.ConcurrencyStamp, after.ConcurrencyStamp);
        var row = Assert.Single(await _database.AuditAsync());
        Assert.Equal((AuditActions.PasswordSet, owner, "first password set", "anonymous"), (row.Action, row.SubjectId, row.Detail, row.ActorId));

        var again = await SetPasswordAsync(owner, "other-hash", before.SecurityStamp);

        Assert.Equal("This link has been used or replaced. Ask for a new one.", Outcomes.RefusedBecause(again));
        Assert.Equal("new-hash", (await _database.UserAsync(owner)).PasswordHash);
        Assert.Single(await _database.AuditAsync());
    }

    [Fact]
    public async Task SetPassword_OnTheServer_ResetsAPassword_ButAnAdministratorsLockOutlivesIt()
    {
        var owner = await _database.SeedSignInAccountAsync("owner", Roles.Owner);
        await _database.UpdateUserAsync(owner, u => u.LockoutEnd = AccountAccessCommands.LockedUntilLifted);

        Outcomes.Done(await SetPasswordAsync(owner, "new-hash", expectedStamp: null));

        var after = await _database.UserAsync(owner);
        Assert.Equal(("new-hash", (DateTimeOffset?)AccountAccessCommands.LockedUntilLifted), (after.PasswordHash, after.LockoutEnd));
        Assert.Equal("password reset", Assert.Single(await _database.AuditAsync()).Detail);
    }
}
