using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Inventory;

/// <summary>Accounts and instances fed by the provider's systems: versions, batches, and the end of an instance.</summary>
public sealed class InventoryCommandsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _reseller = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _reseller = await _database.SeedAccountAsync("reseller", Roles.Reseller);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private InstanceRecord Instance(string id, string owner, long version = 1) => new()
    {
        InstanceId = id,
        OwnerId = owner,
        Type = InstanceType.Ecs,
        Name = "web " + id,
        RegionId = "cn-hangzhou",
        Billing = BillingMethod.Subscription,
        SubscriptionStartsAt = _database.UtcNow.AddMonths(-1),
        PurchasedMonths = 12,
        ExpiresAt = _database.UtcNow.AddMonths(11),
        PublicIps = ["47.96.1.2", "2408:4001::9"],
        Status = InstanceStatus.Running,
        Version = version,
    };

    private static AccountRecord Account(string id, string email, long version = 1, string? reseller = null) => new()
    {
        AccountId = id,
        Email = email,
        DisplayName = "Owner " + id,
        ResellerId = reseller,
        Version = version,
    };

    private async Task<Instance> StoredAsync(string instanceId)
    {
        await using var db = _database.NewContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId);
    }

    [Fact]
    public async Task Batch_CreatesAnAccountAndItsInstance_AndTheInstanceQualifies()
    {
        var result = Outcomes.Done(await _database.InventoryAsync(
            new InventoryItem(Account: Account("acct-100", "Shop@Example.cn", reseller: _reseller)),
            new InventoryItem(Instance: Instance("i-100", "acct-100"))));

        Assert.Equal([ItemChange.Created, ItemChange.Created], result.Items.Select(i => i.Change));
        await using var db = _database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == "acct-100");
        Assert.Equal(("Shop@Example.cn", "SHOP@EXAMPLE.CN", _reseller, (long?)1, false, null),
            (user.Email, user.NormalizedEmail, user.ResellerId, user.SourceVersion, user.Suspended, user.PasswordHash));
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == "acct-100" && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Owner)));
        var instance = await StoredAsync("i-100");
        Assert.Equal(["47.96.1.2", "2408:4001::9"], instance.PublicIps);
        Assert.Equal(1, instance.SourceVersion);
        Outcomes.Done(await _database.ApplyAsync(new ApplyRequest("acct-100", "i-100", "k-1")));
        var audit = await _database.AuditAsync();
        Assert.Equal(
            [(AuditActions.AccountCreated, "acct-100", "api-client:1"), (AuditActions.InstanceCreated, "i-100", "api-client:1")],
            audit.Take(2).Select(a => (a.Action, a.SubjectId, a.ActorId)));
    }

    [Fact]
    public async Task Instance_WithTheSameOrAnOlderVersion_ChangesNothingAndSaysSo()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-v", owner, version: 5))));
        var audited = (await _database.AuditAsync()).Count;

        var replay = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-v", owner, version: 5) with { Name = "replayed" }));
        var older = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-v", owner, version: 4) with { Name = "older" }));

        Assert.Equal(ItemChange.Unchanged, Assert.Single(Outcomes.Replayed(replay).Items).Change);
        Assert.Equal((5L, 5L), Assert.Single(Outcomes.Replayed(older).Items) is var item ? (item.StoredVersion, item.StoredVersion) : default);
        Assert.Equal("web i-v", (await StoredAsync("i-v")).Name);
        Assert.Equal(audited, (await _database.AuditAsync()).Count);

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-v", owner, version: 6) with { Name = "newer" })));
        Assert.Equal(("newer", 6L), ((await StoredAsync("i-v")).Name, (await StoredAsync("i-v")).SourceVersion));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConcurrentUpdates_OfOneInstance_TheHigherVersionWinsWhateverTheArrivalOrder(bool higherFirst)
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-order", owner, version: 1))));
        var v2 = new InventoryItem(Instance: Instance("i-order", owner, version: 2) with { Name = "two" });
        var v3 = new InventoryItem(Instance: Instance("i-order", owner, version: 3) with { Name = "three" });
        InventoryItem[] order = higherFirst ? [v3, v2] : [v2, v3];

        await Task.WhenAll(order.Select(item => Task.Run(() => _database.InventoryAsync(item))));

        var stored = await StoredAsync("i-order");
        Assert.Equal(("three", 3L), (stored.Name, stored.SourceVersion));
    }

    [Fact]
    public async Task Batch_OfAThousandItems_IsStoredWhole()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var items = Enumerable.Range(1, InventoryCommands.MaxBatchSize)
            .Select(i => new InventoryItem(Instance: Instance($"i-bulk-{i:D4}", owner)))
            .ToArray();

        var result = Outcomes.Done(await _database.InventoryAsync(items));

        Assert.Equal(1000, result.Created);
        await using var db = _database.NewContext();
        Assert.Equal(1000, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task Batch_WithOneBadItem_StoresNothingAndNamesTheItemAndField()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var items = Enumerable.Range(0, 1000)
            .Select(i => new InventoryItem(Instance: Instance($"i-bad-{i:D4}", owner)))
            .ToArray();
        items[417] = new InventoryItem(Instance: Instance("i-bad-0417", owner) with { RegionId = "cn-atlantis" });
        items[998] = new InventoryItem(Instance: Instance("i-bad-0998", owner) with { PublicIps = ["10.1"] });

        var problems = Outcomes.ByField(Outcomes.Invalid(await _database.InventoryAsync(items)));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Items[417].RegionId"] = "cn-atlantis is not a region of this provider.",
                ["Items[998].PublicIps"] = "10.1 is not an IP address.",
            },
            problems);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task Batch_WhenALaterItemIsRefusedByTheDatabaseState_StoresNoneOfTheEarlierOnes()
    {
        var owner = await _database.SeedAccountAsync("owner");

        var outcome = await _database.InventoryAsync(
            new InventoryItem(Instance: Instance("i-first", owner)),
            new InventoryItem(Instance: Instance("i-orphan", "acct-nobody")));

        Assert.Equal("No owner account has the id acct-nobody.", Outcomes.ByField(Outcomes.Invalid(outcome))["Items[1].OwnerId"]);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Instances.CountAsync());
        Assert.Empty(await _database.AuditAsync());
    }

    [Fact]
    public async Task Instance_CannotMoveToAnotherAccountOrChangeItsType()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var other = await _database.SeedAccountAsync("other");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-fixed", owner))));

        var moved = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-fixed", other, version: 2)));
        var retyped = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-fixed", owner, version: 2) with { Type = InstanceType.NatGateway }));

        Assert.Contains("cannot move to another account", Outcomes.ByField(Outcomes.Invalid(moved))["Items[0].OwnerId"], StringComparison.Ordinal);
        Assert.Contains("type cannot change", Outcomes.ByField(Outcomes.Invalid(retyped))["Items[0].Type"], StringComparison.Ordinal);
        Assert.Equal((owner, InstanceType.Ecs, 1L), ((await StoredAsync("i-fixed")).OwnerId, (await StoredAsync("i-fixed")).Type, (await StoredAsync("i-fixed")).SourceVersion));
    }

    [Fact]
    public async Task Account_ThatIsStaff_IsNeverChangedByTheInventory()
    {
        var support = await _database.SeedAccountAsync("support", Roles.Support);

        var outcome = await _database.InventoryAsync(new InventoryItem(Account: Account(support, "attacker@example.cn", version: 99)));

        Assert.Contains("not an owner account", Outcomes.ByField(Outcomes.Invalid(outcome))["Items[0].AccountId"], StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Equal("support@example.com", await db.Users.Where(u => u.Id == support).Select(u => u.Email).SingleAsync());
    }

    private async Task<ApplicationUser> UserAsync(string accountId)
    {
        await using var db = _database.NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == accountId);
    }

    [Fact]
    public async Task Account_NewerVersion_StoresEveryField_SignsOutOnANewEmail_AndAuditsTheVersion()
    {
        var created = Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-f", "old@example.cn") with { DisplayName = "  Old Shop  " })));
        var before = await UserAsync("acct-f");
        Assert.Equal(("Old Shop", "old@example.cn", "OLD@EXAMPLE.CN", true, true), (before.DisplayName, before.UserName, before.NormalizedUserName, before.EmailConfirmed, before.LockoutEnabled));

        var updated = Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-f", " New@Example.cn ", version: 3, reseller: _reseller) with { DisplayName = null })));

        Assert.Equal(new ItemResult(0, "account", "acct-f", ItemChange.Created, 1, 0), Assert.Single(created.Items));
        Assert.Equal(new ItemResult(0, "account", "acct-f", ItemChange.Updated, 3, 1), Assert.Single(updated.Items));
        var after = await UserAsync("acct-f");
        Assert.Equal(("New@Example.cn", "NEW@EXAMPLE.CN", "New@Example.cn", "NEW@EXAMPLE.CN", "", _reseller, (long?)3),
            (after.UserName, after.NormalizedUserName, after.Email, after.NormalizedEmail, after.DisplayName, after.ResellerId, after.SourceVersion));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.NotEqual(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(
            [(AuditActions.AccountCreated, "version 1; Active; reseller none"), (AuditActions.AccountUpdated, $"version 3; Active; reseller {_reseller}")],
            (await _database.AuditAsync()).Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task Account_WithTheSameOrAnOlderVersion_ChangesNothingAndSaysWhichVersionIsStored()
    {
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-v", "v@example.cn", version: 5))));

        var replay = await _database.InventoryAsync(new InventoryItem(Account: Account("acct-v", "replayed@example.cn", version: 5)));
        var older = await _database.InventoryAsync(new InventoryItem(Account: Account("acct-v", "older@example.cn", version: 4)));

        Assert.Equal(new ItemResult(0, "account", "acct-v", ItemChange.Unchanged, 5, 5), Assert.Single(Outcomes.Replayed(replay).Items));
        Assert.Equal(new ItemResult(0, "account", "acct-v", ItemChange.Unchanged, 4, 5), Assert.Single(Outcomes.Replayed(older).Items));
        Assert.Equal("v@example.cn", (await UserAsync("acct-v")).Email);
    }

    [Fact]
    public async Task Account_MadeByAnAdministrator_WithoutASourceVersion_TakesTheFirstVersion()
    {
        var owner = await _database.SeedAccountAsync("owner");

        var result = Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account(owner, "owner@example.com", version: 1))));

        Assert.Equal(new ItemResult(0, "account", owner, ItemChange.Updated, 1, 0), Assert.Single(result.Items));
    }

    [Fact]
    public async Task Instance_Unchanged_SaysWhichVersionIsStored()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-s", owner, version: 3))));

        var older = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-s", owner, version: 2)));

        Assert.Equal(new ItemResult(0, "instance", "i-s", ItemChange.Unchanged, 2, 3), Assert.Single(Outcomes.Replayed(older).Items));
    }

    [Fact]
    public async Task Account_NewerVersion_WithTheSameEmailInAnyCaseAndStatus_KeepsItsSessions()
    {
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-k", "keep@example.cn"))));
        var stamp = (await UserAsync("acct-k")).SecurityStamp;

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-k", "KEEP@example.cn", version: 2) with { DisplayName = "Renamed" })));

        var after = await UserAsync("acct-k");
        Assert.Equal(("Renamed", "KEEP@example.cn", stamp), (after.DisplayName, after.Email, after.SecurityStamp));
    }

    [Fact]
    public async Task Account_Suspended_IsAuditedSo_AndReinstatedSignsOutAgain()
    {
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-r", "r@example.cn") with { Status = AccountStatus.Suspended })));
        var stamp = (await UserAsync("acct-r")).SecurityStamp;

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-r", "r@example.cn", version: 2))));

        var after = await UserAsync("acct-r");
        Assert.False(after.Suspended);
        Assert.NotEqual(stamp, after.SecurityStamp);
        Assert.Equal("version 1; Suspended; reseller none", (await _database.AuditAsync())[0].Detail);
    }

    [Fact]
    public async Task Account_WithAnEmailAnotherAccountHas_OrAnUnknownReseller_IsInvalidOnBothFields()
    {
        var outcome = await _database.InventoryAsync(new InventoryItem(Account: Account("acct-x", " Reseller@Example.com ", reseller: "acct-nobody")));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Items[0].Email"] = "Another account uses the e-mail address Reseller@Example.com.",
                ["Items[0].ResellerId"] = "No reseller account has the id acct-nobody.",
            },
            Outcomes.ByField(Outcomes.Invalid(outcome)));
    }

    [Fact]
    public async Task Account_ResellerThatIsAnOwner_IsNoReseller()
    {
        var owner = await _database.SeedAccountAsync("owner");

        var outcome = await _database.InventoryAsync(new InventoryItem(Account: Account("acct-y", "y@example.cn", reseller: owner)));

        Assert.Equal($"No reseller account has the id {owner}.", Outcomes.ByField(Outcomes.Invalid(outcome))["Items[0].ResellerId"]);
    }

    [Fact]
    public async Task Batch_AnEmailFreedByOneAccount_CanBeTakenByAnother_ButNotTwiceInOneBatch()
    {
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-a", "shared@example.cn"))));

        var swapped = await _database.InventoryAsync(
            new InventoryItem(Account: Account("acct-a", "a@example.cn", version: 2)),
            new InventoryItem(Account: Account("acct-b", "shared@example.cn")));
        var twice = await _database.InventoryAsync(
            new InventoryItem(Account: Account("acct-c", "twice@example.cn")),
            new InventoryItem(Account: Account("acct-d", "TWICE@example.cn")));

        Assert.Equal([ItemChange.Updated, ItemChange.Created], Outcomes.Done(swapped).Items.Select(i => i.Change));
        Assert.Equal("shared@example.cn", (await UserAsync("acct-b")).Email);
        Assert.Equal(
            new Dictionary<string, string> { ["Items[1].Email"] = "Another account uses the e-mail address TWICE@example.cn." },
            Outcomes.ByField(Outcomes.Invalid(twice)));
    }

    [Fact]
    public async Task Instance_StoresEveryField_TimesWithoutOffsetAsUtc_AndAuditsTheVersionStatusAndExpiry()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var record = Instance("i-f", owner) with
        {
            Name = "  shop  ",
            RegionId = "cn-beijing",
            Provider = HostingProvider.OtherProvider,
            Billing = BillingMethod.PayAsYouGo,
            SubscriptionStartsAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
            PurchasedMonths = 7,
            ExpiresAt = new DateTime(2027, 8, 9, 10, 11, 12, DateTimeKind.Utc),
            PublicIps = [" 47.96.1.2 ", "2408:4001:0:0:0:0:0:9", "47.96.1.2"],
            Status = InstanceStatus.Stopped,
            Trial = true,
            OrderAmount = 12.5m,
        };

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: record)));

        var stored = await StoredAsync("i-f");
        Assert.Equal(("shop", "cn-beijing", HostingProvider.OtherProvider, BillingMethod.PayAsYouGo, 7, InstanceStatus.Stopped, true, (decimal?)12.5m, owner, InstanceType.Ecs),
            (stored.Name, stored.Region, stored.Provider, stored.Billing, stored.PurchasedMonths, stored.Status, stored.IsTrial, stored.OrderAmount, stored.OwnerId, stored.Type));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5), stored.SubscriptionStartsAt);
        Assert.Equal(new DateTime(2027, 8, 9, 10, 11, 12), stored.ExpiresAt);
        Assert.Equal(["47.96.1.2", "2408:4001::9"], stored.PublicIps);
        Assert.Equal("version 1; Stopped; expires 2027-08-09T10:11:12Z", Assert.Single(await _database.AuditAsync()).Detail);
    }

    [Fact]
    public async Task Instance_NewerVersion_ReplacesEveryField_AndSaysWhichVersionItReplaced()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-u", owner, version: 4) with { Trial = true, OrderAmount = 3m })));

        var result = Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-u", owner, version: 9) with
        {
            Name = "renamed", RegionId = "cn-beijing", PublicIps = null, Trial = false, OrderAmount = null, PurchasedMonths = 24,
        })));

        Assert.Equal(new ItemResult(0, "instance", "i-u", ItemChange.Updated, 9, 4), Assert.Single(result.Items));
        var stored = await StoredAsync("i-u");
        Assert.Equal(("renamed", "cn-beijing", false, (decimal?)null, 24, 9L), (stored.Name, stored.Region, stored.IsTrial, stored.OrderAmount, stored.PurchasedMonths, stored.SourceVersion));
        Assert.Empty(stored.PublicIps);
        Assert.Equal(AuditActions.InstanceUpdated, (await _database.AuditAsync())[^1].Action);
    }

    [Fact]
    public async Task Instance_ForAnUnknownOwner_MovedAndRetyped_NamesEveryProblem()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-p", owner))));

        var outcome = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-p", "acct-nobody", version: 2) with { Type = InstanceType.NatGateway }));

        Assert.Equal(
            [
                ("Items[0].OwnerId", "No owner account has the id acct-nobody."),
                ("Items[0].OwnerId", $"An instance cannot move to another account (it belongs to {owner})."),
                ("Items[0].Type", "An instance's type cannot change (it is Ecs)."),
            ],
            Outcomes.Invalid(outcome).Select(p => (p.Field, p.Message.ToEnglish())));
    }

    [Fact]
    public async Task Batch_WithSomethingNew_IsDone_EvenWhenOtherItemsAreUnchanged()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-same", owner))));

        var outcome = await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-same", owner)), new InventoryItem(Instance: Instance("i-new", owner)));

        var result = Outcomes.Done(outcome);
        Assert.Equal((1, 0, 1), (result.Created, result.Updated, result.Unchanged));
        Assert.Equal("1 created, 0 updated, 1 unchanged.", outcome.Message!.ToEnglish());
    }

    [Fact]
    public async Task Account_ThatIsStaff_IsRefusedOnlyForBeingStaff()
    {
        var support = await _database.SeedAccountAsync("support", Roles.Support);

        var outcome = await _database.InventoryAsync(new InventoryItem(Account: Account(support, "reseller@example.com", version: 2, reseller: "acct-nobody")));

        Assert.Equal(["Items[0].AccountId"], Outcomes.Invalid(outcome).Select(p => p.Field));
    }

    [Fact]
    public async Task Account_Suspended_ChangesItsSecurityStamp()
    {
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-s", "s@example.cn"))));
        await using var before = _database.NewContext();
        var stamp = await before.Users.Where(u => u.Id == "acct-s").Select(u => u.SecurityStamp).SingleAsync();

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Account: Account("acct-s", "s@example.cn", version: 2) with { Status = AccountStatus.Suspended })));

        await using var after = _database.NewContext();
        var user = await after.Users.SingleAsync(u => u.Id == "acct-s");
        Assert.True(user.Suspended);
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Theory]
    [InlineData(InstanceStatus.Released)]
    [InlineData(InstanceStatus.Expired)]
    public async Task Instance_ReportedEnded_MakesItsUnusedNumbersInvalidForGood_AndARenewalDoesNotReviveThem(InstanceStatus ended)
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-end", owner))));
        var unused = await _database.IssueAsync(owner, "i-end", "k-1");
        var used = await _database.IssueAsync(owner, "i-end", "k-2");
        Outcomes.Done(await _database.SubmitWithNumberAsync(FilingCalls.Request(owner, "used.cn"), used));

        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-end", owner, version: 2) with { Status = ended })));
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-end", owner, version: 3))));

        var ended1 = await _database.NumberAsync(unused);
        Assert.Equal((ServiceNumberStatus.Invalid, (InvalidCause?)InvalidCause.InstanceEnded), (ended1.Status, ended1.InvalidCause));
        Assert.Equal(ServiceNumberStatus.Used, (await _database.NumberAsync(used)).Status);
        Assert.Single(await _database.AuditAsync(), a => a.Action == AuditActions.NumberEnded && a.SubjectId == unused);
        // Renewed and running again: the number stays Invalid and still counts against the quota.
        var refused = Outcomes.RefusedBecause(await _database.SubmitWithNumberAsync(FilingCalls.Request(owner, "again.cn"), unused));
        Assert.Equal("This service identification number is invalid: its instance has expired or been released.", refused);
        var issued = Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(owner, "i-end", "k-3")));
        Assert.Equal(3, issued.Slot);
    }

    [Fact]
    public async Task ARenewalAfterTheExpiryPassedUnswept_DoesNotReviveTheNumbers()
    {
        var owner = await _database.SeedAccountAsync("owner");
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-lapse", owner) with { ExpiresAt = _database.UtcNow.AddMonths(4) })));
        var number = await _database.IssueAsync(owner, "i-lapse", "k-1");

        _database.Time.Advance(TimeSpan.FromDays(130));
        Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance("i-lapse", owner, version: 2) with { ExpiresAt = _database.UtcNow.AddMonths(12) })));

        Assert.Equal(ServiceNumberStatus.Invalid, (await _database.NumberAsync(number)).Status);
    }

    [Fact]
    public async Task Sweep_ByTwoHostsAtOnce_EndsEachNumberOnceWithOneAuditRow()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var numbers = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance($"i-sweep-{i:D2}", owner) with { ExpiresAt = _database.UtcNow.AddMonths(4) })));
            numbers.Add(await _database.IssueAsync(owner, $"i-sweep-{i:D2}", $"k-{i}"));
        }

        _database.Time.Advance(TimeSpan.FromDays(130));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = _database.NewContext();
            return await _database.Lifecycle(db).SweepAsync(CancellationToken.None);
        })));

        Assert.Equal(30, sweeps.Sum(s => s.InstancesExpired));
        Assert.Equal(30, sweeps.Sum(s => s.NumbersEnded));
        var rows = await _database.NumbersAsync();
        Assert.All(rows, n => Assert.Equal(ServiceNumberStatus.Invalid, n.Status));
        var audit = await _database.AuditAsync();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), audit.Where(a => a.Action == AuditActions.NumberEnded).Select(a => a.SubjectId).Order(StringComparer.Ordinal));
        Assert.Equal(30, audit.Count(a => a.Action == AuditActions.InstanceExpired));
        Assert.All(audit.Where(a => a.Action == AuditActions.NumberEnded), a => Assert.Equal(Actor.System.AccountId, a.ActorId));
    }

    [Fact]
    public async Task Sweep_AtStart_EndsTheUnusedNumbersOfInstancesMarkedEndedBeforeInvalidWasStored_AndLaterSweepsSkipThatScan()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instance = await _database.SeedInstanceAsync(owner, "i-legacy");
        var number = await _database.IssueAsync(owner, "i-legacy", "k-1");
        await using (var db = _database.NewContext())
        {
            // As data written before this version left it: the instance ended, its number never stored Invalid.
            await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Released));
        }

        await using var sweepDb = _database.NewContext();
        var later = await _database.Lifecycle(sweepDb).SweepAsync(CancellationToken.None, endLeftovers: false);
        Assert.Equal(ServiceNumberStatus.Unused, (await _database.NumberAsync(number)).Status);

        var atStart = await _database.Lifecycle(sweepDb).SweepAsync(CancellationToken.None, endLeftovers: true);

        Assert.Equal((0, 0, 1), (later.NumbersEnded, atStart.InstancesExpired, atStart.NumbersEnded));
        Assert.Equal(ServiceNumberStatus.Invalid, (await _database.NumberAsync(number)).Status);
    }

    [Fact]
    public async Task ANumberIssuedWhileAReleaseArrives_IsNeverLeftUnusedOnTheReleasedInstance()
    {
        var owner = await _database.SeedAccountAsync("owner");
        for (var round = 0; round < 10; round++)
        {
            var id = $"i-race-{round}";
            Outcomes.Done(await _database.InventoryAsync(new InventoryItem(Instance: Instance(id, owner))));
            var apply = Task.Run(() => _database.ApplyAsync(new ApplyRequest(owner, id, $"k-{round}")));
            var release = Task.Run(() => _database.InventoryAsync(new InventoryItem(Instance: Instance(id, owner, version: 2) with { Status = InstanceStatus.Released })));
            await Task.WhenAll(apply, release);

            Outcomes.Done(await release);
            await using var db = _database.NewContext();
            Assert.False(await db.ServiceNumbers.AnyAsync(n => n.Instance.InstanceId == id && n.Status == ServiceNumberStatus.Unused));
        }
    }
}
