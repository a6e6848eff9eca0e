using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConsoleBench;

/// <summary>A server process under measurement: cold start, CPU time, allocations (through the startup hook) and peak memory.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _allocationsFile;

    private Server(string name, Process process, string url, string allocationsFile, TimeSpan coldStart)
    {
        Name = name;
        _process = process;
        Url = url;
        _allocationsFile = allocationsFile;
        ColdStart = coldStart;
    }

    public string Name { get; }

    public string Url { get; }

    /// <summary>From process start to the first 200 on /healthz.</summary>
    public TimeSpan ColdStart { get; }

    public static async Task<Server> StartAsync(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment, string hook, string workFolder)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var allocations = Path.Combine(workFolder, $"{name}-{port}.allocations");
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_STARTUP_HOOKS"] = hook;
        start.Environment["ICPFILING_BENCH_ALLOCATIONS"] = allocations;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A refused connection fails at once; the first answer itself may take seconds on a loaded machine and still counts.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var response = await client.GetAsync(url + "/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"{name} did not answer /healthz within 3 minutes:\n{output}");
            }

            await Task.Delay(10);
        }

        return new Server(name, process, url, allocations, watch.Elapsed);
    }

    /// <summary>CPU time (user + system) and allocated bytes so far.</summary>
    public async Task<Usage> UsageAsync()
    {
        await Task.Delay(120); // let the hook write a fresh line
        var stat = (await File.ReadAllTextAsync($"/proc/{_process.Id}/stat")).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Fields 14 and 15 of /proc/pid/stat (utime, stime) in clock ticks; after the ')' they are at 11 and 12.
        var ticks = long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
        var allocated = long.Parse((await File.ReadAllTextAsync(_allocationsFile)).Split(' ')[0], CultureInfo.InvariantCulture);
        return new Usage(TimeSpan.FromSeconds(ticks / 100.0), allocated);
    }

    /// <summary>Peak resident memory (VmHWM), in MB.</summary>
    public double PeakMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: a graceful stop lets a trace the console was asked to write (--console-env
            // DOTNET_EnableEventPipe=1 …) end with its rundown, which names the methods in its stacks.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal readonly record struct Usage(TimeSpan Cpu, long AllocatedBytes)
{
    public static Usage operator -(Usage after, Usage before) => new(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes);
}
