// The console's performance benchmark (issue 12), not a test. Run from the repository root:
//   dotnet run -c Release --project bench/ConsoleBench [-- --rounds 3 --seconds 10 --large 200000 --small 2000 --only start|page|apply|api|scale --keep]
//   (A/B options: --console-env NAME=VALUE, --published DIR to skip publishing, --clients N for Apply at N clients only)
// It publishes the console (Release), generates three SQLite databases in a temporary folder (10k numbers, 1M
// numbers, and 40,000 fresh instances for Apply), starts the console (Production) and this program's raw ADO.NET
// baseline as separate processes, drives both with Debian's wrk, and prints medians of interleaved rounds as a
// Markdown table with the ratio to the baseline measured in the same run. Needs `wrk` on the PATH.
using System.Diagnostics;
using System.Globalization;
using ConsoleBench;

if (args.Length > 0 && args[0] == "baseline")
{
    await Baseline.RunAsync(args[1], args[2], args[Array.IndexOf(args, "--urls") + 1]);
    return;
}

var rounds = Option("--rounds", 3);
var seconds = TimeSpan.FromSeconds(Option("--seconds", 10));
var smallInstances = Option("--small", 2_000);
var largeInstances = Option("--large", 200_000);
// Five numbers each: room for every round of both servers without running out of quota.
const int ApplyInstances = 200_000;
var work = Path.Combine(Path.GetTempPath(), "icpfiling-console-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(work);
var repository = FindRepository();
var self = Environment.ProcessPath!;
var selfDll = typeof(Baseline).Assembly.Location;
var hook = Path.Combine(AppContext.BaseDirectory, "AllocationHook.dll");
Console.WriteLine($"Work folder: {work}");

// --published DIR: measure a console published earlier (an A/B of two builds without publishing each time).
var published = args.SkipWhile(a => a != "--published").Skip(1).FirstOrDefault();
var web = published is null ? Path.Combine(work, "web") : Path.GetFullPath(published);
if (published is null)
{
    Step("Publishing the console (Release, ReadyToRun, as the Dockerfile does)");
    Run("dotnet", "publish", Path.Combine(repository, "src", "IcpFiling.Web"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
        "-p:PublishReadyToRun=true", "-o", web, "--nologo", "-v", "q");
}
else
{
    Console.WriteLine($"Console published earlier: {web}");
}

Run("dotnet", "build", Path.Combine(repository, "bench", "AllocationHook"), "-c", "Release", "-o", Path.GetDirectoryName(hook)!, "--nologo", "-v", "q");

// --console-env NAME=VALUE (repeatable): runtime or app settings for an A/B of the console, e.g. DOTNET_GCConserveMemory=5.
var consoleEnvironment = args.Select((a, i) => (a, i)).Where(x => x.a == "--console-env" && x.i + 1 < args.Length)
    .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
foreach (var (name, value) in consoleEnvironment)
{
    Console.WriteLine($"Console environment: {name}={value}");
}

var rows = new List<Row>();
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
bool Runs(string part) => only is null || only == part;
double consoleHwm = 0, baselineHwm = 0;

Step("Generating databases");
var small = Runs("start") || Runs("page") || Runs("scale") || Runs("api") ? await BenchDatabase.CreateAsync(Path.Combine(work, "small"), smallInstances, 0) : null!;
var large = Runs("scale") || Runs("api") ? await BenchDatabase.CreateAsync(Path.Combine(work, "large"), largeInstances, 0) : null!;
var applies = Runs("apply") || Runs("api") ? await BenchDatabase.CreateAsync(Path.Combine(work, "apply"), 0, ApplyInstances) : null!;
var apiApplies = Runs("api") ? await BenchDatabase.CreateAsync(Path.Combine(work, "api"), 0, ApplyInstances) : null!;
Step($"Generated {smallInstances * BenchDatabase.NumbersPerInstance:N0} and {largeInstances * BenchDatabase.NumbersPerInstance:N0} numbers, {ApplyInstances:N0} instances for Apply");

// Cold start: process start to the first 200 on /healthz, console and baseline alternately.
var starts = (Console: new List<double>(), Baseline: new List<double>());
for (var round = 0; round < rounds && Runs("start"); round++)
{
    await using (var console = await StartConsoleAsync(small))
    {
        starts.Console.Add(console.ColdStart.TotalSeconds);
    }

    await using (var baseline = await StartBaselineAsync(small))
    {
        starts.Baseline.Add(baseline.ColdStart.TotalSeconds);
    }
}

// ICP No. Management page 1, signed in, 8 connections, against the baseline's page of the same rows.
if (Runs("page"))
{
    Step("ICP No. Management page 1 (10k numbers), 8 connections");
    await using var console = await StartConsoleAsync(small);
    await using var baseline = await StartBaselineAsync(small);
    var page = (Console: new List<Measured>(), Baseline: new List<Measured>());
    await MeasureAsync(console, "/icp-no/management", signedIn: true); // warm-up
    await MeasureAsync(baseline, "/numbers", signedIn: false);
    for (var round = 0; round < rounds; round++)
    {
        page.Console.Add(await MeasureAsync(console, "/icp-no/management", signedIn: true));
        page.Baseline.Add(await MeasureAsync(baseline, "/numbers", signedIn: false));
    }

    var c = Median(page.Console, m => m.Load.PerSecond);
    var b = Median(page.Baseline, m => m.Load.PerSecond);
    rows.Add(new Row("ICP No. Management page 1 (20 rows, signed in), req/s", F0(c) + $", p50 {Median(page.Console, m => m.Load.P50.TotalMilliseconds):F1} ms",
        F0(b) + $", p50 {Median(page.Baseline, m => m.Load.P50.TotalMilliseconds):F1} ms", c / b, "≥ 0.5×"));
    var cpuC = Median(page.Console, m => m.CpuPerRequest.TotalMilliseconds);
    var cpuB = Median(page.Baseline, m => m.CpuPerRequest.TotalMilliseconds);
    rows.Add(new Row("CPU per Management request", $"{cpuC:F2} ms", $"{cpuB:F2} ms", cpuC / cpuB, "≤ 3×"));
    var allocC = Median(page.Console, m => m.BytesPerRequest) / 1024;
    var allocB = Median(page.Baseline, m => m.BytesPerRequest) / 1024;
    rows.Add(new Row("Allocation per Management request", $"{allocC:F0} KB", $"{allocB:F0} KB", allocC / allocB, "≤ 100 KB"));
    consoleHwm = console.PeakMegabytes();
    baselineHwm = baseline.PeakMegabytes();
}

// Apply at 8 and 32 clients.
// --clients N: Apply at N clients only (A/Bs of the apply path).
var applyClients = Option("--clients", 0) is var onlyClients and > 0 ? [onlyClients] : new[] { 8, 32 };
foreach (var clients in Runs("apply") ? applyClients : Array.Empty<int>())
{
    Step($"Apply, {clients} clients");
    await using var console = await StartConsoleAsync(applies);
    await using var baseline = await StartBaselineAsync(applies);
    var results = (Console: new List<ApplyRun>(), Baseline: new List<ApplyRun>());
    // Warm-up, not counted: a new process JIT-compiles (tiered, with PGO) for its first seconds under load.
    await ApplyRoundAsync(console, "/icp-no/application/apply", clients, signedIn: true, $"wc{clients}", 7);
    await ApplyRoundAsync(baseline, "/apply", clients, signedIn: false, $"wb{clients}", 11);
    for (var round = 0; round < rounds; round++)
    {
        var offset = (clients * 100 + round) * 997;
        results.Console.Add(await ApplyRoundAsync(console, "/icp-no/application/apply", clients, signedIn: true, $"c{clients}r{round}", offset));
        results.Baseline.Add(await ApplyRoundAsync(baseline, "/apply", clients, signedIn: false, $"b{clients}r{round}", offset + 7));
    }

    var c = Median(results.Console, r => r.IssuedPerSecond);
    var b = Median(results.Baseline, r => r.IssuedPerSecond);
    rows.Add(new Row($"Apply, {clients} clients, numbers issued/s", $"{c:F0}, p95 {Median(results.Console, r => r.Load.P95.TotalMilliseconds):F0} ms"
        + Shortfall(results.Console), $"{b:F0}, p95 {Median(results.Baseline, r => r.Load.P95.TotalMilliseconds):F0} ms" + Shortfall(results.Baseline),
        c / b, clients == 8 ? "≥ 0.5×, p95 ≤ 50 ms" : "≥ 0.5×, p95 ≤ 150 ms"));
    var cpuC = Median(results.Console, r => r.CpuPerIssue.TotalMilliseconds);
    var cpuB = Median(results.Baseline, r => r.CpuPerIssue.TotalMilliseconds);
    rows.Add(new Row($"CPU per number issued, {clients} clients", $"{cpuC:F2} ms", $"{cpuB:F2} ms", cpuC / cpuB, ""));
    consoleHwm = Math.Max(consoleHwm, console.PeakMegabytes());
}

// The API (issue 11): apply through POST /api/v1/my/apply with 1 and with 20 instances per call, 8 connections,
// against the baseline's one-number apply; then cursor-paged listing at 1M numbers against 10k.
if (Runs("api"))
{
    Step("API apply, 1 and 20 instances per call, 8 connections");
    await using var console = await StartConsoleAsync(apiApplies);
    await using var baseline = await StartBaselineAsync(applies);
    var results = (One: new List<ApplyRun>(), Twenty: new List<ApplyRun>(), Baseline: new List<ApplyRun>());
    await ApiApplyRoundAsync(console, 1, "w1", 3); // warm-up, not counted
    await ApiApplyRoundAsync(console, 20, "w20", 5);
    await ApplyRoundAsync(baseline, "/apply", 8, signedIn: false, "wapi", 13);
    for (var round = 0; round < rounds; round++)
    {
        var offset = (round + 1) * 7919;
        results.One.Add(await ApiApplyRoundAsync(console, 1, $"one{round}", offset));
        results.Twenty.Add(await ApiApplyRoundAsync(console, 20, $"twenty{round}", offset + 101));
        results.Baseline.Add(await ApplyRoundAsync(baseline, "/apply", 8, signedIn: false, $"bapi{round}", offset + 211));
    }

    var b = Median(results.Baseline, r => r.IssuedPerSecond);
    var baselineText = $"{b:F0}, p95 {Median(results.Baseline, r => r.Load.P95.TotalMilliseconds):F0} ms (one number a request)";
    foreach (var (name, runs) in new[] { ("1 instance", results.One), ("20 instances", results.Twenty) })
    {
        var c = Median(runs, r => r.IssuedPerSecond);
        rows.Add(new Row($"API apply, {name} per call, 8 connections, numbers issued/s",
            $"{c:F0}, p95 {Median(runs, r => r.Load.P95.TotalMilliseconds):F0} ms a call" + Shortfall(runs), baselineText, c / b, "(issue 11: figures)"));
    }

    consoleHwm = Math.Max(consoleHwm, console.PeakMegabytes());
}

if (Runs("api"))
{
    Step("API cursor paging at 1M numbers vs 10k");
    await using var smallConsole = await StartConsoleAsync(small);
    await using var largeConsole = await StartConsoleAsync(large);
    var smallDeep = await CursorAfterAsync(smallConsole.Url, small.Token, pages: 10);
    var largeDeep = await CursorAfterAsync(largeConsole.Url, large.Token, pages: 10);
    var lists = new (string Name, string Path, string SmallCursor, string LargeCursor)[]
    {
        ("API numbers, first 20", "/api/v1/my/numbers?size=20", "", ""),
        ("API numbers, 20 after the first 1,000 (cursor)", "/api/v1/my/numbers?size=20&cursor=", smallDeep, largeDeep),
        ("API numbers, status=unused, first 20", "/api/v1/my/numbers?size=20&status=unused", "", ""),
    };
    var shortRun = TimeSpan.FromSeconds(Math.Max(3, seconds.TotalSeconds / 2));
    foreach (var (name, path, smallCursor, largeCursor) in lists)
    {
        var smallUrl = smallConsole.Url + path + Uri.EscapeDataString(smallCursor);
        var largeUrl = largeConsole.Url + path + Uri.EscapeDataString(largeCursor);
        await Wrk.GetWithTokenAsync(smallUrl, 1, shortRun, small.Token, work); // warm-up, not counted
        await Wrk.GetWithTokenAsync(largeUrl, 1, shortRun, large.Token, work);
        var s = new List<double>();
        var l = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            s.Add(RequireSuccess(await Wrk.GetWithTokenAsync(smallUrl, 1, shortRun, small.Token, work), smallUrl).P50.TotalMilliseconds);
            l.Add(RequireSuccess(await Wrk.GetWithTokenAsync(largeUrl, 1, shortRun, large.Token, work), largeUrl).P50.TotalMilliseconds);
        }

        rows.Add(new Row($"{name} at 1M vs 10k, p50", $"{Median(l, x => x):F1} ms", $"{Median(s, x => x):F1} ms (10k)", Median(l, x => x) / Median(s, x => x), "(issue 11: figures)"));
    }
}

// The same pages at 1M numbers against 10k: one connection, p50 latency.
if (Runs("scale"))
{
    Step("Management at 1M numbers vs 10k");
    await using var smallConsole = await StartConsoleAsync(small);
    await using var largeConsole = await StartConsoleAsync(large);
    var pages = new (string Name, string Path, string Goal)[]
    {
        ("Management page 1", "/icp-no/management", "≤ 1.2×"),
        ("Management page 50", "/icp-no/management?page=50", "≤ 1.2×"),
        ("Management status=Unused", "/icp-no/management?status=Unused", "≤ 1.2×"),
        // Numbers are random hex: a 4-character prefix finds 1 in 65,536 (as a user narrowing to one number); one
        // character finds 1 in 16, 62,500 rows at 1M, which must all be ordered by issue time for page 1.
        ("Management number prefix search (4 characters)", "/icp-no/management?search=a1b2", "keep"),
        ("Management number prefix search (1 character)", "/icp-no/management?search=a", "keep"),
        ("Application page 1", "/icp-no/application", "≤ 1.2×"),
    };
    var shortRun = TimeSpan.FromSeconds(Math.Max(3, seconds.TotalSeconds / 2));
    foreach (var (name, path, goal) in pages)
    {
        // Warm-up, not counted.
        await Wrk.GetAsync(smallConsole.Url + path, 1, shortRun, (await SignIn.AsOwnerAsync(smallConsole.Url)).Cookie, work);
        await Wrk.GetAsync(largeConsole.Url + path, 1, shortRun, (await SignIn.AsOwnerAsync(largeConsole.Url)).Cookie, work);
        var s = new List<double>();
        var l = new List<double>();
        await RequireOkAsync(smallConsole.Url + path, (await SignIn.AsOwnerAsync(smallConsole.Url)).Cookie);
        await RequireOkAsync(largeConsole.Url + path, (await SignIn.AsOwnerAsync(largeConsole.Url)).Cookie);
        for (var round = 0; round < rounds; round++)
        {
            s.Add((await Wrk.GetAsync(smallConsole.Url + path, 1, shortRun, (await SignIn.AsOwnerAsync(smallConsole.Url)).Cookie, work)).P50.TotalMilliseconds);
            l.Add((await Wrk.GetAsync(largeConsole.Url + path, 1, shortRun, (await SignIn.AsOwnerAsync(largeConsole.Url)).Cookie, work)).P50.TotalMilliseconds);
        }

        rows.Add(new Row($"{name} at 1M vs 10k, p50", $"{Median(l, x => x):F1} ms", $"{Median(s, x => x):F1} ms (10k)", Median(l, x => x) / Median(s, x => x), goal));
    }

    consoleHwm = Math.Max(consoleHwm, Math.Max(smallConsole.PeakMegabytes(), largeConsole.PeakMegabytes()));
}

if (consoleHwm > 0 && baselineHwm > 0)
{
    rows.Add(new Row("Server memory after these loads (VmHWM, largest console)", $"{consoleHwm:F0} MB", $"{baselineHwm:F0} MB", consoleHwm / baselineHwm, "≤ 200 MB"));
}

if (Runs("start"))
{
    var startC = Median(starts.Console, x => x);
    var startB = Median(starts.Baseline, x => x);
    rows.Add(new Row("Cold start to first 200 on /healthz", $"{startC:F2} s", $"{startB:F2} s", startC / startB, "≤ 1 s"));
}

Console.WriteLine();
Console.WriteLine($"Medians of {rounds} interleaved rounds, {seconds.TotalSeconds:F0} s each; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
Console.WriteLine();
Console.WriteLine("| What | IcpFiling | Baseline | Ratio | Goal |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.What} | {row.Console} | {row.Baseline} | {row.Ratio:F2}× | {row.Goal} |");
}

if (!args.Contains("--keep"))
{
    Directory.Delete(work, recursive: true);
}
return;

async Task<Server> StartConsoleAsync(BenchDatabase database) =>
    await Server.StartAsync("console", "dotnet", [Path.Combine(web, "IcpFiling.Web.dll")], new Dictionary<string, string>(consoleEnvironment)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_CONTENTROOT"] = web,
        ["Database__DataDirectory"] = database.Folder,
        ["Database__SqliteFileName"] = database.FileName,
        // The bench drives one signed-in owner far beyond the per-user limits that protect a real console.
        ["Security__CommandRateLimit__PermitLimit"] = "100000000",
        ["Security__SignInRateLimit__PermitLimit"] = "100000000",
        ["Security__TokenRateLimit__PermitLimit"] = "100000000",
    }, hook, work);

