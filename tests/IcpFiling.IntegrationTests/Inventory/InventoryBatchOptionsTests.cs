using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Inventory;

/// <summary>How a batch is applied: its size limit (an API batch, an administrator's import), and its dry run, which answers what the apply would and writes nothing.</summary>
public sealed class InventoryBatchOptionsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private InventoryItem Instance(string id, long version = 1, string? owner = null) => new(Instance: Record(id, version, owner));

    private InstanceRecord Record(string id, long version = 1, string? owner = null) => new()
    {
        InstanceId = id,
        OwnerId = owner ?? _owner,
        Type = InstanceType.Ecs,
        Name = "web " + id,
        RegionId = "cn-hangzhou",
        Billing = BillingMethod.Subscription,
        SubscriptionStartsAt = _database.UtcNow.AddMonths(-1),
        PurchasedMonths = 12,
        ExpiresAt = _database.UtcNow.AddMonths(11),
        PublicIps = ["47.96.1.2"],
        Status = InstanceStatus.Running,
        Version = version,
    };

    private InventoryItem[] Instances(int count) => [.. Enumerable.Range(0, count).Select(i => Instance($"i-{i:D5}"))];

    private async Task<Outcome<BatchResult>> ApplyAsync(IReadOnlyList<InventoryItem> items, InventoryBatchOptions? options = null)
    {
        await using var db = _database.NewContext();
        return await _database.Inventory(db).ApplyAsync(Actor.ApiClient(1, "corr"), items, CancellationToken.None, options);
    }

    /// <summary>What is stored: instances, audit rows, and the refused commands kept (space-separated).</summary>
    private async Task<(int Instances, int Audit, string Refusals)> StoredAsync()
    {
        await using var db = _database.NewContext();
        return (await db.Instances.CountAsync(), await db.AuditEntries.CountAsync(), string.Join(' ', await db.Refusals.Select(r => r.Command).ToListAsync()));
    }

    [Fact]
    public async Task AnEmptyBatch_IsInvalid_AndKeptAsARefusedBatch()
    {
        var outcome = await ApplyAsync([]);

        Assert.Equal(new Dictionary<string, string> { ["Items"] = "A batch needs at least one account or instance." }, Outcomes.ByField(Outcomes.Invalid(outcome)));
        Assert.Equal((0, 0, RefusedCommands.InventoryBatch), await StoredAsync());
    }

    [Fact]
    public async Task AnApiBatch_HoldsAtMostAThousandItems()
    {
        var outcome = await ApplyAsync(Instances(InventoryCommands.MaxBatchSize + 1));

        Assert.Equal(new Dictionary<string, string> { ["Items"] = "A batch holds at most 1000 items." }, Outcomes.ByField(Outcomes.Invalid(outcome)));
        Assert.Equal(0, (await StoredAsync()).Instances);
    }

    [Fact]
    public async Task AnImport_HoldsMoreThanAnApiBatch()
    {
        var result = Outcomes.Done(await ApplyAsync(Instances(InventoryCommands.MaxBatchSize + 1), InventoryBatchOptions.Import(dryRun: false)));

        Assert.Equal(1001, result.Created);
    }

    [Fact]
    public async Task NoOptionHoldsMoreThanTheImportLimit()
    {
        var options = new InventoryBatchOptions(MaxItems: InventoryCommands.MaxImportRows * 2);

        var outcome = await ApplyAsync(Instances(InventoryCommands.MaxImportRows + 1), options);

        Assert.Equal(new Dictionary<string, string> { ["Items"] = "A batch holds at most 10000 items." }, Outcomes.ByField(Outcomes.Invalid(outcome)));
    }

    [Fact]
    public async Task ASmallerLimit_IsKept()
    {
        var outcome = await ApplyAsync(Instances(3), new InventoryBatchOptions(MaxItems: 2));

        Assert.Equal("A batch holds at most 2 items.", Assert.Single(Outcomes.Invalid(outcome)).Message.ToEnglish());
    }

    [Fact]
    public async Task ADryRun_AnswersTheCountsTheApplyGives_AndWritesNothing()
    {
        Outcomes.Done(await ApplyAsync([Instance("i-old"), Instance("i-same")]));
        var before = await StoredAsync();
        InventoryItem[] batch = [Instance("i-new"), Instance("i-old", version: 2), Instance("i-same")];

        var dryRun = await ApplyAsync(batch, InventoryBatchOptions.Import(dryRun: true));

        var rehearsed = Outcomes.Replayed(dryRun);
        Assert.Equal("Dry run: 1 would be created, 1 updated, 1 unchanged. Nothing was written.", dryRun.Message!.ToEnglish());
        Assert.Equal(before, await StoredAsync());

        var applied = await ApplyAsync(batch);

        Assert.Equal(rehearsed.Items, Outcomes.Done(applied).Items);
        Assert.Equal("1 created, 1 updated, 1 unchanged.", applied.Message!.ToEnglish());
    }

    [Fact]
    public async Task ADryRunOfAnEndingInstance_EndsNoNumbers()
    {
        Outcomes.Done(await ApplyAsync([Instance("i-end")]));
        var number = await _database.IssueAsync(_owner, "i-end", "k-1");
        var released = new InventoryItem(Instance: Record("i-end", version: 2) with { Status = InstanceStatus.Released });

        Outcomes.Replayed(await ApplyAsync([released], new InventoryBatchOptions(DryRun: true)));

        Assert.Equal(Core.ServiceNumbers.ServiceNumberStatus.Unused, (await _database.NumberAsync(number)).Status);
        await using var db = _database.NewContext();
        Assert.Equal(InstanceStatus.Running, await db.Instances.Where(i => i.InstanceId == "i-end").Select(i => i.Status).SingleAsync());
    }

    [Fact]
    public async Task ADryRunOfABadBatch_NamesTheSameProblems_ButKeepsNoRefusal()
    {
        InventoryItem[] malformed = [new(Instance: Record("i-1") with { RegionId = "cn-atlantis" })];
        InventoryItem[] orphan = [Instance("i-2", owner: "acct-nobody")];

        var malformedDry = await ApplyAsync(malformed, new InventoryBatchOptions(DryRun: true));
        var orphanDry = await ApplyAsync(orphan, new InventoryBatchOptions(DryRun: true));
        var emptyDry = await ApplyAsync([], new InventoryBatchOptions(DryRun: true));

        Assert.Equal("cn-atlantis is not a region of this provider.", Outcomes.ByField(Outcomes.Invalid(malformedDry))["Items[0].RegionId"]);
        Assert.Equal("No owner account has the id acct-nobody.", Outcomes.ByField(Outcomes.Invalid(orphanDry))["Items[0].OwnerId"]);
        Outcomes.Invalid(emptyDry);
        Assert.Empty((await StoredAsync()).Refusals);

        Assert.Equal(Outcomes.ByField(Outcomes.Invalid(orphanDry)), Outcomes.ByField(Outcomes.Invalid(await ApplyAsync(orphan))));
        Assert.Equal(RefusedCommands.InventoryBatch, (await StoredAsync()).Refusals);
    }

    [Fact]
    public async Task ADryRunOfABatchThatChangesNothing_SaysSo()
    {
        Outcomes.Done(await ApplyAsync([Instance("i-same")]));

        var outcome = await ApplyAsync([Instance("i-same")], new InventoryBatchOptions(DryRun: true));

        Assert.Equal(ItemChange.Unchanged, Assert.Single(Outcomes.Replayed(outcome).Items).Change);
        Assert.Equal("Dry run: 0 would be created, 0 updated, 1 unchanged. Nothing was written.", outcome.Message!.ToEnglish());
    }
}
