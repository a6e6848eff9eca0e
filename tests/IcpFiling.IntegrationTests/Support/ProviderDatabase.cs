using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Testing;
using IcpFiling.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// An empty database of one provider (a SQLite file in a fresh folder, or a database on the run's PostgreSQL cluster)
/// that a test fills with raw SQL, then starts through the app's own database setup (<see cref="DatabaseSetup"/>), and
/// whose schema it reads from the catalogue.
/// </summary>
internal sealed partial class ProviderDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Func<Task> _cleanUp;

    private ProviderDatabase(string provider, string folder, string connectionString, Func<Task> cleanUp)
    {
        Provider = provider;
        _folder = folder;
        ConnectionString = connectionString;
        _cleanUp = cleanUp;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    private bool IsSqlite => Provider == "Sqlite";

    public static async Task<ProviderDatabase> CreateEmptyAsync(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "icpfiling-baseline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "icpfiling.db") }.ToString();
            return new ProviderDatabase(provider, folder, file, () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });
        }

        Skip.If(PostgresCluster.UnavailableReason is not null, PostgresCluster.UnavailableReason);
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateEmptyDatabaseAsync();
        return new ProviderDatabase(provider, folder, connectionString, async () =>
        {
            await cluster.DropDatabaseAsync(connectionString);
            Directory.Delete(folder, recursive: true);
        });
    }

    /// <summary>The old chain's script for this provider (OldMigrations/), as an earlier main's migrations ran it.</summary>
    public string OldMigrationsScript() =>
        // The script holds the byte order mark EF wrote after its header; SQLite's parser does not take it.
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OldMigrations", IsSqlite ? "sqlite.sql" : "postgres.sql")).Replace("\uFEFF", "", StringComparison.Ordinal);

    /// <summary>Options for a DbContext on this database, as the tests' own contexts use it (the model built from the code).</summary>
    public TestDatabase AsTestDatabase() => TestDatabase.AsItIs(
        Provider,
        options => _ = IsSqlite ? options.UseIcpFilingSqlite(ConnectionString) : options.UseIcpFilingPostgres(ConnectionString),
        () => Task.CompletedTask);

    /// <summary>Starts the database as the app does at start-up: its provider's registration, then DatabaseSetup's migrate step.</summary>
    public async Task StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["Database:DataDirectory"] = _folder,
            ["Database:SqliteFileName"] = "icpfiling.db",
            ["ConnectionStrings:Postgres"] = IsSqlite ? null : ConnectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddIcpFilingDatabase(configuration, _folder).BuildServiceProvider();
        await services.MigrateDatabaseAsync(CancellationToken.None);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each row of <paramref name="sql"/> as one line, its columns joined with " | ".</summary>
    public async Task<List<string>> LinesAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)))));
        }

        return lines;
    }

    public Task<List<string>> HistoryAsync() => LinesAsync("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """);

    /// <summary>
    /// Every row of every application table (EF's own history and lock tables aside), table by table, sorted; only the
    /// <paramref name="columns"/> given (as <see cref="ColumnsAsync"/> read them earlier), so that the rows a later
    /// migration widens compare with the rows before it.
    /// </summary>
    public async Task<List<string>> RowsAsync(IReadOnlyDictionary<string, List<string>> columns)
    {
        var rows = new List<string>();
        foreach (var (table, names) in columns.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var select = string.Join(", ", names.Select(name => $"\"{name}\""));
            rows.AddRange((await LinesAsync($"""SELECT {select} FROM "{table}" """)).Order(StringComparer.Ordinal).Select(row => table + ": " + row));
        }

        return rows;
    }

    /// <summary>Each application table's columns, by name.</summary>
    public async Task<Dictionary<string, List<string>>> ColumnsAsync()
    {
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync())
        {
            columns[table] = [.. (await LinesAsync(IsSqlite
                ? $"SELECT name FROM pragma_table_info('{table}')"
                : $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'")).Order(StringComparer.Ordinal)];
        }

        return columns;
    }

    /// <summary>
    /// The schema as the catalogue reports it: tables, columns (type, nullability, default, key; compared as a set, since
    /// columns an old migration added sit last in their table), indexes, keys, foreign keys, check constraints, triggers.
    /// EF's history and lock tables are left out: the history is asserted on its own.
    /// </summary>
    public async Task<List<string>> SchemaAsync()
    {
        var schema = new List<string>();
        foreach (var query in IsSqlite ? SqliteSchemaQueries : PostgresSchemaQueries)
        {
            schema.AddRange(await LinesAsync(query));
        }

        if (IsSqlite)
        {
            // SQLite keeps check constraints only in the table's CREATE text, one per line as EF writes them.
            foreach (var create in await LinesAsync("SELECT name || ' | ' || sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'"))
            {
                var table = create[..create.IndexOf(" | ", StringComparison.Ordinal)];
                schema.AddRange(CheckConstraint().Matches(create).Select(m => $"check {table}: {m.Value.TrimEnd(',', ' ')}"));
            }
        }

        return [.. schema.Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync() => await _cleanUp();

    private async Task<List<string>> TablesAsync() => await LinesAsync(IsSqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%' ORDER BY table_name");

    private DbConnection Open() => IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        Array items => "[" + string.Join(", ", items.Cast<object>().Select(Text)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private const string SqliteApplicationTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EFMigrations%'";

    private static readonly string[] SqliteSchemaQueries =
    [
        $"SELECT 'table ' || m.name FROM sqlite_master AS m WHERE {SqliteApplicationTables}",
        $"""
         SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' default=' || coalesce(c.dflt_value, '-') || ' pk=' || c.pk
         FROM sqlite_master AS m, pragma_table_info(m.name) AS c WHERE {SqliteApplicationTables}
         """,
        $"""
         SELECT 'foreign key ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on update ' || f.on_update || ' on delete ' || f.on_delete
         FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE {SqliteApplicationTables}
         """,
        $"""
         SELECT 'index ' || m.name || '.' || i.name || ' unique=' || i."unique" || ' origin=' || i.origin || ' partial=' || i.partial
             || ' (' || (SELECT group_concat(name, ', ') FROM (SELECT x.name FROM pragma_index_info(i.name) AS x ORDER BY x.seqno)) || ')'
         FROM sqlite_master AS m, pragma_index_list(m.name) AS i WHERE {SqliteApplicationTables}
         """,
        "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name NOT LIKE '__EFMigrations%'",
    ];

    private static readonly string[] PostgresSchemaQueries =
    [
        "SELECT 'table ' || table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'",
        """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || coalesce('(' || character_maximum_length || ')', '')
            || coalesce(' numeric(' || numeric_precision || ',' || numeric_scale || ')', '') || ' nullable=' || is_nullable
            || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity || coalesce(' ' || identity_generation, '')
            || ' collation=' || coalesce(collation_name, '-')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
        """,
        """
        SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint AS c JOIN pg_namespace AS n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT LIKE '"__EFMigrations%'
        """,
        "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'",
        "SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
        """
        SELECT 'function ' || p.proname || ': ' || p.prosrc FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
        """,
        "SELECT 'sequence ' || sequencename || ' ' || data_type::text FROM pg_sequences WHERE schemaname = 'public'",
    ];

    [GeneratedRegex("""CONSTRAINT "CK_[^"]+" CHECK \(.*\)""")]
    private static partial Regex CheckConstraint();
}
