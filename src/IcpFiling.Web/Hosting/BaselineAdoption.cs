using System.Collections.Frozen;
using System.Data.Common;
using IcpFiling.Migrations.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SqliteTriggers = IcpFiling.Migrations.Sqlite.ServiceNumberTriggers;
using PostgresTriggers = IcpFiling.Migrations.Postgres.ServiceNumberTriggers;
using SqlServerTriggers = IcpFiling.Migrations.SqlServer.ServiceNumberTriggers;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Each provider's migrations were squashed into one Baseline. A database made by an earlier release holds the old
/// chain's ids in its history instead: when that chain is complete, the schema already is the baseline's, so the
/// baseline is recorded as applied and nothing else is touched. One code path for every provider: EF's own history
/// repository reads and writes the history in the provider's dialect.
/// </summary>
internal static class BaselineAdoption
{
    /// <summary>The old chains, in order, as the released migrations named them (the ids differ by seconds per provider).</summary>
    public static readonly FrozenDictionary<string, OldChain> Chains = new Dictionary<string, OldChain>
    {
        ["Microsoft.EntityFrameworkCore.Sqlite"] = new(
            [
                "20261126110403_Initial", "20261126112019_FilingsRestrictionsAndReview", "20261126145221_InventoryLifecycleAndApiClients",
                "20261126172025_Issue10AdminConsole", "20261126181659_Issue11TokensAndBatches", "20261126195618_AdminRefusals",
                "20261126213433_Issue15cListSorting", "20261126232708_Issue11dGrantNote", "20261127003118_Issue15eListSorting",
                "20261127021509_Issue12aResellerNumbers",
            ],
            "20261207133055_GuardUsedIsFinal",
            SqliteTriggers.CreateUsedIsFinal),
        [PostgresDatabase.ProviderName] = new(
            [
                "20261126171919_Initial", "20261126185649_AdminConsoleTokensAndBatches", "20261126195627_AdminRefusals",
                "20261126213451_Issue15cListSorting", "20261126232850_Issue11dGrantNote", "20261127003127_Issue15eListSorting",
                "20261127021543_Issue12aResellerNumbers",
            ],
            "20261207133118_GuardUsedIsFinal",
            PostgresTriggers.CreateUsedIsFinal),
        ["Microsoft.EntityFrameworkCore.SqlServer"] = new(
            [
                "20261126110422_Initial", "20261126112050_FilingsRestrictionsAndReview", "20261126145230_InventoryLifecycleAndApiClients",
                "20261126172052_Issue10AdminConsole", "20261126181703_Issue11TokensAndBatches", "20261126195623_AdminRefusals",
                "20261126213443_Issue15cListSorting", "20261126232815_Issue11dGrantNote", "20261127003123_Issue15eListSorting",
                "20261127021526_Issue12aResellerNumbers",
            ],
            "20261207133107_GuardUsedIsFinal",
            SqlServerTriggers.CreateUsedIsFinal),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Records the baseline as applied on a database whose history holds the complete old chain; does nothing on a
    /// fresh or already adopted database. Throws <see cref="DatabaseSetupRefusedException"/> for a history that stops
    /// part-way through the old chain: the baseline cannot stand in for migrations that never ran.
    /// </summary>
    public static async Task AdoptOldHistoryAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var chain = Chains[db.Database.ProviderName ?? ""];
        var baseline = db.Database.GetMigrations().Single(id => id.EndsWith("_Baseline", StringComparison.Ordinal));
        var history = db.GetService<IHistoryRepository>();
        var applied = await AppliedAsync(history, cancellationToken);
        if (applied.Contains(baseline) || !chain.Ids.Any(applied.Contains))
        {
            return;
        }

        if (!applied.Contains(chain.Ids[^1]))
        {
            var missing = chain.Ids.Where(id => !applied.Contains(id)).ToList();
            throw new DatabaseSetupRefusedException(
                $"The database stopped part-way through the old migrations ({missing.Count} of {chain.Ids.Count} not applied, from {missing[0]}): "
                + $"start the last release before the baseline migration once on it to finish them to {chain.Ids[^1]}, then start this one.");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // The UsedIsFinal trigger is the only object the complete old chain lacks against the baseline: a
                // released database (its chain ends at Issue12aResellerNumbers) gets it here; one from a main that
                // already ran GuardUsedIsFinal has it. Tables, columns, keys, indexes and checks are the same, except that
                // the old SQLite chain left a DEFAULT on three columns it added (AddColumn's fill for existing rows; SQLite
                // drops one only by rebuilding the table); EF writes every column, so those are never used and stay.
                if (!applied.Contains(chain.GuardUsedIsFinal))
                {
                    await db.Database.ExecuteSqlRawAsync(chain.CreateUsedIsFinal, cancellationToken);
                }

                await db.Database.ExecuteSqlRawAsync(
                    history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DbException)
        {
            // Another node may have adopted the same database first (its history row won the key): then there is nothing to do.
            if (!(await AppliedAsync(history, CancellationToken.None)).Contains(baseline))
            {
                throw;
            }
        }
    }

    private static async Task<HashSet<string>> AppliedAsync(IHistoryRepository history, CancellationToken cancellationToken) =>
        await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(row => row.MigrationId).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>A provider's old migration ids in order, its GuardUsedIsFinal id, and the trigger that migration made.</summary>
    internal sealed record OldChain(IReadOnlyList<string> Ids, string GuardUsedIsFinal, string CreateUsedIsFinal);
}

/// <summary>The database cannot be set up as it is; the message is one line saying what to do. Not a bug: no stack trace.</summary>
internal sealed class DatabaseSetupRefusedException(string message) : Exception(message);
