using System.Globalization;

/// <summary>
/// Loaded by the runtime before Main when DOTNET_STARTUP_HOOKS names this assembly (the type must be called
/// StartupHook and sit in no namespace). Every 50 ms it writes "allocated-bytes gen0 gen1 gen2" to the file
/// named by ICPFILING_BENCH_ALLOCATIONS.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable("ICPFILING_BENCH_ALLOCATIONS");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        var thread = new Thread(() => Report(file)) { IsBackground = true, Name = "bench-allocations" };
        thread.Start();
    }

    private static void Report(string file)
    {
        var temporary = file + ".tmp";
        while (true)
        {
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{GC.GetTotalAllocatedBytes(precise: false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}");
            File.WriteAllText(temporary, line);
            File.Move(temporary, file, overwrite: true);
            Thread.Sleep(50);
        }
    }
}
