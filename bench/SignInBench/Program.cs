using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

// Usage: dotnet run --project bench/SignInBench -- [--rounds 41] [--burst 120] [--no-build]
// Two runs of the console (a fresh SQLite file each, demo seed), both on 127.0.0.1:
//   1. timing: the sign-in throttle and rate limit lifted, so every wrong password really is checked against the
//      account; medians of "wrong password for a real account" and "unknown e-mail", alternating.
//   2. burst: the shipped limits; failed sign-ins from one address as fast as they go; answers counted.
var rounds = Option("--rounds", 41);
var burst = Option("--burst", 120);
var noBuild = args.Contains("--no-build");
var repository = FindRepository();

Console.WriteLine($"Sign-in benchmark: {rounds} rounds per path (after 5 warm-up rounds), burst of {burst}.");

await using (var console = await ConsoleProcess.StartAsync(repository, noBuild, new()
{
    ["Security__SignIn__FailuresPerAddress"] = "1000000",
    ["Security__SignIn__AccountLockoutFailures"] = "1000000",
    ["Security__SignInRateLimit__PermitLimit"] = "1000000",
}))
{
    var known = new List<double>();
    var unknown = new List<double>();
    using var client = console.NewClient();
    var token = await TokenAsync(client);
    for (var round = -5; round < rounds; round++)
    {
        var k = await TimeAsync(client, token, "owner2@demo.test", "Wrong#Password1");
        var u = await TimeAsync(client, token, $"nobody-{round + 5}@bench.test", "Wrong#Password1");
        if (round >= 0)
        {
            known.Add(k);
            unknown.Add(u);
        }
    }

    Console.WriteLine($"wrong password, real account: median {Median(known):F1} ms (min {known.Min():F1}, max {known.Max():F1})");
    Console.WriteLine($"unknown e-mail:               median {Median(unknown):F1} ms (min {unknown.Min():F1}, max {unknown.Max():F1})");
    Console.WriteLine($"ratio unknown / known: {Median(unknown) / Median(known):F2}");
}

await using (var console = await ConsoleProcess.StartAsync(repository, noBuild, []))
{
    using var client = console.NewClient();
    var token = await TokenAsync(client);
    var answers = new Dictionary<int, int>();
    var retryAfter = new SortedSet<string>();
    var watch = Stopwatch.StartNew();
    for (var attempt = 0; attempt < burst; attempt++)
    {
        using var response = await PostSignInAsync(client, token, $"burst-{attempt}@bench.test", "guess");
        answers[(int)response.StatusCode] = answers.GetValueOrDefault((int)response.StatusCode) + 1;
        if (response.Headers.RetryAfter is { } retry)
        {
            retryAfter.Add(retry.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? retry.ToString());
        }
    }

    watch.Stop();
    Console.WriteLine($"burst: {burst} failed sign-ins from one address in {watch.Elapsed.TotalSeconds:F1} s: "
        + string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Value} x {a.Key}"))
        + $"; Retry-After values (s): {(retryAfter.Count == 0 ? "none" : string.Join(", ", retryAfter))}");
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "IcpFiling.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

static async Task<string> TokenAsync(HttpClient client)
{
    var html = await client.GetStringAsync("/Identity/Account/Login");
    return Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
}

static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, string email, string password) =>
    client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["__RequestVerificationToken"] = token,
    }));

static async Task<double> TimeAsync(HttpClient client, string token, string email, string password)
{
    var watch = Stopwatch.StartNew();
    using var response = await PostSignInAsync(client, token, email, password);
    watch.Stop();
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"A failed sign-in answered {(int)response.StatusCode}.");
    }

    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>The console as a child process on a free loopback port, with a throw-away data folder.</summary>
internal sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ConsoleProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        _dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public static async Task<ConsoleProcess> StartAsync(string repository, bool noBuild, Dictionary<string, string> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "icpfiling-bench", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repository, "src", "IcpFiling.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "run", "--no-launch-profile" }.Concat(noBuild ? ["--no-build"] : []).Concat(["--", "--urls", address.ToString()]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Demo__SeedData"] = "true";
        start.Environment["Serilog__MinimumLevel__Default"] = "Error";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var console = new ConsoleProcess(process, address, dataDirectory);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The console exited with {process.ExitCode}.");
            }

            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return console;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        await console.DisposeAsync();
        throw new TimeoutException("The console did not become ready within two minutes.");
    }

    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
