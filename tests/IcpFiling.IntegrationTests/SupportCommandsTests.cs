using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Core.Support;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// Support staff's changes against a real SQLite file: hold and release, quota override set and cleared at
/// their exact limits, voiding a number, and the audit row each change writes (DOMAIN.md §5).
/// </summary>
public sealed class SupportCommandsTests : IAsyncLifetime
{
    /// <summary>Lower than the shipped 100, so the limit is reached with a handful of numbers.</summary>
    private const int MaxQuotaOverride = 10;

    private const string InstanceId = "i-support";

    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _staff = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _staff = await _database.SeedAccountAsync("staff");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task PlaceHold_OnAnInstanceNotOnHold_HoldsItWithTheTrimmedReasonAndOneAuditRow()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        var outcome = await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, "  Abuse report 42  ", CancellationToken.None));

        Assert.Equal(InstanceId, Outcomes.Done(outcome));
        Assert.Equal("Instance i-support is on hold: it gets no new numbers until released.", outcome.Message!.ToEnglish());
        var instance = await InstanceAsync(InstanceId);
        Assert.Equal((true, "Abuse report 42"), (instance.OnHold, instance.HoldReason));
        await AssertSupportAuditAsync(AuditActions.HoldPlaced, AuditSubjects.Instance, InstanceId, "no new numbers while on hold", "Abuse report 42");
    }

    [Fact]
    public async Task PlaceHold_OnAnInstanceAlreadyOnHold_IsRefusedAndKeepsTheFirstReason()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        Outcomes.Done(await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, "first", CancellationToken.None)));

        var again = await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, "second", CancellationToken.None));

        Assert.Equal("Instance i-support is already on hold.", Outcomes.RefusedBecause(again));
        Assert.Equal("first", (await InstanceAsync(InstanceId)).HoldReason);
        Assert.Single(await _database.AuditAsync());
    }

    [Fact]
    public async Task ReleaseHold_OnAHeldInstance_ReleasesItClearsTheReasonAndWritesOneAuditRow()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        Outcomes.Done(await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, "Abuse report 42", CancellationToken.None)));

        var outcome = await SupportAsync((s, actor) => s.ReleaseHoldAsync(actor, InstanceId, " Resolved ", CancellationToken.None));

        Assert.Equal(InstanceId, Outcomes.Done(outcome));
        Assert.Equal("The hold on instance i-support is released.", outcome.Message!.ToEnglish());
        var instance = await InstanceAsync(InstanceId);
        Assert.Equal((false, null), (instance.OnHold, instance.HoldReason));
        var audit = await _database.AuditAsync();
        Assert.Equal(2, audit.Count);
        Assert.Equal((AuditActions.HoldReleased, InstanceId, null, "Resolved"), (audit[1].Action, audit[1].SubjectId, audit[1].Detail, audit[1].Reason));
    }

    [Fact]
    public async Task ReleaseHold_OnAnInstanceNotOnHold_IsRefusedAndWritesNothing()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        var outcome = await SupportAsync((s, actor) => s.ReleaseHoldAsync(actor, InstanceId, "why", CancellationToken.None));

        Assert.Equal("Instance i-support is not on hold.", Outcomes.RefusedBecause(outcome));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task HoldAndRelease_OfAnUnknownInstance_AreNotFoundAndWriteNothing()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.OnHold = true);

        var hold = await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, "i-unknown", "why", CancellationToken.None));
        var release = await SupportAsync((s, actor) => s.ReleaseHoldAsync(actor, "i-unknown", "why", CancellationToken.None));

        Outcomes.NotFound(hold);
        Outcomes.NotFound(release);
        Assert.True((await InstanceAsync(InstanceId)).OnHold);
        Assert.Empty(await _database.AuditAsync());
    }

    [Theory]
    [InlineData(null, "Enter a reason.")]
    [InlineData("", "Enter a reason.")]
    [InlineData("   ", "Enter a reason.")]
    [InlineData(InputLimits.ReasonMaxLength + 1, "The reason can be at most 500 characters long.")]
    public async Task EveryAction_WithoutAReasonOrWithOneOverTheLimit_IsInvalidOnTheReasonAndChangesNothing(object? reasonOrLength, string message)
    {
        var reason = reasonOrLength is int length ? new string('x', length) : (string?)reasonOrLength;
        await _database.SeedInstanceAsync(_owner, InstanceId);
        var number = await _database.IssueAsync(_owner, InstanceId, "k1");

        Outcome<string>[] outcomes =
        [
            await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, reason, CancellationToken.None)),
            await SupportAsync((s, actor) => s.ReleaseHoldAsync(actor, InstanceId, reason, CancellationToken.None)),
            await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 6, reason, CancellationToken.None)),
            await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, InstanceId, reason, CancellationToken.None)),
            await SupportAsync((s, actor) => s.VoidNumberAsync(actor, number, reason, CancellationToken.None)),
        ];

        Assert.All(outcomes, outcome =>
        {
            var problem = Assert.Single(Outcomes.Invalid(outcome));
            Assert.Equal(("Reason", message), (problem.Field, problem.Message.ToEnglish()));
        });
        var instance = await InstanceAsync(InstanceId);
        Assert.Equal((false, null), (instance.OnHold, instance.QuotaOverride));
        Assert.Equal(ServiceNumberStatus.Unused, (await _database.NumberAsync(number)).Status);
        Assert.Single(await _database.AuditAsync());
    }

    [Fact]
    public async Task PlaceHold_WithAReasonOfExactlyTheLimit_IsDone()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        var reason = new string('x', InputLimits.ReasonMaxLength);

        Outcomes.Done(await SupportAsync((s, actor) => s.PlaceHoldAsync(actor, InstanceId, reason, CancellationToken.None)));

        Assert.Equal(reason, (await InstanceAsync(InstanceId)).HoldReason);
    }

    [Fact]
    public async Task SetQuotaOverride_ExactlyTheNumbersAlreadyIssued_IsSetAndAuditsTheTypeDefaultBefore()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        await _database.IssueAsync(_owner, InstanceId, "k1");
        await _database.IssueAsync(_owner, InstanceId, "k2");

        var outcome = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 2, "Freeze at two", CancellationToken.None));

        Assert.Equal(InstanceId, Outcomes.Done(outcome));
        Assert.Equal("The quota of instance i-support is now 2.", outcome.Message!.ToEnglish());
        Assert.Equal(2, (await InstanceAsync(InstanceId)).QuotaOverride);
        await AssertSupportAuditAsync(AuditActions.QuotaOverrideSet, AuditSubjects.Instance, InstanceId, "quota type default 5 -> 2; issued 2", "Freeze at two");
    }

    [Fact]
    public async Task SetQuotaOverride_OneBelowTheNumbersAlreadyIssued_IsRefusedOnTheQuota()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        await _database.IssueAsync(_owner, InstanceId, "k1");
        await _database.IssueAsync(_owner, InstanceId, "k2");

        var outcome = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 1, "Shrink", CancellationToken.None));

        var problem = Assert.Single(Outcomes.Refused(outcome));
        Assert.Equal(
            ("Quota", "The quota override must be at least 2: 2 number(s) were already issued for this instance."),
            (problem.Field, problem.Message.ToEnglish()));
        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.Equal(2, (await _database.AuditAsync()).Count);
    }

    [Fact]
    public async Task SetQuotaOverride_ToOneWithNothingIssued_IsSet()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        Outcomes.Done(await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 1, "One site only", CancellationToken.None)));

        Assert.Equal(1, (await InstanceAsync(InstanceId)).QuotaOverride);
        await AssertSupportAuditAsync(AuditActions.QuotaOverrideSet, AuditSubjects.Instance, InstanceId, "quota type default 5 -> 1; issued 0", "One site only");
    }

    [Fact]
    public async Task SetQuotaOverride_ToZeroWithNothingIssued_IsRefusedBecauseAQuotaIsAtLeastOne()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        var outcome = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 0, "None at all", CancellationToken.None));

        Assert.Equal(
            "The quota override must be at least 1: 0 number(s) were already issued for this instance.", Outcomes.RefusedBecause(outcome));
        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
    }

    [Fact]
    public async Task SetQuotaOverride_ExactlyAtTheConfiguredMaximum_IsSetAndOneAboveIsRefused()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        var above = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, MaxQuotaOverride + 1, "Too many", CancellationToken.None));
        var atMaximum = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, MaxQuotaOverride, "Largest", CancellationToken.None));

        var problem = Assert.Single(Outcomes.Refused(above));
        Assert.Equal(("Quota", "The quota override can be at most 10."), (problem.Field, problem.Message.ToEnglish()));
        Outcomes.Done(atMaximum);
        Assert.Equal(MaxQuotaOverride, (await InstanceAsync(InstanceId)).QuotaOverride);
        await AssertSupportAuditAsync(AuditActions.QuotaOverrideSet, AuditSubjects.Instance, InstanceId, "quota type default 5 -> 10; issued 0", "Largest");
    }

    [Fact]
    public async Task SetQuotaOverride_OverAnEarlierOverride_AuditsTheEarlierValueBefore()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.QuotaOverride = 7);
        await _database.IssueAsync(_owner, InstanceId, "k1");

        Outcomes.Done(await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 8, "One more", CancellationToken.None)));

        Assert.Equal(8, (await InstanceAsync(InstanceId)).QuotaOverride);
        var row = (await _database.AuditAsync())[^1];
        Assert.Equal((AuditActions.QuotaOverrideSet, "quota 7 -> 8; issued 1"), (row.Action, row.Detail));
    }

    [Fact]
    public async Task SetQuotaOverride_OnATypeWithAnAccountQuota_IsRefusedAsShared()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, InstanceType.ElasticWebHosting);

        var outcome = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 6, "More", CancellationToken.None));

        var problem = Assert.Single(Outcomes.Refused(outcome));
        Assert.Equal(
            ("Quota", "Elastic Web Hosting quotas are shared by the account's instances of the type: a per-instance override does not apply."),
            (problem.Field, problem.Message.ToEnglish()));
        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task SetAndClearQuotaOverride_OfAnUnknownInstance_AreNotFound()
    {
        var set = await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, "i-unknown", 6, "More", CancellationToken.None));
        var clear = await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, "i-unknown", "Back", CancellationToken.None));

        Outcomes.NotFound(set);
        Outcomes.NotFound(clear);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task SetQuotaOverride_WhenANumberIsIssuedBetweenTheCheckAndTheUpdate_IsRefusedAsChangedAndSetsNothing()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        await _database.IssueAsync(_owner, InstanceId, "k1");
        await _database.IssueAsync(_owner, InstanceId, "k2");
        // One more number for the instance, just before the guarded update of its quota override.
        var sneak = new BeforeCommand(
            """
            INSERT INTO "ServiceNumbers" ("Number", "InstanceRef", "InstanceType", "AccountId", "IssuedAt", "Status", "Channel", "QuotaKey", "Slot", "IdempotencyKey")
            SELECT $number, "InstanceRef", "InstanceType", "AccountId", "IssuedAt", "Status", "Channel", "QuotaKey", "Slot" + 1, 'sneaked'
            FROM "ServiceNumbers" WHERE "QuotaKey" = $key ORDER BY "Slot" DESC LIMIT 1
            """,
            new Dictionary<string, object> { ["$number"] = ServiceNumberGenerator.NewNumber(), ["$key"] = "instance:" + InstanceId },
            "UPDATE \"Instances\"", "\"QuotaOverride\" =");

        var outcome = await SupportAsync(
            (s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 2, "Freeze at two", CancellationToken.None), sneak);

        Assert.True(sneak.Ran);
        Assert.Equal("Instance i-support changed while you were working. Review it and try again.", Outcomes.RefusedBecause(outcome));
        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.Equal(2, (await _database.NumbersAsync()).Count);
        Assert.Equal(2, (await _database.AuditAsync()).Count);
    }

    [Fact]
    public async Task ClearQuotaOverride_OnOneInstance_LeavesAnotherWithTheSameOverrideAlone()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.QuotaOverride = 4);
        await _database.SeedInstanceAsync(_owner, "i-other", change: i => i.QuotaOverride = 4);

        Outcomes.Done(await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, InstanceId, "Back to normal", CancellationToken.None)));

        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.Equal(4, (await InstanceAsync("i-other")).QuotaOverride);
    }

    [Fact]
    public async Task SetQuotaOverride_OnOneInstance_LeavesAnotherWithTheSameOverrideAlone()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.QuotaOverride = 4);
        await _database.SeedInstanceAsync(_owner, "i-other", change: i => i.QuotaOverride = 4);

        Outcomes.Done(await SupportAsync((s, actor) => s.SetQuotaOverrideAsync(actor, InstanceId, 6, "More", CancellationToken.None)));

        Assert.Equal(6, (await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.Equal(4, (await InstanceAsync("i-other")).QuotaOverride);
    }

    [Fact]
    public async Task ClearQuotaOverride_WhenTheTypeQuotaExactlyCoversTheNumbersIssued_ReturnsToItAndAuditsBeforeAndAfter()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.QuotaOverride = 6);
        for (var k = 1; k <= 5; k++)
        {
            await _database.IssueAsync(_owner, InstanceId, "k" + k);
        }

        var outcome = await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, InstanceId, "Amendment ended", CancellationToken.None));

        Assert.Equal(InstanceId, Outcomes.Done(outcome));
        Assert.Equal("Instance i-support is back to its type's quota of 5.", outcome.Message!.ToEnglish());
        Assert.Null((await InstanceAsync(InstanceId)).QuotaOverride);
        await AssertSupportAuditAsync(
            AuditActions.QuotaOverrideCleared, AuditSubjects.Instance, InstanceId, "quota 6 -> type default 5; issued 5", "Amendment ended");
    }

    [Fact]
    public async Task ClearQuotaOverride_WhenMoreNumbersWereIssuedThanTheTypeQuota_IsRefusedAndKeepsTheOverride()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId, change: i => i.QuotaOverride = 6);
        for (var k = 1; k <= 6; k++)
        {
            await _database.IssueAsync(_owner, InstanceId, "k" + k);
        }

        var outcome = await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, InstanceId, "Amendment ended", CancellationToken.None));

        Assert.Equal(
            "The type's quota of 5 is below the 6 number(s) already issued for instance i-support: keep an override of at least 6.",
            Outcomes.RefusedBecause(outcome));
        Assert.Equal(6, (await InstanceAsync(InstanceId)).QuotaOverride);
        Assert.DoesNotContain(await _database.AuditAsync(), a => a.Action == AuditActions.QuotaOverrideCleared);
    }

    [Fact]
    public async Task ClearQuotaOverride_WithoutAnOverride_IsRefused()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);

        var outcome = await SupportAsync((s, actor) => s.ClearQuotaOverrideAsync(actor, InstanceId, "Back", CancellationToken.None));

        Assert.Equal("Instance i-support has no quota override.", Outcomes.RefusedBecause(outcome));
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task VoidNumber_Unused_MakesItInvalidWithTheReasonAndTimeAndAuditsItsInstance()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        var number = await _database.IssueAsync(_owner, InstanceId, "k1");

        var outcome = await SupportAsync((s, actor) => s.VoidNumberAsync(actor, " " + number.ToUpperInvariant() + " ", " Leaked ", CancellationToken.None));

        Assert.Equal(InstanceId, Outcomes.Done(outcome));
        Assert.Equal($"Number {number} is void: it is Invalid and can never be used.", outcome.Message!.ToEnglish());
        var voided = await _database.NumberAsync(number);
        Assert.Equal((ServiceNumberStatus.Invalid, "Leaked", _database.UtcNow), (voided.Status, voided.VoidReason, voided.VoidedAt));
        await AssertSupportAuditAsync(
            AuditActions.NumberVoided, AuditSubjects.ServiceNumber, number, "instance=i-support; Unused -> Invalid; still counts against the quota", "Leaked");
    }

    [Fact]
    public async Task VoidNumber_Twice_IsRefusedAsAlreadyInvalidAndKeepsTheFirstReason()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        var number = await _database.IssueAsync(_owner, InstanceId, "k1");
        Outcomes.Done(await SupportAsync((s, actor) => s.VoidNumberAsync(actor, number, "first", CancellationToken.None)));

        var again = await SupportAsync((s, actor) => s.VoidNumberAsync(actor, number, "second", CancellationToken.None));

        Assert.Equal($"Number {number} is already invalid.", Outcomes.RefusedBecause(again));
        Assert.Equal("first", (await _database.NumberAsync(number)).VoidReason);
        Assert.Equal(2, (await _database.AuditAsync()).Count);
    }

    [Fact]
    public async Task VoidNumber_Used_IsRefusedAndStaysUsed()
    {
        await _database.SeedInstanceAsync(_owner, InstanceId);
        var used = Outcomes.Done(await _database.SubmitWithInstanceAsync(FilingCalls.Request(_owner, "example.cn"), InstanceId, "k1")).Number;

        var outcome = await SupportAsync((s, actor) => s.VoidNumberAsync(actor, used, "Leaked", CancellationToken.None));

        Assert.Equal($"Number {used} is used: a used number cannot be voided.", Outcomes.RefusedBecause(outcome));
        var number = await _database.NumberAsync(used);
        Assert.Equal((ServiceNumberStatus.Used, null), (number.Status, number.VoidReason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-number")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task VoidNumber_ThatIsMalformedOrUnknown_IsNotFound(string? number)
    {
        var outcome = await SupportAsync((s, actor) => s.VoidNumberAsync(actor, number, "Leaked", CancellationToken.None));

        Outcomes.NotFound(outcome);
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task VoidNumber_ThatIsMalformed_IsNotFoundBeforeTheReasonIsChecked()
    {
        Outcomes.NotFound(await SupportAsync((s, actor) => s.VoidNumberAsync(actor, "not-a-number", reason: null, CancellationToken.None)));
    }

    private async Task<Outcome<string>> SupportAsync(
        Func<SupportCommands, Actor, Task<Outcome<string>>> act, params IInterceptor[] interceptors)
    {
        await using var db = _database.NewContext(interceptors);
        var commands = new SupportCommands(
            _database.Runner(db), _database.Standings(db), new FixedSupportOptions(), NullLogger<SupportCommands>.Instance);
        return await act(commands, Actor.Support(_staff, "corr-support"));
    }

    private async Task<Instance> InstanceAsync(string instanceId)
    {
        await using var db = _database.NewContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId);
    }

    /// <summary>The last audit row is the support change, with every column it records.</summary>
    private async Task AssertSupportAuditAsync(string action, string subjectType, string subjectId, string? detail, string reason)
    {
        var row = (await _database.AuditAsync())[^1];
        Assert.Equal(
            (_database.UtcNow, _staff, Roles.Support, action, subjectType, subjectId, detail, reason, "corr-support"),
            (row.At, row.ActorId, row.ActorRole, row.Action, row.SubjectType, row.SubjectId, row.Detail, row.Reason, row.CorrelationId));
    }

    private sealed class FixedSupportOptions : IOptionsMonitor<SupportOptions>
    {
        public SupportOptions CurrentValue { get; } = new() { MaxQuotaOverride = MaxQuotaOverride };

        public SupportOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<SupportOptions, string?> listener) => null;
    }
}
