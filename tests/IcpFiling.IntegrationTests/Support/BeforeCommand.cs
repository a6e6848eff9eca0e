using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// Runs <paramref name="sql"/> once, inside the change's own transaction, just before the first command whose
/// text contains every one of <paramref name="markers"/>: what a concurrent request would have done between a
/// command's check and its conditional update on a database server (SQLite's write lock forbids the real race).
/// </summary>
internal sealed class BeforeCommand(string sql, IReadOnlyDictionary<string, object> parameters, params string[] markers) : DbCommandInterceptor
{
    /// <summary>Set once the SQL ran (and changed exactly one row).</summary>
    public bool Ran { get; private set; }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Ran && markers.All(m => command.CommandText.Contains(m, StringComparison.Ordinal)))
        {
            Ran = true;
            await using var before = command.Connection!.CreateCommand();
            before.Transaction = command.Transaction;
            before.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = before.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                before.Parameters.Add(parameter);
            }

            Assert.Equal(1, await before.ExecuteNonQueryAsync(cancellationToken));
        }

        return result;
    }
}
