using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace IcpFiling.Core.Persistence;

/// <summary>
/// The two questions every start asks of the database (is a migration pending, are the roles there), each answered
/// with one plain query. EF's own answers cost a fifth to a third of a second at every start: the pending check builds a
/// model of the history table through the whole convention set, and the first Identity query compiles EF's query
/// pipeline. Either read tells the caller only when nothing needs doing; otherwise the caller takes EF's own path.
/// </summary>
public static class StartupReads
{
    /// <summary>
    /// True when every migration of the context's migrations assembly is recorded in the history table. False when one
    /// is not, or when the history table (or the database) cannot be read, e.g. because it does not exist yet.
    /// </summary>
    public static async Task<bool> IsFullyMigratedAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        var options = RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>());
        // The table EF's HistoryRepository reads: its configured name and schema, or the defaults.
        var table = sql.DelimitIdentifier(options.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName, options.MigrationsHistoryTableSchema);
        var applied = await TryReadStringsAsync(db, $"SELECT {sql.DelimitIdentifier("MigrationId")} FROM {table}", cancellationToken);
        return applied is not null && db.Database.GetMigrations().All(applied.Contains);
    }

    /// <summary>The normalized names of the stored roles, or null when the roles table cannot be read.</summary>
    public static async Task<IReadOnlySet<string>?> RoleNormalizedNamesAsync(IcpFilingDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        var roles = db.Model.FindEntityType(typeof(IdentityRole)) ?? throw new InvalidOperationException("The model has no roles table.");
        var normalizedName = roles.FindProperty(nameof(IdentityRole.NormalizedName))!.GetColumnName();
        var table = sql.DelimitIdentifier(roles.GetTableName()!, roles.GetSchema());
        return await TryReadStringsAsync(db, $"SELECT {sql.DelimitIdentifier(normalizedName)} FROM {table}", cancellationToken);
    }

    private static async Task<HashSet<string>?> TryReadStringsAsync(DbContext db, string query, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (DbException)
        {
            return null;
        }

        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = query;
            var values = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!await reader.IsDBNullAsync(0, cancellationToken))
                {
                    values.Add(reader.GetString(0));
                }
            }

            return values;
        }
        catch (DbException)
        {
            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