async Task<Server> StartBaselineAsync(BenchDatabase database) =>
    await Server.StartAsync("baseline", "dotnet", [selfDll, "baseline", database.File, database.OwnerId], new Dictionary<string, string>(), hook, work);

// Every run signs in afresh: wrk cannot take the cookie the console renews, so after the security-stamp interval
// (30 s) every request of an old cookie would re-validate the account, which a browser does once per interval.
async Task<Measured> MeasureAsync(Server server, string path, bool signedIn)
{
    var url = server.Url + path;
    var cookie = signedIn ? (await SignIn.AsOwnerAsync(server.Url)).Cookie : null;
    await RequireOkAsync(url, cookie);
    var before = await server.UsageAsync();
    var load = await Wrk.GetAsync(url, 8, seconds, cookie, work);
    var used = await server.UsageAsync() - before;
    if (load.NonSuccess > 0 || load.Errors > 0)
    {
        throw new InvalidOperationException($"{server.Name}: {load.NonSuccess} non-2xx/3xx and {load.Errors} errors on {url}.");
    }

    return new Measured(load, used.Cpu / load.Requests, (double)used.AllocatedBytes / load.Requests);
}

// wrk counts a redirect as success; a page measured must really be the page, not a redirect to sign in.
static async Task RequireOkAsync(string url, string? cookie)
{
    using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    if (cookie is not null)
    {
        request.Headers.Add("Cookie", cookie);
    }

    using var response = await client.SendAsync(request);
    if (response.StatusCode != System.Net.HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}, not 200.");
    }
}

