using System.Data.Common;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcpFiling.IntegrationTests;

/// <summary>On SQLite, changes queue for the one write lock in the gate, not inside the engine's busy loop.</summary>
public sealed class WriteGateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Run_WhileAnotherChangeHoldsTheGate_WaitsBeforeBeginningItsTransaction_ThenSeesTheCommittedChange()
    {
        using var gate = WriteGate.OneWriterAtATime();
        var firstInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondTransactions = new TransactionCounter();
        await using var firstDb = _database.NewContext();
        await using var secondDb = _database.NewContext(secondTransactions);

        var first = Runner(firstDb, gate).RunAsync(Actor.Owner("first", null), async (scope, _) =>
        {
            scope.Audit(AuditActions.HoldPlaced, AuditSubjects.Instance, "i-first");
            firstInside.SetResult();
            await releaseFirst.Task;
            return Outcome.Done(1, new Notice("first"));
        }, CancellationToken.None);
        await firstInside.Task;

        var auditRowsSeenBySecond = -1;
        var second = Runner(secondDb, gate).RunAsync(Actor.Owner("second", null), async (scope, ct) =>
        {
            auditRowsSeenBySecond = await scope.Db.AuditEntries.CountAsync(ct);
            return Outcome.Done(2, new Notice("second"));
        }, CancellationToken.None);
        await WaitUntilAsync(() => gate.Waiting == 1);

        Assert.False(second.IsCompleted);
        Assert.Equal(0, secondTransactions.Started);

        releaseFirst.SetResult();
        Assert.Equal(1, Outcomes.Done(await first));
        Assert.Equal(2, Outcomes.Done(await second));
        Assert.Equal(1, secondTransactions.Started);
        Assert.Equal(1, auditRowsSeenBySecond);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task Run_WhenTheCommandThrows_LetsTheNextChangeIn()
    {
        using var gate = WriteGate.OneWriterAtATime();
        await using var db = _database.NewContext();
        var runner = Runner(db, gate);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync<int>(
            Actor.Owner("owner", null), (_, _) => throw new InvalidOperationException("a bug"), CancellationToken.None));
        var next = await runner.RunAsync(Actor.Owner("owner", null), (_, _) => Task.FromResult(Outcome.Done(7, new Notice("ok"))), CancellationToken.None);

        Assert.Equal(7, Outcomes.Done(next));
    }

    [Fact]
    public async Task Run_WhenCancelledWhileWaiting_GivesUpWithoutTakingTheGate()
    {
        using var gate = WriteGate.OneWriterAtATime();
        using var held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        await using var db = _database.NewContext();

        var waiting = Runner(db, gate).RunAsync(Actor.Owner("owner", null), (_, _) => Task.FromResult(Outcome.Done(1, new Notice("x"))), cancel.Token);
        await WaitUntilAsync(() => gate.Waiting == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task SqliteConnections_WaitForAnotherConnectionsLock_WithSqlitesOwnBusyTimeout()
    {
        await using var db = _database.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        var milliseconds = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(30_000, milliseconds);
    }

    /// <summary>Why the issuer skips its touch UPDATE on SQLite: the change's transaction is the database's writer from BEGIN.</summary>
    [Fact]
    public async Task SqliteChange_HoldsTheDatabaseWriteLockBeforeItWritesAnything()
    {
        using var gate = WriteGate.OneWriterAtATime();
        await using var db = _database.NewContext();
        await using var other = _database.NewContext();
        await other.Database.OpenConnectionAsync();
        await using var noWait = other.Database.GetDbConnection().CreateCommand();
        noWait.CommandText = "PRAGMA busy_timeout = 0;";
        await noWait.ExecuteNonQueryAsync();

        Exception? otherWriter = null;
        var held = false;
        await Runner(db, gate).RunAsync(Actor.Owner("owner", null), async (scope, ct) =>
        {
            held = scope.HoldsDatabaseWriteLock;
            await using var write = other.Database.GetDbConnection().CreateCommand();
            write.CommandText = "BEGIN IMMEDIATE;";
            otherWriter = await Record.ExceptionAsync(() => write.ExecuteNonQueryAsync(ct));
            return Outcome.Done(1, new Notice("x"));
        }, CancellationToken.None);

        Assert.True(held);
        Assert.Equal(5, Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(otherWriter).SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public async Task OpenGate_NeverWaits()
    {
        using var first = await WriteGate.Open.EnterAsync(CancellationToken.None);
        var second = WriteGate.Open.EnterAsync(CancellationToken.None);

        Assert.True(second.IsCompleted);
        Assert.False(WriteGate.Open.Serializes);
    }

    private ChangeRunner Runner(Core.Persistence.IcpFilingDbContext db, WriteGate gate) =>
        new(db, _database.Time, NullLogger<ChangeRunner>.Instance, gate);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class TransactionCounter : DbTransactionInterceptor
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _started);
            return base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
        }
    }
}
