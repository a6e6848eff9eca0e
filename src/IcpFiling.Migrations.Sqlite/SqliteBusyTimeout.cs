using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.Migrations.Sqlite;

/// <summary>
/// Sets SQLite's own busy timeout on every connection. Without it Microsoft.Data.Sqlite answers a locked
/// database by sleeping 150 ms at a time on the calling thread; SQLite's handler waits in steps of a few
/// milliseconds, so a write that meets another process's lock (a second node on the same file, an Identity
/// write outside the write gate) resumes as soon as the lock is free. Set through the C API rather than a
/// <c>PRAGMA busy_timeout</c> statement: every request opens its connection, and preparing and running a statement
/// for it was one more statement per request.
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly int _milliseconds = (int)timeout.TotalMilliseconds;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private void Set(DbConnection connection)
    {
        var result = SQLitePCL.raw.sqlite3_busy_timeout(((SqliteConnection)connection).Handle, _milliseconds);
        SqliteException.ThrowExceptionForRC(result, ((SqliteConnection)connection).Handle);
    }
}