// Counted in the database, not from status codes: a refused apply also answers with a redirect.
async Task<ApplyRun> ApplyRoundAsync(Server server, string path, int clients, bool signedIn, string keyPrefix, int offset)
{
    var (cookie, token) = signedIn ? await SignIn.AsOwnerAsync(server.Url) : (null, "-");
    var before = await server.UsageAsync();
    var load = await Wrk.ApplyAsync(server.Url + path, clients, seconds, cookie, token, keyPrefix, ApplyInstances, offset, work);
    var used = await server.UsageAsync() - before;
    var issued = await applies.CountIssuedAsync(keyPrefix);
    return new ApplyRun(load, issued, used.Cpu / Math.Max(issued, 1));
}

// Counted in the database by difference (the API's per-number keys are hashes of the batch's key).
async Task<ApplyRun> ApiApplyRoundAsync(Server server, int perCall, string keyPrefix, int offset)
{
    var numbersBefore = await apiApplies.CountNumbersAsync();
    var before = await server.UsageAsync();
    var load = await Wrk.ApiApplyAsync(server.Url + "/api/v1/my/apply", 8, seconds, apiApplies.Token, keyPrefix, ApplyInstances, offset, perCall, work);
    var used = await server.UsageAsync() - before;
    var issued = await apiApplies.CountNumbersAsync() - numbersBefore;
    return new ApiApplyRun(load, issued, used.Cpu / Math.Max(issued, 1), perCall);
}

