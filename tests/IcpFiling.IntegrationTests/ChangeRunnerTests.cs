using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>The one path every change takes: commit only when done (never in a rehearsal), audit rows with the actor, a lost race run again.</summary>
public sealed class ChangeRunnerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Run_WhenDone_CommitsTheChangeWithItsAuditRowNamingTheActor()
    {
        await using var db = _database.NewContext();

        var outcome = await _database.Runner(db).RunAsync(new Actor("acct-1", Roles.Support, "corr-9"), (scope, _) =>
        {
            scope.Audit(AuditActions.HoldPlaced, AuditSubjects.Instance, "i-1", "detail", "why");
            return Task.FromResult(Outcome.Done(42, new Notice("done")));
        }, CancellationToken.None);

        Assert.Equal(42, Outcomes.Done(outcome));
        var row = Assert.Single(await _database.AuditAsync());
        Assert.Equal(
            (_database.UtcNow, "acct-1", Roles.Support, AuditActions.HoldPlaced, AuditSubjects.Instance, "i-1", "detail", "why", "corr-9"),
            (row.At, row.ActorId, row.ActorRole, row.Action, row.SubjectType, row.SubjectId, row.Detail, row.Reason, row.CorrelationId));
    }

    [Theory]
    [InlineData(OutcomeKind.Refused)]
    [InlineData(OutcomeKind.Invalid)]
    [InlineData(OutcomeKind.NotFound)]
    public async Task Run_WhenNotDone_RollsBackEverythingTheCommandWrote(OutcomeKind kind)
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-rollback");
        await using var db = _database.NewContext();

        var outcome = await _database.Runner(db).RunAsync(Actor.Owner(owner, null), async (scope, ct) =>
        {
            // Written straight to the database inside the transaction, and added to the tracker: both must vanish.
            await scope.Db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, true), ct);
            scope.Audit(AuditActions.HoldPlaced, AuditSubjects.Instance, instance.InstanceId);
            Outcome<int> failed = kind switch
            {
                OutcomeKind.Refused => Outcome.Refused(field: null, "no"),
                OutcomeKind.Invalid => Outcome.Invalid(field: "X", "bad"),
                _ => Outcome.NotFound,
            };
            return failed;
        }, CancellationToken.None);

        Assert.Equal(kind, outcome.Kind);
        Assert.Empty(await _database.AuditAsync());
        await using var check = _database.NewContext();
        Assert.False((await check.Instances.SingleAsync(i => i.Id == instance.Id)).OnHold);
    }

    [Theory]
    [InlineData(OutcomeKind.Refused)]
    [InlineData(OutcomeKind.Invalid)]
    public async Task Run_WhenRefusedWithARefusalRecord_KeepsTheRefusalWithItsReasonCodesButNoAuditRow(OutcomeKind kind)
    {
        await using var db = _database.NewContext();
        Outcome<int> failed = kind == OutcomeKind.Refused
            ? Outcome.Refused(null, new Problem("X", new Notice("quota"), "Quota"), new Problem("Y", new Notice("hold"), "Hold"), new Problem("Z", new Notice("again"), "Quota"))
            : Outcome.Invalid(field: "X", "bad");

        var outcome = await _database.Runner(db).RunAsync(Actor.Owner("acct-7", "corr"), (scope, _) =>
        {
            scope.Audit(AuditActions.NumberIssued, AuditSubjects.ServiceNumber, "n");
            return Task.FromResult(failed);
        }, CancellationToken.None, new RefusalRecord(RefusedCommands.Apply, "i-refused"));

        Assert.Equal(kind, outcome.Kind);
        Assert.Empty(await _database.AuditAsync());
        await using var check = _database.NewContext();
        var refusal = Assert.Single(await check.Refusals.ToListAsync());
        Assert.Equal(
            (_database.UtcNow, RefusedCommands.Apply, "acct-7", "i-refused", kind == OutcomeKind.Refused ? "Quota Hold" : RefusedCommands.OtherReason),
            (refusal.At, refusal.Command, refusal.ActorId, refusal.SubjectId, refusal.Reasons));
    }

    [Theory]
    [InlineData(OutcomeKind.Done)]
    [InlineData(OutcomeKind.Replayed)]
    [InlineData(OutcomeKind.NotFound)]
    public async Task Run_WhenNotRefused_KeepsNoRefusal(OutcomeKind kind)
    {
        await using var db = _database.NewContext();
        Outcome<int> answer = kind switch
        {
            OutcomeKind.Done => Outcome.Done(1, new Notice("done")),
            OutcomeKind.Replayed => Outcome.Replayed(1, new Notice("again")),
            _ => Outcome.NotFound,
        };

        await _database.Runner(db).RunAsync(Actor.Owner("acct-7", null), (_, _) => Task.FromResult(answer), CancellationToken.None,
            new RefusalRecord(RefusedCommands.Apply, "i-1"));

        await using var check = _database.NewContext();
        Assert.Empty(await check.Refusals.ToListAsync());
    }

    [Fact]
    public async Task Run_WhenRefusedWithoutARefusalRecord_KeepsNothing()
    {
        await using var db = _database.NewContext();

        await _database.Runner(db).RunAsync(Actor.Owner("acct-7", null), (_, _) => Task.FromResult<Outcome<int>>(Outcome.Refused(null, "no")), CancellationToken.None);

        await using var check = _database.NewContext();
        Assert.Empty(await check.Refusals.ToListAsync());
    }

    [Fact]
    public async Task Rehearse_WhenDone_AnswersTheOutcomeButWritesNothing()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-rehearsed");
        await using var db = _database.NewContext();

        var outcome = await _database.Runner(db).RehearseAsync(Actor.Owner(owner, null), async (scope, ct) =>
        {
            await scope.Db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, true), ct);
            scope.Audit(AuditActions.HoldPlaced, AuditSubjects.Instance, instance.InstanceId);
            return Outcome.Done(7, new Notice("would be done"));
        }, CancellationToken.None);

        Assert.Equal(7, Outcomes.Done(outcome));
        Assert.Equal("would be done", outcome.Message!.ToEnglish());
        Assert.Empty(await _database.AuditAsync());
        await using var check = _database.NewContext();
        Assert.False((await check.Instances.SingleAsync(i => i.Id == instance.Id)).OnHold);
    }

    [Fact]
    public async Task Rehearse_WhenRefused_KeepsNoRefusal()
    {
        await using var db = _database.NewContext();

        var outcome = await _database.Runner(db).RehearseAsync(Actor.Owner("acct-7", null),
            (_, _) => Task.FromResult<Outcome<int>>(Outcome.Refused(null, new Problem("X", new Notice("quota"), "Quota"))), CancellationToken.None);

        Assert.Equal("quota", Outcomes.RefusedBecause(outcome));
        await using var check = _database.NewContext();
        Assert.Empty(await check.Refusals.ToListAsync());
    }

    [Fact]
    public async Task Rehearse_AfterALostRace_RunsTheUnitAgain()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-rehearsed-race");
        var taken = await _database.IssueAsync(owner, instance.InstanceId, "first");
        await using var db = _database.NewContext();
        var attempts = 0;

        var outcome = await _database.Runner(db).RehearseAsync(Actor.Owner(owner, null), async (scope, ct) =>
        {
            if (++attempts == 1)
            {
                // A save inside the unit that a unique index refuses: another request won the race.
                scope.Db.ServiceNumbers.Add(SecondNumber(instance, owner, taken, scope.UtcNow, "second"));
                await scope.Db.SaveChangesAsync(ct);
            }

            return Outcome.Done(attempts, new Notice("done"));
        }, CancellationToken.None);

        Assert.Equal(2, Outcomes.Done(outcome));
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Run_WhenAUniqueIndexRefusesEverySave_RunsTheCommandUpToTheLimitThenThrows()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-dup");
        var taken = await _database.IssueAsync(owner, instance.InstanceId, "first");
        await using var db = _database.NewContext();
        var runner = _database.Runner(db);
        runner.AttemptLimit = 3;
        var attempts = 0;

        await Assert.ThrowsAsync<DbUpdateException>(() => runner.RunAsync(Actor.Owner(owner, null), (scope, _) =>
        {
            attempts++;
            scope.Db.ServiceNumbers.Add(SecondNumber(instance, owner, taken, scope.UtcNow, "dup-" + attempts));
            return Task.FromResult(Outcome.Done(attempts, new Notice("done")));
        }, CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Run_AfterALostRace_SeesTheDatabaseAsItNowIs()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-second-look");
        var taken = await _database.IssueAsync(owner, instance.InstanceId, "first");
        await using var db = _database.NewContext();
        var attempts = 0;

        var outcome = await _database.Runner(db).RunAsync(Actor.Owner(owner, null), async (scope, ct) =>
        {
            attempts++;
            if (await scope.Db.ServiceNumbers.AnyAsync(n => n.Number == taken && n.IdempotencyKey == "first", ct) && attempts > 1)
            {
                return Outcome.Refused(field: null, "taken by then");
            }

            scope.Db.ServiceNumbers.Add(SecondNumber(instance, owner, taken, scope.UtcNow, "second"));
            return Outcome.Done(attempts, new Notice("done"));
        }, CancellationToken.None);

        Assert.Equal("taken by then", Outcomes.RefusedBecause(outcome));
        Assert.Equal(2, attempts);
    }

    /// <summary>A second number for the instance that repeats an existing number's value: the unique index refuses it.</summary>
    private static ServiceNumber SecondNumber(Core.Instances.Instance instance, string owner, string number, DateTime at, string key) => new()
    {
        Number = number,
        InstanceRef = instance.Id,
        InstanceType = instance.Type,
        AccountId = owner,
        IssuedAt = at,
        Channel = IssueChannel.ApplicationPage,
        QuotaKey = "instance:" + instance.InstanceId,
        Slot = 2,
        IdempotencyKey = key,
    };
}
