using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConsoleBench;

/// <summary>Drives a URL with Debian's wrk and reads back requests/s and latency percentiles (from a Lua done hook).</summary>
internal static partial class Wrk
{
    private const string Report = """
        done = function(summary, latency, requests)
          io.write(string.format("BENCH requests=%d duration=%d errors=%d p50=%d p95=%d p99=%d\n", summary.requests, summary.duration,
            summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
            latency:percentile(50), latency:percentile(95), latency:percentile(99)))
        end
        """;

    /// <summary>Numbers wrk's threads 0, 1, … (as "tid"), so each thread's keys and instances are its own.</summary>
    private const string ThreadIndex = """
        local thread_index = 0
        function setup(thread)
          thread:set("tid", thread_index)
          thread_index = thread_index + 1
        end
        """;

    /// <summary>Apply posts: every request a fresh idempotency key, instances spread so consecutive posts hit different ones.</summary>
    private const string Apply = ThreadIndex + "\n" + """
        function init(args)
          prefix = args[1]; instances = tonumber(args[2]); offset = tonumber(args[3]); token = args[4]; threads = tonumber(args[5])
          counter = 0
          wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        end
        function request()
          counter = counter + 1
          local n = (offset + counter * threads + tid) % instances
          local body = "InstanceId=i-apply-" .. n .. "&IdempotencyKey=" .. prefix .. "-" .. tid .. "-" .. counter
            .. "&__RequestVerificationToken=" .. token
          -- nil headers: wrk.headers, which carry the -H Cookie header too
          return wrk.format("POST", nil, nil, body)
        end
        """;

    /// <summary>
    /// API apply posts: every request a fresh Idempotency-Key and <c>perCall</c> consecutive instances, one number each.
    /// wrk.format uses the headers it is given instead of wrk.headers, so the -H headers (the token) are copied in.
    /// </summary>
    private const string ApiApply = ThreadIndex + "\n" + """
        function init(args)
          prefix = args[1]; instances = tonumber(args[2]); offset = tonumber(args[3]); perCall = tonumber(args[4]); threads = tonumber(args[5])
          counter = 0
        end
        function request()
          counter = counter + 1
          local first = (offset + (counter * threads + tid) * perCall) % instances
          local lines = {}
          for i = 0, perCall - 1 do
            lines[#lines + 1] = '{"instanceId":"i-apply-' .. ((first + i) % instances) .. '","quantity":1}'
          end
          local headers = {}
          for k, v in pairs(wrk.headers) do headers[k] = v end
          headers["Content-Type"] = "application/json"
          headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter
          return wrk.format("POST", nil, headers, '{"lines":[' .. table.concat(lines, ",") .. ']}')
        end
        """;

    public static async Task<LoadResult> GetAsync(string url, int connections, TimeSpan duration, string? cookie, string workFolder) =>
        await RunAsync(url, connections, duration, Cookie(cookie), Write(workFolder, "get.lua", Report), []);

    public static async Task<LoadResult> GetWithTokenAsync(string url, int connections, TimeSpan duration, string token, string workFolder) =>
        await RunAsync(url, connections, duration, [Bearer(token)], Write(workFolder, "get.lua", Report), []);

    public static async Task<LoadResult> ApiApplyAsync(
        string url, int connections, TimeSpan duration, string token, string keyPrefix, int instances, int offset, int perCall, string workFolder)
    {
        var threads = Threads(connections);
        return await RunAsync(url, connections, duration, [Bearer(token)], Write(workFolder, "api-apply.lua", ApiApply + "\n" + Report),
            [keyPrefix, Text(instances), Text(offset), Text(perCall), Text(threads)]);
    }

    public static async Task<LoadResult> ApplyAsync(
        string url, int connections, TimeSpan duration, string? cookie, string token, string keyPrefix, int instances, int offset, string workFolder)
    {
        var threads = Threads(connections);
        return await RunAsync(url, connections, duration, Cookie(cookie), Write(workFolder, "apply.lua", Apply + "\n" + Report),
            [keyPrefix, instances.ToString(CultureInfo.InvariantCulture), offset.ToString(CultureInfo.InvariantCulture), Uri.EscapeDataString(token),
             threads.ToString(CultureInfo.InvariantCulture)]);
    }

    private static async Task<LoadResult> RunAsync(string url, int connections, TimeSpan duration, string[] headers, string script, string[] scriptArguments)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-t", Threads(connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s", "-s", script,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var header in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url);
        if (scriptArguments.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in scriptArguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = ReportLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed no report:\n{output}\n{await process.StandardError.ReadToEndAsync()}");
        }

        var nonSuccess = NonSuccess().Match(output);
        int Group(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new LoadResult(
            Group("requests"), Group("errors"), nonSuccess.Success ? int.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            TimeSpan.FromMicroseconds(Group("duration")), TimeSpan.FromMicroseconds(Group("p50")), TimeSpan.FromMicroseconds(Group("p95")), TimeSpan.FromMicroseconds(Group("p99")));
    }

    private static int Threads(int connections) => Math.Min(2, connections);

    private static string[] Cookie(string? cookie) => cookie is null ? [] : ["Cookie: " + cookie];

    private static string Bearer(string token) => "Authorization: Bearer " + token;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex(@"BENCH requests=(?<requests>\d+) duration=(?<duration>\d+) errors=(?<errors>\d+) p50=(?<p50>\d+) p95=(?<p95>\d+) p99=(?<p99>\d+)")]
    private static partial Regex ReportLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();
}

internal sealed record LoadResult(int Requests, int Errors, int NonSuccess, TimeSpan Duration, TimeSpan P50, TimeSpan P95, TimeSpan P99)
{
    public double PerSecond => Requests / Duration.TotalSeconds;
}
