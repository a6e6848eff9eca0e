using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;

namespace ConsoleBench;

/// <summary>
/// The raw baseline the console is measured against, run as a process of its own like the console: the same rows
/// read with ADO.NET into a StringBuilder page, and Apply as the same statements in one transaction, on the same
/// SQLite file with the same durability (WAL, synchronous FULL) and one writer at a time. No sign-in, no MVC, no
/// EF: the cost of the data itself.
/// </summary>
internal static class Baseline
{
    public static async Task RunAsync(string file, string ownerId, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        var writer = new SemaphoreSlim(1, 1);

        app.MapGet("/healthz", () => "Healthy");
        app.MapGet("/numbers", async (HttpContext context, int? page) =>
        {
            await using var connection = await OpenAsync(connectionString);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT n.Number, i.InstanceId, i.Name, n.InstanceType, n.IssuedAt, n.Status, n.Channel, n.Slot,
                    (SELECT f.Domain FROM Filings f WHERE f.ServiceNumberRef = n.Id LIMIT 1),
                    (SELECT u.Email FROM AspNetUsers u WHERE u.Id = n.RestrictedToAccountId)
                FROM ServiceNumbers n JOIN Instances i ON i.Id = n.InstanceRef
                WHERE n.AccountId = $account
                ORDER BY n.IssuedAt DESC, n.Id DESC LIMIT 20 OFFSET $skip
                """;
            command.Parameters.AddWithValue("$account", ownerId);
            command.Parameters.AddWithValue("$skip", (Math.Max(page ?? 1, 1) - 1) * 20);
            var html = new StringBuilder("<!DOCTYPE html><html><head><title>Numbers</title></head><body><table><tbody>");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                html.Append("<tr>");
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    html.Append("<td>").Append(HtmlEncoder.Default.Encode(reader.IsDBNull(column) ? "" : reader.GetString(column))).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString());
        });

        app.MapPost("/apply", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var instanceId = form["InstanceId"].ToString();
            var key = form["IdempotencyKey"].ToString();
            await writer.WaitAsync();
            try
            {
                await using var connection = await OpenAsync(connectionString);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                var earlier = await ScalarAsync(connection, "SELECT Number FROM ServiceNumbers WHERE AccountId = $a AND IdempotencyKey = $k",
                    ("$a", ownerId), ("$k", key));
                if (earlier is not null)
                {
                    return Results.Redirect("/numbers");
                }

                var instanceRef = await ScalarAsync(connection, "SELECT Id FROM Instances WHERE InstanceId = $i AND OwnerId = $a AND Status = 'Running'",
                    ("$i", instanceId), ("$a", ownerId));
                if (instanceRef is null)
                {
                    return Results.NotFound();
                }

                var quotaKey = "instance:" + instanceId;
                var used = Convert.ToInt32(await ScalarAsync(connection, "SELECT COUNT(*) FROM ServiceNumbers WHERE QuotaKey = $q", ("$q", quotaKey)),
                    CultureInfo.InvariantCulture);
                if (used >= BenchDatabase.NumbersPerInstance)
                {
                    return Results.Conflict();
                }

                var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                var number = Guid.NewGuid().ToString();
                await ExecuteAsync(connection, """
                    INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
                    VALUES ($n, $r, 'Ecs', $a, $t, 'Unused', 'ApplicationPage', $q, $s, $k)
                    """, ("$n", number), ("$r", instanceRef), ("$a", ownerId), ("$t", now), ("$q", quotaKey), ("$s", used + 1), ("$k", key));
                await ExecuteAsync(connection, """
                    INSERT INTO AuditEntries (At, ActorId, ActorRole, Action, SubjectType, SubjectId, Detail)
                    VALUES ($t, $a, 'Owner', 'NumberIssued', 'ServiceNumber', $n, $d)
                    """, ("$t", now), ("$a", ownerId), ("$n", number), ("$d", $"instance={instanceId}; quota={quotaKey}; slot={used + 1}"));
                await transaction.CommitAsync();
                return Results.Redirect("/numbers");
            }
            finally
            {
                writer.Release();
            }
        });

        await app.RunAsync();
    }

    private static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