// Follows nextCursor through the given number of 100-row pages and returns the cursor after them.
static async Task<string> CursorAfterAsync(string url, string token, int pages)
{
    using var client = new HttpClient { BaseAddress = new Uri(url) };
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    var cursor = "";
    for (var page = 0; page < pages; page++)
    {
        using var answer = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/my/numbers?size=100&cursor=" + Uri.EscapeDataString(cursor)));
        cursor = answer.RootElement.GetProperty("nextCursor").GetString() ?? throw new InvalidOperationException("The list ended before the deep page.");
    }

    return cursor;
}

static LoadResult RequireSuccess(LoadResult load, string url) =>
    load.NonSuccess > 0 || load.Errors > 0 ? throw new InvalidOperationException($"{load.NonSuccess} non-2xx/3xx and {load.Errors} errors on {url}.") : load;

static string Shortfall(List<ApplyRun> runs) =>
    runs.Sum(r => r.Missing) is var missing and > 0 ? $" ({missing} numbers asked for were not issued)" : "";

static double Median<T>(IEnumerable<T> items, Func<T, double> value)
{
    var sorted = items.Select(value).Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string F0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

static void Step(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

static void Run(string file, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments)) ?? throw new InvalidOperationException(file);
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with {process.ExitCode}.");
    }
}

static string FindRepository()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "IcpFiling.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal record ApplyRun(LoadResult Load, int Issued, TimeSpan CpuPerIssue)
{
    public double IssuedPerSecond => Issued / Load.Duration.TotalSeconds;

    /// <summary>Numbers a request should have issued that it did not.</summary>
    public virtual int Missing => Load.Requests - Issued;
}

/// <summary>An API round: each call asks for <see cref="PerCall"/> numbers.</summary>
internal sealed record ApiApplyRun(LoadResult Load, int Issued, TimeSpan CpuPerIssue, int PerCall) : ApplyRun(Load, Issued, CpuPerIssue)
{
    public override int Missing => (Load.Requests * PerCall) - Issued;
}

internal sealed record Measured(LoadResult Load, TimeSpan CpuPerRequest, double BytesPerRequest);

internal sealed record Row(string What, string Console, string Baseline, double Ratio, string Goal);
