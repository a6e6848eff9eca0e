using System.Diagnostics;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>What a race of simultaneous applies produced; an exception is recorded, not thrown, so tests can count them.</summary>
internal sealed record RaceOutcome(IReadOnlyList<Outcome<IssuedNumber>> Results, IReadOnlyList<Exception> Exceptions, TimeSpan Elapsed)
{
    public IReadOnlyList<IssuedNumber> Issued => [.. Results.Where(r => r.Kind == OutcomeKind.Done).Select(r => r.Value!)];

    /// <summary>The reasons of each refused request.</summary>
    public IReadOnlyList<IReadOnlyList<Problem>> Refused => [.. Results.Where(r => r.Kind == OutcomeKind.Refused).Select(r => r.Problems)];

    public IReadOnlyList<IssuedNumber> Replayed => [.. Results.Where(r => r.Kind == OutcomeKind.Replayed).Select(r => r.Value!)];
}

internal static class Race
{
    /// <summary>
    /// Starts one task per request, lets every task reach the gate, then opens it for all at once and
    /// waits for all of them. Each request gets its own DbContext (<see cref="TestDatabase.ApplyAsync"/>).
    /// </summary>
    public static async Task<RaceOutcome> RunAsync(TestDatabase database, IReadOnlyList<ApplyRequest> requests)
    {
        using var gate = new SemaphoreSlim(0);
        var ready = 0;
        var tasks = requests.Select(request => Task.Run(async () =>
        {
            Interlocked.Increment(ref ready);
            await gate.WaitAsync();
            try
            {
                return (Result: await database.ApplyAsync(request), Error: (Exception?)null);
            }
            catch (Exception exception)
            {
                return (Result: (Outcome<IssuedNumber>?)null, Error: exception);
            }
        })).ToList();

        var waitingSince = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) < requests.Count)
        {
            Assert.True(waitingSince.Elapsed < TimeSpan.FromSeconds(30), "The racers never all reached the starting gate.");
            await Task.Delay(1);
        }

        var stopwatch = Stopwatch.StartNew();
        gate.Release(requests.Count);
        var outcomes = await Task.WhenAll(tasks);
        stopwatch.Stop();

        return new RaceOutcome(
            [.. outcomes.Where(o => o.Result is not null).Select(o => o.Result!)],
            [.. outcomes.Where(o => o.Error is not null).Select(o => o.Error!)],
            stopwatch.Elapsed);
    }
}
