using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// The issuer's retry path: another request commits the slot the issuer is about to take, between the
/// issuer's count and its insert. The unique (QuotaKey, Slot) index refuses the insert; the issuer must
/// retry and take the next slot, not throw.
/// </summary>
/// <remarks>
/// On SQLite the issuer's transaction is <c>BEGIN IMMEDIATE</c>: it holds the only write lock from its first
/// statement, so no other connection can commit in between, and a row inserted through the issuer's own
/// connection would be rolled back together with the failed attempt (the retry would then simply take that
/// slot again). To stage the interleaving that SQL Server's read-committed transactions allow, the
/// interceptor, before the first save only, commits the issuer's read-only transaction so far, lets a
/// separate connection commit a competing number in the very slot the issuer is about to insert, and begins
/// a new immediate transaction on the issuer's connection. The issuer's own code runs unchanged.
/// </remarks>
public sealed class LostRaceRetryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Apply_WhenAnotherRequestTakesTheSlotFirst_RetriesAndIssuesTheNextSlot()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-contended");
        var competitor = new CompetingSlotInterceptor(async (quotaKey, slot) =>
        {
            await using var other = _database.NewContext();
            other.ServiceNumbers.Add(new ServiceNumber
            {
                Number = ServiceNumberGenerator.NewNumber(),
                InstanceRef = instance.Id,
                InstanceType = instance.Type,
                AccountId = owner,
                IssuedAt = _database.UtcNow,
                Channel = IssueChannel.ApplicationPage,
                QuotaKey = quotaKey,
                Slot = slot,
                IdempotencyKey = "competitor",
            });
            await other.SaveChangesAsync();
        });

        var result = await _database.ApplyAsync(new ApplyRequest(owner, instance.InstanceId, "mine"), competitor);

        // The race really happened: the first save was refused by the unique slot index.
        Assert.Equal(1, competitor.FirstAttemptSlot);
        var failure = Assert.IsType<DbUpdateException>(Assert.Single(competitor.SaveFailures));
        Assert.Contains(
            "UNIQUE constraint failed: ServiceNumbers.QuotaKey, ServiceNumbers.Slot",
            Assert.IsType<SqliteException>(failure.InnerException).Message,
            StringComparison.Ordinal);
        Assert.Equal(2, competitor.SavingCalls);

        // ...and the issuer recovered: the next slot, no exception.
        var issued = Outcomes.Done(result);
        Assert.Equal(2, issued.Slot);
        var rows = await _database.NumbersAsync();
        Assert.Equal([(1, "competitor"), (2, "mine")], rows.Select(n => (n.Slot, n.IdempotencyKey)));
        Assert.Equal(issued.Number, rows[1].Number);
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    /// <summary>Before the first save only: lets a competitor commit the slot the tracked new number is about to take.</summary>
    private sealed class CompetingSlotInterceptor(Func<string, int, Task> commitCompetitor) : SaveChangesInterceptor
    {
        private int _savingCalls;

        public int SavingCalls => _savingCalls;

        public int? FirstAttemptSlot { get; private set; }

        public List<Exception> SaveFailures { get; } = [];

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _savingCalls) == 1)
            {
                var context = eventData.Context!;
                var number = context.ChangeTracker.Entries<ServiceNumber>().Single(e => e.State == EntityState.Added).Entity;
                FirstAttemptSlot = number.Slot;

                // End the issuer's (so far read-only) transaction so the single SQLite writer slot is free...
                await context.Database.ExecuteSqlRawAsync("COMMIT;", cancellationToken);
                // ...a competitor on its own connection commits the same quota slot...
                await commitCompetitor(number.QuotaKey, number.Slot);
                // ...and the issuer's connection is back inside a transaction, which the issuer commits or rolls back.
                await context.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE;", cancellationToken);
            }

            return result;
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            SaveFailures.Add(eventData.Exception);
            return Task.CompletedTask;
        }
    }
}
