using System.Net;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Nodes;

/// <summary>
/// Two console processes on one database, started once for a test class: node 1 migrates and seeds the demo
/// data into an empty database, then node 2 starts on it. Either can be killed and started again.
/// </summary>
public abstract class TwoNodes(Func<Task<SharedDatabase>> createDatabase) : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly ConsoleNode?[] _nodes = new ConsoleNode?[2];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "icpfiling-nodes", Guid.NewGuid().ToString("N"));

    public SharedDatabase Database { get; private set; } = null!;

    /// <summary>Why these tests skip here (no PostgreSQL server binaries); null when they run.</summary>
    public string? SkipReason { get; private set; }

    public ConsoleNode Node1 => _nodes[0]!;

    public ConsoleNode Node2 => _nodes[1]!;

    public ConsoleNode Node(int index) => _nodes[index]!;

    /// <summary>Null, or what keeps the nodes from running here: PostgreSQL tests skip without the server binaries (fail on CI).</summary>
    protected virtual string? Unavailable() => null;

    public async Task InitializeAsync()
    {
        SkipReason = Unavailable();
        if (SkipReason is not null)
        {
            return;
        }

        Database = await createDatabase();
        _nodes[0] = StartNode(0, seed: true);
        await Node1.WaitReadyAsync(StartTimeout);
        _nodes[1] = StartNode(1, seed: false);
        await Node2.WaitReadyAsync(StartTimeout);
    }

    /// <summary>Starts node <paramref name="index"/> again (after a kill) and waits until it serves.</summary>
    public async Task RestartAsync(int index)
    {
        if (_nodes[index] is { } old)
        {
            await old.DisposeAsync();
        }

        _nodes[index] = StartNode(index, seed: false);
        await _nodes[index]!.WaitReadyAsync(StartTimeout);
    }

    /// <summary>A node of <paramref name="database"/> with its own data folder (logs) under this fixture's folder.</summary>
    public ConsoleNode StartNode(SharedDatabase database, string name, bool seed)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var settings = database.NodeSettings(folder);
        settings["Demo__SeedData"] = seed ? "true" : "false";
        return ConsoleNode.Start(name, settings);
    }

    /// <summary>Signs in through node <paramref name="node"/>'s form; the returned clients (one per node) share the cookies.</summary>
    public async Task<ConsoleClient[]> SignInAsync(int node, string email)
    {
        var cookies = new CookieContainer();
        ConsoleClient[] clients = [new(Node1.Client(cookies)), new(Node2.Client(cookies))];
        var client = clients[node];
        var response = await client.PostFormAsync(
            "/Identity/Account/Login",
            await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return clients;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes.OfType<ConsoleNode>())
        {
            await node.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be flushed by a dying node; the OS cleans temp later.
        }
    }

    private ConsoleNode StartNode(int index, bool seed) => StartNode(Database, $"node{index + 1}", seed);
}

public sealed class PostgresTwoNodes() : TwoNodes(PostgresSharedDatabase.CreateEmptyAsync)
{
    protected override string? Unavailable() => PostgresCluster.UnavailableReason;
}

public sealed class SqliteTwoNodes() : TwoNodes(SqliteSharedDatabase.CreateEmptyAsync);

/// <summary>The node tests start processes and load both cores: they run alone, after the parallel classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodeCollection
{
    public const string Name = "Two web nodes";
}
