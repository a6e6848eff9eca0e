using IcpFiling.Core.Audit;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Changes;

/// <summary>
/// What a command sees while it runs: the database inside the open transaction, the one "now" of the
/// change, who acts, and the audit trail, whose rows commit with the change or not at all.
/// </summary>
public sealed class ChangeScope(IcpFilingDbContext db, Actor actor, DateTime utcNow)
{
    public IcpFilingDbContext Db => db;

    public Actor Actor => actor;

    public DateTime UtcNow => utcNow;

    /// <summary>
    /// True where the transaction holds the whole database's write lock from its start (SQLite's BEGIN IMMEDIATE, the
    /// default transaction there): no other connection writes until it ends, so a command need not lock rows to judge them.
    /// </summary>
    public bool HoldsDatabaseWriteLock { get; } = db.Database.ProviderName == SqliteProviderName;

    internal const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Adds the audit row of this change (committed only with it).</summary>
    public void Audit(string action, string subjectType, string subjectId, string? detail = null, string? reason = null) =>
        db.AuditEntries.Add(AuditEntry.Record(utcNow, actor, action, subjectType, subjectId, detail, reason));
}

/// <summary>
/// The one path every change takes: the provider's execution strategy (which replays the unit on a
/// transient fault), a transaction, the command, SaveChanges and Commit when it is done, and a rollback
/// otherwise. A unique index that refuses a write means another request won a race; the whole unit is
/// run again from a clean change tracker, so it judges the database as it now is and answers accordingly.
/// On a single-writer engine the <see cref="WriteGate"/> queues changes before their transaction begins.
/// </summary>
public sealed class ChangeRunner(IcpFilingDbContext db, TimeProvider time, ILogger<ChangeRunner> logger, WriteGate? gate = null)
{
    private readonly WriteGate _gate = gate ?? WriteGate.Open;

    /// <summary>Each retry means another request won a race on the same rows, so a few more than any sane quota suffices.</summary>
    internal const int MaxAttempts = 25;

    /// <summary>Tests lower it to show that the retry is what saves a lost race.</summary>
    internal int AttemptLimit { get; set; } = MaxAttempts;

    /// <summary>
    /// Runs <paramref name="change"/> as one unit for <paramref name="actor"/>. Given a <paramref name="refusal"/>, a
    /// refused or invalid outcome leaves a <see cref="Refusal"/> row, written after the rollback in a transaction of
    /// its own, so the administrators can see what people are turned away by.
    /// </summary>
    public Task<Outcome<T>> RunAsync<T>(
        Actor actor, Func<ChangeScope, CancellationToken, Task<Outcome<T>>> change, CancellationToken cancellationToken,
        RefusalRecord? refusal = null) =>
        RunUnitAsync(actor, change, commit: true, refusal, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> the way <see cref="RunAsync{T}"/> does (one transaction, a lost race run again)
    /// and answers its outcome, but never commits, even when it is done: a rehearsal (a dry run) that writes nothing
    /// and keeps no refusal, so that it cannot disagree with the real change.
    /// </summary>
    public Task<Outcome<T>> RehearseAsync<T>(
        Actor actor, Func<ChangeScope, CancellationToken, Task<Outcome<T>>> change, CancellationToken cancellationToken) =>
        RunUnitAsync(actor, change, commit: false, refusal: null, cancellationToken);

    private async Task<Outcome<T>> RunUnitAsync<T>(
        Actor actor, Func<ChangeScope, CancellationToken, Task<Outcome<T>>> change, bool commit, RefusalRecord? refusal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The unit is safe to replay: every command starts by reading what is there (an earlier answer, a status).
                var outcome = await strategy.ExecuteAsync(ct => RunOnceAsync(actor, change, commit, ct), cancellationToken);
                if (refusal is not null && outcome.Kind is OutcomeKind.Refused or OutcomeKind.Invalid)
                {
                    await RecordRefusalAsync(actor, refusal, outcome.Problems, cancellationToken);
                }

                return outcome;
            }
            catch (DbUpdateException exception) when (attempt < AttemptLimit)
            {
                logger.LogDebug(exception, "Change attempt {Attempt} by {ActorId} lost a race; running it again", attempt, actor.AccountId);
            }
        }
    }

    /// <summary>Keeps a refusal judged before any change began (a malformed batch, say); see <see cref="Refusal"/>.</summary>
    public Task RecordRefusalAsync(Actor actor, RefusalRecord refusal, IReadOnlyList<Problem> problems, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            using var pass = await _gate.EnterAsync(ct);
            db.ChangeTracker.Clear();
            db.Refusals.Add(new Refusal
            {
                At = time.GetUtcNow().UtcDateTime,
                Command = refusal.Command,
                ActorId = actor.AccountId,
                SubjectId = refusal.SubjectId is { Length: > Refusal.SubjectMaxLength } subject ? subject[..Refusal.SubjectMaxLength] : refusal.SubjectId,
                Reasons = Refusal.ReasonsOf(problems),
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }, cancellationToken);

    private async Task<Outcome<T>> RunOnceAsync<T>(
        Actor actor, Func<ChangeScope, CancellationToken, Task<Outcome<T>>> change, bool commit, CancellationToken cancellationToken)
    {
        using var pass = await _gate.EnterAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await change(new ChangeScope(db, actor, time.GetUtcNow().UtcDateTime), cancellationToken);
        if (commit && outcome.Kind == OutcomeKind.Done)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Anything else (and a rehearsal) leaves the transaction uncommitted: disposing it rolls back whatever the command wrote.
        return outcome;
    }
}
