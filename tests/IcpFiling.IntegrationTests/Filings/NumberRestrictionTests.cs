using IcpFiling.Core.Audit;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>The owner of an unused number may name the one account that can file with it (docs/RULES.md, restricting).</summary>
public sealed class NumberRestrictionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _named = null!;
    private string _other = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _named = await _database.SeedAccountAsync("named");
        _other = await _database.SeedAccountAsync("other");
        var instance = await _database.SeedInstanceAsync(_owner, "i-restricted");
        _number = await _database.IssueAsync(_owner, instance.InstanceId, "k");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restrict_ByEmail_RefusesOtherAccountsAndTheOwnerButAcceptsTheNamedOne()
    {
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, " Named@Example.COM ")));

        Assert.Equal(_named, (await _database.NumberAsync(_number)).RestrictedToAccountId);
        Assert.Equal(
            ServiceNumberUsability.RestrictedToOther,
            Outcomes.RefusedBecause(await _database.SubmitWithNumberAsync(Request(_other, "other.cn"), _number)));
        Assert.Equal(
            ServiceNumberUsability.RestrictedToOther,
            Outcomes.RefusedBecause(await _database.SubmitWithNumberAsync(Request(_owner, "owner.cn"), _number)));
        Assert.Equal(ServiceNumberStatus.Unused, (await _database.NumberAsync(_number)).Status);

        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_named, "named.cn"), _number));
        var filing = Assert.Single(await _database.FilingsAsync());
        Assert.Equal((_named, "named.cn"), (filing.AccountId, filing.DomainAscii));
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(_number)).Status);
    }

    [Fact]
    public async Task Restrict_ThenLiftWithAnEmptyEmail_MakesTheNumberUsableByAnyone()
    {
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "named@example.com")));

        Assert.Equal(RestrictionChange.Lifted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "  ")));

        Assert.Null((await _database.NumberAsync(_number)).RestrictedToAccountId);
        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_other, "other.cn"), _number));
    }

    [Fact]
    public async Task Restrict_ToAnotherAccountThenAnother_IsChangedAndOnlyTheLastNamedCanUseIt()
    {
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "named@example.com")));

        Assert.Equal(RestrictionChange.Changed, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "other@example.com")));

        Assert.Equal(
            ServiceNumberUsability.RestrictedToOther,
            Outcomes.RefusedBecause(await _database.SubmitWithNumberAsync(Request(_named, "named.cn"), _number)));
        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_other, "other.cn"), _number));
    }

    [Fact]
    public async Task Restrict_Restricted_Changed_Lifted_EachWritesOneAuditRow()
    {
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "named@example.com")));
        Assert.Equal(RestrictionChange.Changed, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "other@example.com")));
        Assert.Equal(RestrictionChange.Lifted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, null)));

        var audit = (await _database.AuditAsync()).Where(a => a.Action != AuditActions.NumberIssued).ToList();
        Assert.Equal(
            [
                (AuditActions.NumberRestricted, "restricted to named@example.com"),
                (AuditActions.NumberRestrictionChanged, "restricted to other@example.com"),
                (AuditActions.NumberRestrictionLifted, "restriction lifted"),
            ],
            audit.Select(a => (a.Action, a.Detail)));
        Assert.All(audit, a => Assert.Equal(
            (AuditSubjects.ServiceNumber, _number, _owner, "corr-restrict"),
            (a.SubjectType, a.SubjectId, a.ActorId, a.CorrelationId)));
    }

    [Fact]
    public async Task Restrict_ToTheSameAccountAgainOrLiftWhenUnrestricted_IsUnchangedAndWritesNothing()
    {
        Outcomes.Replayed(await _database.RestrictAsync(_owner, _number, ""));
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(await _database.RestrictAsync(_owner, _number, "named@example.com")));
        var auditBefore = await _database.AuditCountAsync();

        Outcomes.Replayed(await _database.RestrictAsync(_owner, _number, "NAMED@example.com"));

        Assert.Equal(auditBefore, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Restrict_AUsedNumber_IsNotUnusedAndChangesNothing()
    {
        Outcomes.Done(await _database.SubmitWithNumberAsync(Request(_owner, "owner.cn"), _number));
        var auditBefore = await _database.AuditCountAsync();

        Outcomes.Refused(await _database.RestrictAsync(_owner, _number, "named@example.com"));
        Outcomes.Refused(await _database.RestrictAsync(_owner, _number, ""));

        var row = await _database.NumberAsync(_number);
        Assert.Null(row.RestrictedToAccountId);
        Assert.Equal(ServiceNumberStatus.Used, row.Status);
        Assert.Equal(auditBefore, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Restrict_ToAnUnknownEmail_IsUnknownAccountAndChangesNothing()
    {
        Assert.Equal("Email", Assert.Single(Outcomes.Invalid(await _database.RestrictAsync(_owner, _number, "nobody@example.com"))).Field);

        Assert.Null((await _database.NumberAsync(_number)).RestrictedToAccountId);
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Restrict_AnotherOwnersNumber_IsNotFoundAndChangesNothing()
    {
        Outcomes.NotFound(await _database.RestrictAsync(_named, _number, "named@example.com"));

        Assert.Null((await _database.NumberAsync(_number)).RestrictedToAccountId);
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d0")]
    public async Task Restrict_ANumberThatDoesNotExist_IsNotFound(string? number)
    {
        Outcomes.NotFound(await _database.RestrictAsync(_owner, number, "named@example.com"));
    }
}
