using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests;

/// <summary>A command handed nothing says which argument is missing, before it touches the database.</summary>
public sealed class ArgumentGuardTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Run_WithoutAnActorOrAChange_ThrowsNamingIt()
    {
        await using var db = _database.NewContext();
        var runner = _database.Runner(db);

        var noActor = await Assert.ThrowsAsync<ArgumentNullException>(() => runner.RunAsync<int>(
            null!, (_, _) => Task.FromResult<Outcome<int>>(Outcome.NotFound), CancellationToken.None));
        var noChange = await Assert.ThrowsAsync<ArgumentNullException>(() => runner.RunAsync<int>(
            Actor.Owner("a-1", null), null!, CancellationToken.None));

        Assert.Equal(("actor", "change"), (noActor.ParamName, noChange.ParamName));
    }

    [Fact]
    public async Task IssuerAndFilingCommands_WithoutARequest_ThrowNamingIt()
    {
        await using var db = _database.NewContext();
        var issuer = _database.Issuer(db);
        var filings = _database.Service(db);
        var scope = new ChangeScope(db, Actor.Owner("a-1", null), _database.UtcNow);

        var apply = await Assert.ThrowsAsync<ArgumentNullException>(() => issuer.ApplyAsync(null!, CancellationToken.None));
        var issueWithoutScope = await Assert.ThrowsAsync<ArgumentNullException>(
            () => issuer.IssueAsync(null!, new ApplyRequest("a-1", "i-1", "k1"), CancellationToken.None));
        var issueWithoutRequest = await Assert.ThrowsAsync<ArgumentNullException>(() => issuer.IssueAsync(scope, null!, CancellationToken.None));
        var withNumber = await Assert.ThrowsAsync<ArgumentNullException>(() => filings.SubmitWithNumberAsync(null!, CancellationToken.None));
        var withInstance = await Assert.ThrowsAsync<ArgumentNullException>(() => filings.SubmitWithInstanceAsync(null!, CancellationToken.None));

        Assert.Equal(
            ("request", "scope", "request", "request", "request"),
            (apply.ParamName, issueWithoutScope.ParamName, issueWithoutRequest.ParamName, withNumber.ParamName, withInstance.ParamName));
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task InventoryAndAccountCreation_WithoutTheirItemsOrRequest_ThrowNamingThem()
    {
        await using var db = _database.NewContext();

        var items = await Assert.ThrowsAsync<ArgumentNullException>(
            () => _database.Inventory(db).ApplyAsync(Actor.System, null!, CancellationToken.None));
        var request = await Assert.ThrowsAsync<ArgumentNullException>(
            () => new Core.Accounts.AccountProvisioningCommands(_database.Runner(db)).CreateAsync(Actor.System, null!, CancellationToken.None));

        Assert.Equal(("items", "request"), (items.ParamName, request.ParamName));
    }

    [Fact]
    public async Task Standings_WithoutInstances_ThrowsNamingThemAndOfNoInstancesAreEmpty()
    {
        await using var db = _database.NewContext();
        var standings = _database.Standings(db);

        var thrown = await Assert.ThrowsAsync<ArgumentNullException>(
            () => standings.JudgeAsync((IReadOnlyList<Instance>)null!, accountId: null, _database.UtcNow, CancellationToken.None));
        var none = await standings.JudgeAsync([], accountId: null, _database.UtcNow, CancellationToken.None);

        Assert.Equal("instances", thrown.ParamName);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Standings_AsAnotherAccount_JudgeTheOwnerRuleForThatAccount()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-1");
        await using var db = _database.NewContext();

        var asStranger = await _database.Standings(db).JudgeAsync(instance, "stranger", _database.UtcNow, CancellationToken.None);
        var asOwner = await _database.Standings(db).JudgeAsync(instance, accountId: null, _database.UtcNow, CancellationToken.None);

        Assert.Equal([Core.Eligibility.EligibilityRuleId.Owner], asStranger.Verdict.Failures.Select(f => f.Rule));
        Assert.True(asOwner.Verdict.IsEligible);
    }
}
