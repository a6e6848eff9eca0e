using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>
/// Whose customer an owner account is, as an administrator sets it; on a real SQLite file. (That its numbers follow
/// is ResellerNumbersTests'.)
/// </summary>
public sealed class ResellerLinkCommandsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _admin = null!;
    private string _owner = null!;
    private string _reseller = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _admin = await _database.SeedSignInAccountAsync("admin", Roles.Admin);
        _owner = await _database.SeedAccountAsync("owner");
        _reseller = await _database.SeedAccountAsync("reseller", Roles.Reseller);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<Outcome<string>> LinkAsync(string accountId, string? resellerEmail) =>
        _database.ResellerLinksAsync(r => r.LinkResellerAsync(AccountRows.Admin(_admin), accountId, resellerEmail, CancellationToken.None));

    private Task<Outcome<string>> UnlinkAsync(string accountId, string? reason = "Billed directly now") =>
        _database.ResellerLinksAsync(r => r.UnlinkResellerAsync(AccountRows.Admin(_admin), accountId, reason, CancellationToken.None));

    [Fact]
    public async Task Link_MakesTheOwnerTheResellersCustomer_FindingTheResellerByAnyCaseOfItsEmail()
    {
        var outcome = await LinkAsync(_owner, "  RESELLER@example.com ");

        Assert.Equal(_owner, Outcomes.Done(outcome));
        Assert.Equal("owner@example.com is now a customer of RESELLER@example.com.", outcome.Message!.ToEnglish());
        Assert.Equal(_reseller, (await _database.UserAsync(_owner)).ResellerId);
        var row = Assert.Single(await _database.AuditAsync());
        Assert.Equal((AuditActions.ResellerLinked, _owner, $"reseller {_reseller} (before: none)", _admin), (row.Action, row.SubjectId, row.Detail, row.ActorId));
    }

    [Fact]
    public async Task Link_ToAnotherReseller_NamesTheOneBefore()
    {
        var other = await _database.SeedAccountAsync("other-reseller", Roles.Reseller);
        Outcomes.Done(await LinkAsync(_owner, "reseller@example.com"));

        Outcomes.Done(await LinkAsync(_owner, "other-reseller@example.com"));

        Assert.Equal(other, (await _database.UserAsync(_owner)).ResellerId);
        Assert.Equal($"reseller {other} (before: {_reseller})", (await _database.AuditAsync())[^1].Detail);
    }

    [Fact]
    public async Task Link_ToTheResellerItHas_ChangesNothing()
    {
        Outcomes.Done(await LinkAsync(_owner, "reseller@example.com"));

        var again = await LinkAsync(_owner, "reseller@example.com");

        Assert.Equal(_owner, Outcomes.Replayed(again));
        Assert.Equal("owner@example.com is already a customer of reseller@example.com.", again.Message!.ToEnglish());
        Assert.Single(await _database.AuditAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("too-long")]
    public async Task Link_WithoutAResellerEmail_IsInvalid(string? resellerEmail)
    {
        var email = resellerEmail == "too-long" ? new string('r', InputLimits.EmailMaxLength - "@example.com".Length + 1) + "@example.com" : resellerEmail;

        var outcome = await LinkAsync(_owner, email);

        Assert.Equal(new Dictionary<string, string> { ["ResellerEmail"] = "Enter the reseller's e-mail address." }, Outcomes.ByField(Outcomes.Invalid(outcome)));
    }

    [Fact]
    public async Task Link_WithAnEmailOfTheLongestLength_IsJudged()
    {
        var email = new string('r', InputLimits.EmailMaxLength - "@example.com".Length) + "@example.com";

        var outcome = await LinkAsync(_owner, email);

        Assert.Equal($"No reseller account has the e-mail address {email}.", Outcomes.RefusedBecause(outcome));
    }

    [Fact]
    public async Task Link_OfAStaffAccount_IsRefused()
    {
        var support = await _database.SeedAccountAsync("support", Roles.Support);

        var outcome = await LinkAsync(support, "reseller@example.com");

        Assert.Equal(new Dictionary<string, string> { ["ResellerEmail"] = "Only an owner account can be a reseller's customer." }, Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Null((await _database.UserAsync(support)).ResellerId);
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("admin@example.com")]
    public async Task Link_ToAnEmailNoResellerHas_IsRefused(string resellerEmail)
    {
        var outcome = await LinkAsync(_owner, " " + resellerEmail);

        Assert.Equal(new Dictionary<string, string> { ["ResellerEmail"] = $"No reseller account has the e-mail address {resellerEmail}." },
            Outcomes.ByField(Outcomes.Refused(outcome)));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Unlink_EndsTheLink_AndAuditsTheResellerAndTheReason()
    {
        Outcomes.Done(await LinkAsync(_owner, "reseller@example.com"));

        var outcome = await UnlinkAsync(_owner, " Billed directly now ");

        Assert.Equal(_owner, Outcomes.Done(outcome));
        Assert.Equal("owner@example.com is no longer a reseller's customer.", outcome.Message!.ToEnglish());
        Assert.Null((await _database.UserAsync(_owner)).ResellerId);
        var row = (await _database.AuditAsync())[^1];
        Assert.Equal((AuditActions.ResellerUnlinked, _owner, $"reseller {_reseller}", "Billed directly now"), (row.Action, row.SubjectId, row.Detail, row.Reason));
    }

    [Fact]
    public async Task Unlink_OfAnAccountWithoutReseller_ChangesNothing()
    {
        var outcome = await UnlinkAsync(_owner);

        Assert.Equal(_owner, Outcomes.Replayed(outcome));
        Assert.Equal("owner@example.com is not a reseller's customer.", outcome.Message!.ToEnglish());
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Unlink_WithoutAReason_IsInvalid()
    {
        Outcomes.Done(await LinkAsync(_owner, "reseller@example.com"));

        var outcome = await UnlinkAsync(_owner, reason: "");

        Assert.Equal(new Dictionary<string, string> { ["Reason"] = "Enter a reason." }, Outcomes.ByField(Outcomes.Invalid(outcome)));
        Assert.Equal(_reseller, (await _database.UserAsync(_owner)).ResellerId);
    }

    [Fact]
    public async Task BothOnAnUnknownAccount_AreNotFound()
    {
        Outcomes.NotFound(await LinkAsync("acct-nobody", "reseller@example.com"));
        Outcomes.NotFound(await UnlinkAsync("acct-nobody"));
    }
}
