using System.Text.RegularExpressions;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Persistence;

/// <summary>
/// The model's few pieces of raw SQL (index filters, check constraints) are written once with SQL Server's
/// [brackets], which SQLite reads too; PostgreSQL quotes names with "double quotes", so it gets them rewritten.
/// The columns searched by prefix use the "C" collation there: ordinal, like the other providers' search,
/// and the only collation whose B-tree index can answer a prefix range.
/// </summary>
internal static partial class PostgresDialect
{
    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void Adapt(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var index in entityType.GetIndexes())
            {
                if (index.GetFilter() is { } filter)
                {
                    index.SetFilter(Requote(filter));
                }
            }

            foreach (var check in entityType.GetCheckConstraints().ToList())
            {
                entityType.RemoveCheckConstraint(check.ModelName);
                entityType.AddCheckConstraint(check.ModelName, Requote(check.Sql));
            }
        }

        builder.Entity<ServiceNumber>().Property(n => n.Number).UseCollation("C");
        builder.Entity<Instance>().Property(i => i.InstanceId).UseCollation("C");
        builder.Entity<InstanceAddress>().Property(a => a.Address).UseCollation("C");
        builder.Entity<Filings.Filing>().Property(f => f.DomainAscii).UseCollation("C");
    }

    internal static string Requote(string sql) => BracketedName().Replace(sql, "\"$1\"");

    [GeneratedRegex(@"\[([A-Za-z_][A-Za-z0-9_]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedName();
}
