// Usage: dotnet run -c Release --project bench/TraceSummary -- <trace.nettrace> [--top N] [--frame TEXT]
//
// Reads the GC AllocationTick events of an EventPipe trace (one sample about every 100 KB a heap allocates, with its
// type and stack) and prints the share of sampled bytes by type and by frame (inclusive: a frame counts once per sample
// it appears in). --frame TEXT lists what the samples under frames containing TEXT allocated, by type and nearest frames.
// Take the trace with the console's own runtime, e.g. through the bench:
//   --console-env DOTNET_EnableEventPipe=1 --console-env DOTNET_EventPipeOutputPath=/tmp/page.nettrace
//   --console-env DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x19:5 --console-env DOTNET_ReadyToRun=0
// (GC events at verbose level for the samples, loader and JIT events to name the methods; ReadyToRun off so every
// method is jitted and named.) The bench stops the console with SIGTERM, so the trace is complete.
using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: TraceSummary <trace.nettrace> [--top N] [--frame TEXT]");
    return 2;
}

var top = Option("--top") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 60;
var focus = Option("--frame");
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
var underFocus = new Dictionary<string, long>();
long total = 0;
foreach (var traced in log.Events)
{
    if (traced is not GCAllocationTickTraceData sample)
    {
        continue;
    }

    var bytes = sample.AllocationAmount64;
    total += bytes;
    byType[sample.TypeName] = byType.GetValueOrDefault(sample.TypeName) + bytes;
    var frames = new List<string>();
    for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
    {
        frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?" + frame.CodeAddress.ModuleName);
    }

    foreach (var frame in frames.Distinct())
    {
        byFrame[frame] = byFrame.GetValueOrDefault(frame) + bytes;
    }

    var at = focus is null ? -1 : frames.FindIndex(f => f.Contains(focus, StringComparison.Ordinal));
    if (at >= 0)
    {
        var key = sample.TypeName + " <- " + string.Join(" <- ", frames.Take(Math.Min(at + 1, 4)).Select(Short));
        underFocus[key] = underFocus.GetValueOrDefault(key) + bytes;
    }
}

if (total == 0)
{
    Console.Error.WriteLine("The trace has no allocation samples: was it taken with the GC keyword (0x1) at level 5?");
    return 1;
}

Console.WriteLine($"Sampled {total / 1048576.0:F1} MB.");
Print("By type", byType);
if (focus is not null)
{
    Print($"Under frames containing \"{focus}\"", underFocus);
}

Print("By frame (inclusive)", byFrame);
return 0;

void Print(string title, Dictionary<string, long> shares)
{
    Console.WriteLine($"== {title}");
    foreach (var (name, bytes) in shares.OrderByDescending(s => s.Value).Take(top))
    {
        Console.WriteLine($"{bytes * 100.0 / total,6:F1}% {name}");
    }
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string Short(string frame) => frame.Length > 100 ? frame[..100] : frame;
