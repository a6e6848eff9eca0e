using System.ComponentModel.DataAnnotations;

namespace IcpFiling.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Section <c>Database</c>: which engine, and where the embedded one keeps its file.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and the log files; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    [Required]
    public string SqliteFileName { get; set; } = "icpfiling.db";

    /// <summary>Apply pending migrations at start-up (EF Core takes a lock, so several nodes may start at once).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}
