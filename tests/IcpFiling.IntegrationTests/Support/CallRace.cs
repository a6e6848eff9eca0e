using System.Diagnostics;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>What a race of simultaneous calls produced; an exception is recorded, not thrown, so tests can count them.</summary>
internal sealed record CallRaceOutcome<T>(IReadOnlyList<T> Results, IReadOnlyList<Exception> Exceptions, TimeSpan Elapsed);

/// <summary><see cref="Race"/> for any call: every call waits at one gate, which opens for all at once.</summary>
internal static class CallRace
{
    /// <summary>Each call must make its own DbContext, as a web request does.</summary>
    public static async Task<CallRaceOutcome<T>> RunAsync<T>(IReadOnlyList<Func<Task<T>>> calls)
    {
        using var gate = new SemaphoreSlim(0);
        var ready = 0;
        var tasks = calls.Select(call => Task.Run(async () =>
        {
            Interlocked.Increment(ref ready);
            await gate.WaitAsync();
            try
            {
                return (Result: await call(), Error: (Exception?)null);
            }
            catch (Exception exception)
            {
                return (Result: default(T), Error: exception);
            }
        })).ToList();

        var waitingSince = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) < calls.Count)
        {
            Assert.True(waitingSince.Elapsed < TimeSpan.FromSeconds(30), "The racers never all reached the starting gate.");
            await Task.Delay(1);
        }

        var stopwatch = Stopwatch.StartNew();
        gate.Release(calls.Count);
        var outcomes = await Task.WhenAll(tasks);
        stopwatch.Stop();

        return new CallRaceOutcome<T>(
            [.. outcomes.Where(o => o.Error is null).Select(o => o.Result!)],
            [.. outcomes.Where(o => o.Error is not null).Select(o => o.Error!)],
            stopwatch.Elapsed);
    }
}
