using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.Migrations.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every connection. Without it Microsoft.Data.Sqlite answers a locked
/// database by sleeping 150 ms at a time on the calling thread; SQLite's handler waits in steps of a few
/// milliseconds, so a write that meets another process's lock (a second node on the same file, an Identity
/// write outside the write gate) resumes as soon as the lock is free.
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
