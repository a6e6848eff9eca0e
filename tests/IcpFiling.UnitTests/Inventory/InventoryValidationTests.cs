using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;

namespace IcpFiling.UnitTests.Inventory;

/// <summary>The shape of inventory records, judged before anything is read: each bad field named by item and field.</summary>
public sealed class InventoryValidationTests
{
    private static readonly RegionCatalog Regions = DomainTable.Regions();

    private static readonly InstanceRecord GoodInstance = new()
    {
        InstanceId = "i-1",
        OwnerId = "acct-1",
        Type = InstanceType.Ecs,
        Name = "web",
        RegionId = "cn-hangzhou",
        Billing = BillingMethod.Subscription,
        SubscriptionStartsAt = TestData.Now.AddMonths(-1),
        PurchasedMonths = 12,
        ExpiresAt = TestData.Now.AddMonths(11),
        PublicIps = ["47.96.1.2"],
        Status = InstanceStatus.Running,
        Version = 1,
    };

    private static readonly AccountRecord GoodAccount = new() { AccountId = "acct-1", Email = "a@example.cn", DisplayName = "A", Version = 1 };

    private static Dictionary<string, string> Problems(InventoryItem? item, int index = 0) =>
        Outcomes.ByField(InventoryValidation.Check(item, index, Regions));

    [Fact]
    public void GoodRecords_HaveNoProblem()
    {
        Assert.Empty(Problems(new InventoryItem(Instance: GoodInstance)));
        Assert.Empty(Problems(new InventoryItem(Account: GoodAccount)));
        Assert.Empty(Problems(new InventoryItem(Instance: GoodInstance with { PublicIps = null, OrderAmount = 0m })));
        Assert.Empty(Problems(new InventoryItem(Instance: GoodInstance with { Billing = BillingMethod.PayAsYouGo, PurchasedMonths = 0 })));
        Assert.Empty(Problems(new InventoryItem(Instance: GoodInstance with
        {
            SubscriptionStartsAt = InventoryValidation.EarliestTime, ExpiresAt = InventoryValidation.LatestTime.AddTicks(-1), PurchasedMonths = 1200,
        })));
        Assert.Empty(Problems(new InventoryItem(Instance: GoodInstance with { InstanceId = new string('a', 64), PublicIps = [.. Enumerable.Repeat("1.1.1.1", 16)] })));
    }

    [Fact]
    public void AnItemThatIsBothOrNeitherOrNull_IsNamedAsTheItem()
    {
        const string Message = "Each item is one account or one instance.";
        Assert.Equal(new Dictionary<string, string> { ["Items[4]"] = Message }, Problems(null, 4));
        Assert.Equal(new Dictionary<string, string> { ["Items[0]"] = Message }, Problems(new InventoryItem()));
        Assert.Equal(new Dictionary<string, string> { ["Items[0]"] = Message }, Problems(new InventoryItem(GoodAccount, GoodInstance)));
    }

