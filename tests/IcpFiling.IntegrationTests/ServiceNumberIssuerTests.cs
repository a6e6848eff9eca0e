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

        var issued = Assert.IsType<ApplyResult.Issued>(result).Number;
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

        var first = Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(request));
        _database.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Assert.IsType<ApplyResult.Replayed>(await _database.ApplyAsync(request));

        Assert.Equal(first.Number, second.Number);
        Assert.Single(await _database.NumbersAsync());
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_ReplayAfterTheQuotaIsUsedUpAndTheInstanceReleased_StillAnswersWithTheNumber()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-late-replay", InstanceType.Marketplace);
        var first = Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "only")));
        await using (var db = _database.NewContext())
        {
            (await db.Instances.SingleAsync(i => i.InstanceId == instance.InstanceId)).Status = InstanceStatus.Released;
            await db.SaveChangesAsync();
        }

        var replay = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "only"));

        Assert.Equal(first.Number, Assert.IsType<ApplyResult.Replayed>(replay).Number);
        var fresh = Assert.IsType<ApplyResult.Refused>(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "another")));
        Assert.Equal([EligibilityRuleId.Running, EligibilityRuleId.Quota], fresh.Reasons.Select(r => r.Rule));
    }

    [Fact]
    public async Task Apply_SameKeyForAnotherInstance_IsKeyReusedAndIssuesNothing()
    {
        var first = await _database.SeedInstanceAsync(_owner, "i-key-a");
        var second = await _database.SeedInstanceAsync(_owner, "i-key-b");
        Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(new ApplyRequest(_owner, first.InstanceId, "shared-key")));

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, second.InstanceId, "shared-key"));

        Assert.Equal(new ApplyResult.KeyReused(first.InstanceId), result);
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Apply_SameKeyFromAnotherAccount_IsIndependent()
    {
        var mine = await _database.SeedInstanceAsync(_owner, "i-mine");
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-theirs");

        Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(new ApplyRequest(_owner, mine.InstanceId, "k")));
        Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(new ApplyRequest(_stranger, theirs.InstanceId, "k")));

        Assert.Equal(2, (await _database.NumbersAsync()).Count);
    }

    [Fact]
    public async Task Apply_OnAnotherAccountsInstance_IsNotFoundAndWritesNothing()
    {
        var theirs = await _database.SeedInstanceAsync(_stranger, "i-not-yours");

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, theirs.InstanceId, "k-1"));

        Assert.IsType<ApplyResult.NotFound>(result);
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_OnUnknownInstance_IsNotFoundAndWritesNothing()
    {
        var result = await _database.ApplyAsync(new ApplyRequest(_owner, "i-does-not-exist", "k-1"));

        Assert.IsType<ApplyResult.NotFound>(result);
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_WhenPayAsYouGoWithoutPublicIp_IsRefusedListingBothReasonsAndWritesNothing()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-payg", change: i =>
        {
            i.Billing = BillingMethod.PayAsYouGo;
            i.PublicIp = null;
        });

        var result = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-1"));

        var refused = Assert.IsType<ApplyResult.Refused>(result);
        Assert.Equal([EligibilityRuleId.Billing, EligibilityRuleId.PublicIp], refused.Reasons.Select(r => r.Rule));
        Assert.Empty(await _database.NumbersAsync());
        Assert.Equal(0, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Apply_WhenInstanceExpiresWhileTimePasses_IsRefused()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-aging", change: i => i.ExpiresAt = _database.UtcNow.AddMonths(4));
        Assert.IsType<ApplyResult.Issued>(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-1")));

        _database.Time.Advance(TimeSpan.FromDays(40));
        var result = await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "k-2"));

        var refused = Assert.IsType<ApplyResult.Refused>(result);
        Assert.Equal(EligibilityRuleId.RemainingPeriod, Assert.Single(refused.Reasons).Rule);
    }

    [Fact]
    public async Task Apply_WithQuotaOverrideOfSeven_IssuesSevenThenRefuses()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-override", change: i => i.QuotaOverride = 7);

        var results = new List<ApplyResult>();
        for (var i = 1; i <= 9; i++)
        {
            results.Add(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, $"k-{i}")));
        }

        Assert.Equal(Enumerable.Range(1, 7), results.OfType<ApplyResult.Issued>().Select(r => r.Number.Slot));
        Assert.Equal(2, results.OfType<ApplyResult.Refused>().Count());
        Assert.Equal(
            "Quota used up (7/7).",
            Assert.Single(results.OfType<ApplyResult.Refused>().First().Reasons).ToEnglish());
        Assert.Equal(Enumerable.Range(1, 7), (await _database.NumbersAsync()).Select(n => n.Slot));
    }

    [Fact]
    public async Task Apply_OnNatGateway_StopsAtItsQuotaOfTwo()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "nat-1", InstanceType.NatGateway);

        var results = new List<ApplyResult>();
        for (var i = 1; i <= 3; i++)
        {
            results.Add(await _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, $"k-{i}")));
        }

        Assert.Equal(2, results.OfType<ApplyResult.Issued>().Count());
        Assert.IsType<ApplyResult.Refused>(results[2]);
    }

    [Fact]
    public async Task Apply_WithAnInvalidIdempotencyKey_ThrowsBeforeTouchingTheDatabase()
    {
        var instance = await _database.SeedInstanceAsync(_owner, "i-badkey");

        await Assert.ThrowsAsync<ArgumentException>(
            () => _database.ApplyAsync(new ApplyRequest(_owner, instance.InstanceId, "not a key")));
        Assert.Empty(await _database.NumbersAsync());
    }
}
