using IcpFiling.Core.Changes;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>The issuer one request at a time against a real SQLite file.</summary>
public sealed class ServiceNumberIssuerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _stranger = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _stranger = await _database.SeedAccountAsync("stranger");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Apply_WhenQualified_IssuesAVersion4NumberStoredWithItsAuditRow()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-first");

        var result = await _database.ApplyAsync(
            new ApplyRequest(_owner, instance.InstanceId, "k-1", IssueChannel.Filing, CorrelationId: "corr-1"));

        var issued = Outcomes.Done(result);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", issued.Number);
        Assert.Equal((instance.InstanceId, "instance:i-first", 1, _database.UtcNow), (issued.InstanceId, issued.QuotaKey, issued.Slot, issued.IssuedAt));

        var row = Assert.Single(await _database.NumbersAsync());
        Assert.Equal(issued.Number, row.Number);
        Assert.Equal(_owner, row.AccountId);
        Assert.Equal(InstanceType.Ecs, row.InstanceType);
        Assert.Equal(ServiceNumberStatus.Unused, row.Status);
        Assert.Equal(IssueChannel.Filing, row.Channel);
        Assert.Equal(_database.UtcNow, row.IssuedAt);
        Assert.Equal(DateTimeKind.Utc, row.IssuedAt.Kind);
        Assert.Equal("k-1", row.IdempotencyKey);

        await using var db = _database.NewContext();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal((AuditActions.NumberIssued, AuditSubjects.ServiceNumber, issued.Number, _owner, "corr-1"),
            (audit.Action, audit.SubjectType, audit.SubjectId, audit.ActorId, audit.CorrelationId));
    }

    [Fact]
    public async Task Apply_SameKeyTwice_IssuesThenReplaysTheSameNumber()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-replay");
        var request = new ApplyRequest(_owner, instance.InstanceId, "click-1");

        var first = Outcomes.Done(await _database.ApplyAsync(request));
        _database.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Outcomes.Replayed(await _database.ApplyAsync(request));

        Assert.Equal(first.Number, second.Number);
        Assert.Single(await _database.NumbersAsync());
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_ReplayAfterTheQuotaIsUsedUpAndTheInstanceReleased_StillAnswersWithTheNumber()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-late-replay", InstanceType.Marketplace);
        var first = Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "only")));
        await using (var db = _database.NewContext())
        {
            (await db.Instances.SingleAsync(i => i.InstanceId == instance.InstanceId)).Status = InstanceStatus.Released;
            await db.SaveChangesAsync();
        }

        var replay = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "only"));

        Assert.Equal(first, Outcomes.Replayed(replay));
        var fresh = Outcomes.Refused(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "another")));
        Assert.Equal([EligibilityRuleId.Running, EligibilityRuleId.Quota], Outcomes.Rules(fresh));
    }

    [Fact]
    public async Task Apply_SameKeyForAnotherInstance_IsKeyReusedAndIssuesNothing()
    {
        var first = await _database.SeedInstanceAsync(_owner, "i-key-a");
        var second = await _database.SeedInstanceAsync(_owner, "i-key-b");
        Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, first.InstanceId, "shared-key")));

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, second.InstanceId, "shared-key"));

        Assert.Equal(
            ("IdempotencyKey", IssuerMessages.KeyReused),
            Assert.Single(Outcomes.Invalid(result)) is var problem ? (problem.Field, problem.Message.ToEnglish()) : default);
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Apply_SameKeyFromAnotherAccount_IsIndependent()
    {
        var mine = await _database.SeedInstanceAsync(_owner, "i-mine");
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-theirs");

        Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, mine.InstanceId, "k")));
        Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_stranger, theirs.InstanceId, "k")));

        Assert.Equal(2, (await _database.NumbersAsync()).Count);
    }

    [Fact]
    public async Task Apply_OnAnotherAccountsInstance_IsNotFoundAndWritesNothing()
    {
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-not-yours");

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, theirs.InstanceId, "k-1"));

        Outcomes.NotFound(result);
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_OnUnknownInstance_IsNotFoundAndWritesNothing()
    {
        var result = await _database.ApplyAsync(new ApplyRequest(_owner, "i-does-not-exist", "k-1"));

        Outcomes.NotFound(result);
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_WhenPayAsYouGoWithoutPublicIp_IsRefusedListingBothReasonsAndWritesNothing()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-payg", change: i =>
        {
            i.Billing = BillingMethod.PayAsYouGo;
            i.PublicIps = [];
        });

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-1"));

        var refused = Outcomes.Refused(result);
        Assert.Equal([EligibilityRuleId.Billing, EligibilityRuleId.PublicIp], Outcomes.Rules(refused));
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_WhenInstanceExpiresWhileTimePasses_IsRefused()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-aging", change: i => i.ExpiresAt = _database.UtcNow.AddMonths(4));
        Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-1")));

        _database.Time.Advance(TimeSpan.FromDays(40));
        var result = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-2"));

        var refused = Outcomes.Refused(result);
        Assert.Equal(EligibilityRuleId.RemainingPeriod, Assert.Single(Outcomes.Rules(refused)));
    }

    [Fact]
    public async Task Apply_WithQuotaOverrideOfSeven_IssuesSevenThenRefuses()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-override", change: i => i.QuotaOverride = 7);

        var results = new List<Outcome<IssuedNumber>>();
        for (var i = 1; i <= 9; i++)
        {
            results.Add(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, $"k-{i}")));
        }

        Assert.Equal(Enumerable.Range(1, 7), results.Where(r => r.Kind == OutcomeKind.Done).Select(r => r.Value!).Select(r => r.Slot));
        Assert.Equal(2, results.Where(r => r.Kind == OutcomeKind.Refused).Count());
        Assert.Equal(
            "Quota used up (7/7).",
            Assert.Single(results.First(r => r.Kind == OutcomeKind.Refused).Problems).Message.ToEnglish());
        Assert.Equal(Enumerable.Range(1, 7), (await _database.NumbersAsync()).Select(n => n.Slot));
    }

    [Fact]
    public async Task Apply_OnNatGateway_StopsAtItsQuotaOfTwo()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "nat-1", InstanceType.NatGateway);

        var results = new List<Outcome<IssuedNumber>>();
        for (var i = 1; i <= 3; i++)
        {
            results.Add(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, $"k-{i}")));
        }

        Assert.Equal(2, results.Where(r => r.Kind == OutcomeKind.Done).Select(r => r.Value!).Count());
        Outcomes.Refused(results[2]);
    }

    [Fact]
    public async Task Apply_WithAnInvalidIdempotencyKey_IsInvalidAndIssuesNothing()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-badkey");

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "not a key"));

        Assert.Equal("IdempotencyKey", Assert.Single(Outcomes.Invalid(result)).Field);
        Assert.Empty(await _database.NumbersAsync());
    }
}
