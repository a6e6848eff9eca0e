using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace IcpFiling.FunctionalTests.Nodes;

/// <summary>
/// Two real console processes on one database: what a provider running several web nodes relies on. Every
/// request goes over HTTP to a Kestrel process; the database is the only thing the nodes share.
/// </summary>
public abstract class TwoNodeSuite(TwoNodes nodes, Func<Task<SharedDatabase>> createEmptyDatabase, ITestOutputHelper output)
{
    private const string ManagementHighlight = "/icp-no/management?highlight=";

    [SkippableFact]
    public async Task FortyApplies_SplitOverBothNodes_OnOneInstance_IssueExactlyTheFreeQuota_AndNo5xx()
    {
        SkipUnlessRunning();
        const string instanceId = DemoAccounts.QualifiedEcs;
        var owner = await nodes.SignInAsync(0, DemoAccounts.Owner);
        var page = await owner[0].GetAsync($"/icp-no/application?search={instanceId}");

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ApplyAsync(owner[i % 2], page, instanceId)));

        output.WriteLine($"40 applies over two nodes on {nodes.Database.Description}: {results.Count(r => r.Number is not null)} issued");
        Assert.DoesNotContain(results, r => r.Status >= 500);
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, (HttpStatusCode)r.Status));
        var issued = results.Where(r => r.Number is not null).Select(r => r.Number!).ToList();
        Assert.Equal(5, issued.Count);
        Assert.Equal(issued.Order(), (await NumbersOfAsync(instanceId)).Select(n => n.Number).Order());
    }

    [SkippableFact]
    public async Task SignInCookieAndAntiforgeryToken_IssuedByNode1_AreAcceptedByNode2()
    {
        SkipUnlessRunning();
        const string instanceId = "cwh-demo-docs";
        var owner = await nodes.SignInAsync(0, DemoAccounts.Owner);
        var pageFromNode1 = await owner[0].GetAsync($"/icp-no/application?search={instanceId}");

        var management = await owner[1].Http.GetAsync("/icp-no/management");
        var applied = await ApplyAsync(owner[1], pageFromNode1, instanceId);

        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.NotNull(applied.Number);
        Assert.Equal(applied.Number, Assert.Single(await NumbersOfAsync(instanceId)).Number);
    }

    [SkippableFact]
    public async Task BothNodes_StartingTogetherOnAnEmptyDatabase_MigrateItOnce_AndBothServe()
    {
        SkipUnlessRunning();
        await using var database = await createEmptyDatabase();
        await using var first = nodes.StartNode(database, "together1", seed: false);
        await using var second = nodes.StartNode(database, "together2", seed: false);

        await Task.WhenAll(first.WaitReadyAsync(TwoNodes.StartTimeout), second.WaitReadyAsync(TwoNodes.StartTimeout));

        await using var db = database.NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        foreach (var node in new[] { first, second })
        {
            using var http = node.Client(new CookieContainer());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/Identity/Account/Login")).StatusCode);
        }
    }

    [SkippableFact]
    public async Task SupportHoldOnNode2_WhileNode1Applies_NoNumberIsIssuedAfterTheHoldCommitted()
    {
        SkipUnlessRunning();
        const string instanceId = DemoAccounts.QualifiedEcs2;
        await SetQuotaOverrideAsync(instanceId, 1000);
        var owner = await nodes.SignInAsync(0, DemoAccounts.Owner);
        var support = await nodes.SignInAsync(1, DemoAccounts.Support);
        var page = await owner[0].GetAsync($"/icp-no/application?search={instanceId}");
        var holdAcknowledged = 0;
        var results = new ConcurrentBag<(bool StartedAfterHold, ApplyResult Result)>();
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var afterHold = Volatile.Read(ref holdAcknowledged) == 1;
                results.Add((afterHold, await ApplyAsync(owner[0], page, instanceId)));
            }
        })).ToList();
        await WaitUntilAsync(() => results.Count(r => r.Result.Number is not null) >= 5);
        var review = $"/support/instances/{instanceId}";
        var held = await support[1].PostFormAsync($"{review}/hold", await support[1].GetAsync(review),
            new Dictionary<string, string> { ["Hold.Reason"] = "Abuse report during a storm" });
        Volatile.Write(ref holdAcknowledged, 1);
        var numbersAtHold = (await NumbersOfAsync(instanceId)).Count;
        var appliesBefore = results.Count;
        await WaitUntilAsync(() => results.Count >= appliesBefore + 20);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var after = results.Where(r => r.StartedAfterHold).ToList();
        output.WriteLine($"Hold on node 2 during applies on node 1 ({nodes.Database.Description}): {numbersAtHold} numbers before the hold, " +
            $"{after.Count} applies after it, {results.Count} applies in all");
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.DoesNotContain(results, r => r.Result.Status >= 500);
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.Null(r.Result.Number));
        var numbers = await NumbersOfAsync(instanceId);
        Assert.Equal(numbersAtHold, numbers.Count);
        Assert.Equal(results.Where(r => r.Result.Number is not null).Select(r => r.Result.Number!).Order(), numbers.Select(n => n.Number).Order());
    }

    [SkippableFact]
    public async Task KillNine_OfOneNodeDuringAnApplyStorm_TheOtherServes_AndNoNumberIsLostDuplicatedOrOverQuota()
    {
        SkipUnlessRunning();
        const string instanceId = "i-demo-ecs-api";
        const int Rounds = 2;
        const int QuotaPerRound = 30;
        var acknowledged = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            var victim = round % 2; // node 2 first, then node 1
            var survivor = 1 - victim;
            var quota = QuotaPerRound * round;
            await SetQuotaOverrideAsync(instanceId, quota);
            var owner = await nodes.SignInAsync(survivor, DemoAccounts.Owner);
            var page = await owner[survivor].GetAsync($"/icp-no/application?search={instanceId}");
            var results = new ConcurrentBag<(int Node, ApplyResult? Result)>();
            var attemptsLeft = 2 * QuotaPerRound + 10;

            var workers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                var node = w % 2;
                while (Interlocked.Decrement(ref attemptsLeft) >= 0)
                {
                    try
                    {
                        results.Add((node, await ApplyAsync(owner[node], page, instanceId)));
                    }
                    catch (HttpRequestException)
                    {
                        // The killed node: nothing acknowledged, this worker is done.
                        results.Add((node, null));
                        return;
                    }
                }
            })).ToList();
            await WaitUntilAsync(() => results.Count(r => r.Result?.Number is not null) >= 8);
            nodes.Node(victim).Kill();
            await Task.WhenAll(workers);

            var survivorResults = results.Where(r => r.Node == survivor).Select(r => r.Result!).ToList();
            acknowledged.AddRange(results.Where(r => r.Result?.Number is not null).Select(r => r.Result!.Number!));
            var numbers = await NumbersOfAsync(instanceId);
            output.WriteLine(
                $"kill -9 round {round} on {nodes.Database.Description}: node {victim + 1} killed, {results.Count} applies, " +
                $"{results.Count(r => r.Result?.Number is not null)} acknowledged, {numbers.Count} numbers stored (quota {quota}), " +
                $"{acknowledged.Except(numbers.Select(n => n.Number)).Count()} acknowledged numbers missing");

            Assert.DoesNotContain(survivorResults, r => r.Status >= 500);
            Assert.Equal(HttpStatusCode.OK, (await owner[survivor].Http.GetAsync("/icp-no/management")).StatusCode);
            Assert.Empty(acknowledged.Except(numbers.Select(n => n.Number)));
            Assert.Equal(Enumerable.Range(1, quota), numbers.Select(n => n.Slot).Order());
            Assert.Equal(numbers.Count, numbers.Select(n => n.Number).Distinct().Count());
            await using var db = nodes.Database.NewContext();
            var audited = await db.AuditEntries
                .Where(a => a.Action == AuditActions.NumberIssued && a.Detail!.Contains("instance=" + instanceId + ";"))
                .Select(a => a.SubjectId).ToListAsync();
            Assert.Equal(numbers.Select(n => n.Number).Order(), audited.Order());

            await nodes.RestartAsync(victim);
        }
    }

    private void SkipUnlessRunning() => Skip.If(nodes.SkipReason is not null, nodes.SkipReason);

    /// <summary>An Apply as the browser posts it, with a fresh key: the status, and the number when one was issued.</summary>
    private static async Task<ApplyResult> ApplyAsync(ConsoleClient client, AngleSharp.Dom.IDocument page, string instanceId)
    {
        var response = await client.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = instanceId,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });
        var location = response.Headers.Location?.OriginalString;
        var number = location is not null && location.StartsWith(ManagementHighlight, StringComparison.Ordinal)
            ? Uri.UnescapeDataString(location[ManagementHighlight.Length..])
            : null;
        return new ApplyResult((int)response.StatusCode, number);
    }

    private async Task<List<(string Number, int Slot)>> NumbersOfAsync(string instanceId)
    {
        await using var db = nodes.Database.NewContext();
        var rows = await db.ServiceNumbers.Where(n => n.Instance.InstanceId == instanceId).Select(n => new { n.Number, n.Slot }).ToListAsync();
        return [.. rows.Select(r => (r.Number, r.Slot))];
    }

    private async Task SetQuotaOverrideAsync(string instanceId, int quota)
    {
        await using var db = nodes.Database.NewContext();
        await db.Instances.Where(i => i.InstanceId == instanceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.QuotaOverride, quota));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waiting = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(60), "The storm made no progress in a minute.");
            await Task.Delay(20);
        }
    }

    private sealed record ApplyResult(int Status, string? Number);
}

[Collection(TwoNodeCollection.Name)]
public sealed class TwoNodesOnPostgresTests(PostgresTwoNodes nodes, ITestOutputHelper output)
    : TwoNodeSuite(nodes, PostgresSharedDatabase.CreateEmptyAsync, output), IClassFixture<PostgresTwoNodes>;

[Collection(TwoNodeCollection.Name)]
public sealed class TwoNodesOnSqliteTests(SqliteTwoNodes nodes, ITestOutputHelper output)
    : TwoNodeSuite(nodes, SqliteSharedDatabase.CreateEmptyAsync, output), IClassFixture<SqliteTwoNodes>;
