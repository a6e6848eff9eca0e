using System.Diagnostics;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Scale;

/// <summary>
/// The pages' queries on a database holding a million numbers: one account with half of them, the rest
/// spread over others. Opt-in (ICPFILING_SCALE_TEST=1), because generating the data takes a minute; the
/// figures it prints are quoted in the project's notes.
/// </summary>
public sealed class MillionNumbersTests(ITestOutputHelper output)
{
    private const string Variable = "ICPFILING_SCALE_TEST";
    private const int Instances = 200_000;
    private const int NumbersPerInstance = ScaleData.NumbersPerInstance;

    /// <summary>Generous: a page of the console must answer well within a second, even on a busy 2-core machine.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    [SkippableFact]
    public async Task ManagementAndApplicationQueries_WithAMillionNumbers_StayWithinBudget()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(Variable) == "1", $"Set {Variable}=1 to generate a million numbers and time the pages' queries.");
        await using var database = await TestDatabase.CreateSqliteAsync();
        var big = await database.SeedAccountAsync("big");
        var others = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            others.Add(await database.SeedAccountAsync($"other{i}"));
        }

        var generation = Stopwatch.StartNew();
        // Nine shares of eighteen: the big account holds half of all numbers, the others the rest.
        await ScaleData.GenerateAsync(database, [big, big, big, big, big, big, big, big, big, .. others], Instances);
        output.WriteLine($"Generated {Instances * NumbersPerInstance:N0} numbers on {Instances:N0} instances in {generation.Elapsed.TotalSeconds:F1} s.");

        await using var db = database.NewContext();
        Assert.Equal(Instances * NumbersPerInstance, await db.ServiceNumbers.CountAsync());
        var numbers = new AccountNumbersQuery(db, database.Time);
        var instances = new OwnerInstancesQuery(db, database.Standings(db), database.Time);
        var someNumber = await db.ServiceNumbers.Where(n => n.AccountId == big).Select(n => n.Number).FirstAsync();

        var timings = new Dictionary<string, TimeSpan>
        {
            ["Management, page 1"] = await MedianAsync(() => numbers.ListAsync(big, new NumberFilter(null, null, null), new PageRequest(1), default)),
            ["Management, page 1000"] = await MedianAsync(() => numbers.ListAsync(big, new NumberFilter(null, null, null), new PageRequest(1000), default)),
            ["Management, status Unused"] = await MedianAsync(() => numbers.ListAsync(big, new NumberFilter(null, ServiceNumberStatus.Unused, null), new PageRequest(1), default)),
            ["Management, type NAT Gateway (none)"] = await MedianAsync(() => numbers.ListAsync(big, new NumberFilter(null, null, InstanceType.NatGateway), new PageRequest(1), default)),
            ["Management, number prefix"] = await MedianAsync(() => numbers.ListAsync(big, new NumberFilter(someNumber[..8], null, null), new PageRequest(1), default)),
            ["Application, page 1"] = await MedianAsync(() => instances.ListAsync(big, new InstanceFilter(null, null), new PageRequest(1), default)),
            ["Application, page 2000"] = await MedianAsync(() => instances.ListAsync(big, new InstanceFilter(null, null), new PageRequest(2000), default)),
        };

        foreach (var (query, median) in timings)
        {
            output.WriteLine($"{query}: median {median.TotalMilliseconds:F0} ms of 7");
        }

        Assert.All(timings, timing => Assert.True(timing.Value < Budget, $"{timing.Key} took {timing.Value.TotalMilliseconds:F0} ms"));
    }

    private static async Task<TimeSpan> MedianAsync<T>(Func<Task<T>> query)
    {
        await query(); // warm the page cache and EF's query cache
        var runs = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            runs.Add(watch.Elapsed);
        }

        return runs.Order().ElementAt(runs.Count / 2);
    }
}