    public static TheoryData<string, InstanceRecord, string> BadInstances => new()
    {
        { "InstanceId", GoodInstance with { InstanceId = null }, "Give an id of at most 64 letters, digits and - _ . : characters." },
        { "InstanceId", GoodInstance with { InstanceId = new string('a', 65) }, "Give an id of at most 64 letters, digits and - _ . : characters." },
        { "InstanceId", GoodInstance with { InstanceId = "i 1" }, "Give an id of at most 64 letters, digits and - _ . : characters." },
        { "OwnerId", GoodInstance with { OwnerId = "" }, "Give the owner's account id." },
        { "Type", GoodInstance with { Type = null }, "Give the instance type." },
        { "Type", GoodInstance with { Type = (InstanceType)99 }, "Give the instance type." },
        { "Name", GoodInstance with { Name = "  " }, "Give a name of at most 128 characters." },
        { "Name", GoodInstance with { Name = new string('n', 129) }, "Give a name of at most 128 characters." },
        { "RegionId", GoodInstance with { RegionId = null }, "Give the region id." },
        { "RegionId", GoodInstance with { RegionId = "cn-atlantis" }, "cn-atlantis is not a region of this provider." },
        { "Billing", GoodInstance with { Billing = null }, "Give the billing method: subscription or pay-as-you-go." },
        { "Billing", GoodInstance with { Billing = (BillingMethod)9 }, "Give the billing method: subscription or pay-as-you-go." },
        { "SubscriptionStartsAt", GoodInstance with { SubscriptionStartsAt = null }, "Give when the subscription started." },
        { "ExpiresAt", GoodInstance with { ExpiresAt = null }, "Give when the instance expires, after its subscription started." },
        { "ExpiresAt", GoodInstance with { ExpiresAt = GoodInstance.SubscriptionStartsAt }, "Give when the instance expires, after its subscription started." },
        { "PurchasedMonths", GoodInstance with { PurchasedMonths = null }, "Give the months purchased, renewals included (1 to 1200)." },
        { "PurchasedMonths", GoodInstance with { PurchasedMonths = 0 }, "Give the months purchased, renewals included (1 to 1200)." },
        { "PurchasedMonths", GoodInstance with { PurchasedMonths = -1 }, "Give the months purchased, renewals included (1 to 1200)." },
        { "PurchasedMonths", GoodInstance with { PurchasedMonths = 1201 }, "Give the months purchased, renewals included (1 to 1200)." },
        { "PurchasedMonths", GoodInstance with { Billing = BillingMethod.PayAsYouGo, PurchasedMonths = -1 }, "Give the months purchased, renewals included (0 to 1200)." },
        { "SubscriptionStartsAt", GoodInstance with { SubscriptionStartsAt = DateTime.MinValue }, "Give a time from 2000-01-01 up to 2100-01-01 (UTC)." },
        { "SubscriptionStartsAt", GoodInstance with { SubscriptionStartsAt = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc) }, "Give a time from 2000-01-01 up to 2100-01-01 (UTC)." },
        { "ExpiresAt", GoodInstance with { ExpiresAt = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) }, "Give a time from 2000-01-01 up to 2100-01-01 (UTC)." },
        { "ExpiresAt", GoodInstance with { ExpiresAt = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, "Give a time from 2000-01-01 up to 2100-01-01 (UTC)." },
        { "PublicIps", GoodInstance with { PublicIps = [.. Enumerable.Repeat("1.1.1.1", 17)] }, "An instance lists at most 16 IP addresses." },
        { "PublicIps", GoodInstance with { PublicIps = ["1.1.1.1", "10.1", "nope"] }, "10.1 is not an IP address." },
        { "Status", GoodInstance with { Status = null }, "Give the status: running, stopped, expired or released." },
        { "Status", GoodInstance with { Status = (InstanceStatus)7 }, "Give the status: running, stopped, expired or released." },
        { "Provider", GoodInstance with { Provider = (HostingProvider)3 }, "Give the hosting provider." },
        { "OrderAmount", GoodInstance with { OrderAmount = -0.01m }, "Give the order amount in RMB, from 0." },
        { "OrderAmount", GoodInstance with { OrderAmount = 100_000_000.01m }, "Give the order amount in RMB, from 0." },
        { "Version", GoodInstance with { Version = 0 }, "Give the source's version, a number from 1 that grows with every change." },
    };

    [Theory]
    [MemberData(nameof(BadInstances))]
    public void Instance_WithABadField_NamesOnlyThatField(string field, InstanceRecord record, string message) =>
        Assert.Equal(new Dictionary<string, string> { [$"Items[2].{field}"] = message }, Problems(new InventoryItem(Instance: record), 2));

    public static TheoryData<string, AccountRecord, string> BadAccounts => new()
    {
        { "AccountId", GoodAccount with { AccountId = "acct/1" }, "Give an id of at most 64 letters, digits and - _ . : characters." },
        { "Email", GoodAccount with { Email = null }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = "no-at" }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = "@example.cn" }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = "a@" }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = "a@b@c.cn" }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = "a b@c.cn" }, "Give a valid e-mail address of at most 256 characters." },
        { "Email", GoodAccount with { Email = new string('a', 251) + "@ex.cn" }, "Give a valid e-mail address of at most 256 characters." },
        { "DisplayName", GoodAccount with { DisplayName = new string('d', 101) }, "A display name has at most 100 characters." },
        { "Status", GoodAccount with { Status = (AccountStatus)5 }, "The status is active or suspended." },
        { "ResellerId", GoodAccount with { ResellerId = "acct-1" }, "Give the reseller's account id, or leave it out." },
        { "ResellerId", GoodAccount with { ResellerId = "bad id" }, "Give the reseller's account id, or leave it out." },
        { "Version", GoodAccount with { Version = -3 }, "Give the source's version, a number from 1 that grows with every change." },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public void Account_WithABadField_NamesOnlyThatField(string field, AccountRecord record, string message) =>
        Assert.Equal(new Dictionary<string, string> { [$"Items[0].{field}"] = message }, Problems(new InventoryItem(Account: record)));

    [Fact]
    public void Account_WithAnEmailOfExactlyTheLimitAndSpacesAround_IsAccepted() =>
        Assert.Empty(Problems(new InventoryItem(Account: GoodAccount with { Email = "  " + new string('a', 251) + "@e.cn  " })));
}
