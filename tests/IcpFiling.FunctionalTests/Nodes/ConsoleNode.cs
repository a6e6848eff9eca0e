using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IcpFiling.FunctionalTests.Nodes;

/// <summary>
/// One web node: the built console (IcpFiling.Web.dll) in a process of its own, on Kestrel, on a free loopback
/// port, configured only through environment variables as a deployment would be. Killed with SIGKILL on
/// <see cref="Kill"/>, as a crashed machine would stop.
/// </summary>
public sealed class ConsoleNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConsoleNode(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the node wrote to its console, for the failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ConsoleNode Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var web = WebProjectDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(web, "bin", BuildConfiguration(), "net10.0", "IcpFiling.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // The storms sign in and post far more than one person would; the limits are not what is tested here.
        start.Environment["Security__SignInRateLimit__PermitLimit"] = "100000";
        start.Environment["Security__CommandRateLimit__PermitLimit"] = "100000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var node = new ConsoleNode(name, process, address);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until /readyz (the database check) answers 200; fails with the node's output if it exits or never does.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy migrating.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Node {Name} was not ready after {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    /// <summary>kill -9: no shutdown, no flush, open transactions abandoned mid-flight.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>A client on this node; clients sharing <paramref name="cookies"/> are one browser talking to several nodes.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The test runs from tests/IcpFiling.FunctionalTests/bin/&lt;Configuration&gt;/net10.0; the web project was built alongside.</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string WebProjectDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IcpFiling.sln")))
            {
                return Path.Combine(folder.FullName, "src", "IcpFiling.Web");
            }
        }

        throw new InvalidOperationException("IcpFiling.sln not found above " + AppContext.BaseDirectory);
    }
}
