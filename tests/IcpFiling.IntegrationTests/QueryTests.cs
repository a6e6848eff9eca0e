using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>ICP No. Application's list (instances, quota, verdict) and ICP No. Management's list (numbers) on SQLite.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private readonly List<IcpFilingDbContext> _contexts = [];
    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _stranger = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _stranger = await _database.SeedAccountAsync("stranger");
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task OwnerInstances_ListsOnlyTheOwnersInstancesByName_WithQuotaAndVerdict()
    {
        await _database.SeedInstanceAsync(_owner, "i-b", change: i => i.Name = "beta");
        await _database.SeedInstanceAsync(_owner, "i-a", change: i => { i.Name = "alpha"; i.IsTrial = true; });
        await _database.SeedInstanceAsync(_stranger, "i-s", change: i => i.Name = "aardvark");
        await IssueAsync(_owner, "i-b", 2);

        var page = await OwnerInstances().ListAsync(_owner, new InstanceFilter(null, null), new PageRequest(1), CancellationToken.None);

        Assert.Equal(2, page.Total);
        Assert.Equal(["alpha", "beta"], page.Items.Select(i => i.Instance.Name));
        var alpha = page.Items[0];
        Assert.False(alpha.Verdict.IsEligible);
        Assert.Equal(EligibilityRuleId.Trial, Assert.Single(alpha.Verdict.Failures).Rule);
        var beta = page.Items[1];
        Assert.True(beta.Verdict.IsEligible);
        Assert.Equal(new QuotaUsage("instance:i-b", 2, 5), beta.Quota);
    }

    [Fact]
    public async Task OwnerInstances_ElasticWebHostingInstancesShowTheSharedAccountUsage()
    {
        await _database.SeedInstanceAsync(_owner, "ewh-a", InstanceType.ElasticWebHosting);
        await _database.SeedInstanceAsync(_owner, "ewh-b", InstanceType.ElasticWebHosting);
        await IssueAsync(_owner, "ewh-a", 3);
        await IssueAsync(_owner, "ewh-b", 2);

        var page = await OwnerInstances().ListAsync(
            _owner, new InstanceFilter(null, InstanceType.ElasticWebHosting), new PageRequest(1), CancellationToken.None);

        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, item =>
        {
            Assert.Equal(new QuotaUsage($"account:{_owner}:ElasticWebHosting", 5, 5), item.Quota);
            Assert.Equal(EligibilityRuleId.Quota, Assert.Single(item.Verdict.Failures).Rule);
        });
    }

    [Fact]
    public async Task OwnerInstances_FiltersByTypeAndSearchAndPages()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _database.SeedInstanceAsync(_owner, $"i-ecs-{i}", change: x => x.Name = $"shop-{i}");
        }

        await _database.SeedInstanceAsync(_owner, "nat-1", InstanceType.NatGateway, x => x.Name = "gateway");

        var query = OwnerInstances();
        var nat = await query.ListAsync(_owner, new InstanceFilter(null, InstanceType.NatGateway), new PageRequest(1), CancellationToken.None);
        var searched = await query.ListAsync(_owner, new InstanceFilter(" shop-3 ", null), new PageRequest(1), CancellationToken.None);
        var second = await query.ListAsync(_owner, new InstanceFilter("shop", null), new PageRequest(2, 2), CancellationToken.None);

        Assert.Equal("nat-1", Assert.Single(nat.Items).Instance.InstanceId);
        Assert.Equal("i-ecs-3", Assert.Single(searched.Items).Instance.InstanceId);
        Assert.Equal((5, 3), (second.Total, second.PageCount));
        Assert.Equal(["shop-3", "shop-4"], second.Items.Select(i => i.Instance.Name));
    }

    [Fact]
    public async Task OwnerInstances_FindOfAnotherOwnersInstance_IsNull()
    {
        await _database.SeedInstanceAsync(_stranger, "i-theirs");
        await _database.SeedInstanceAsync(_owner, "i-mine");

        var query = OwnerInstances();

        Assert.Null(await query.FindAsync(_owner, "i-theirs", CancellationToken.None));
        Assert.Equal("i-mine", (await query.FindAsync(_owner, "i-mine", CancellationToken.None))?.Instance.InstanceId);
    }

    [Fact]
    public async Task AccountNumbers_ListsTheAccountsNumbersNewestFirst()
    {
        await _database.SeedInstanceAsync(_owner, "i-1");
        await _database.SeedInstanceAsync(_stranger, "i-s");
        var first = await IssueAsync(_owner, "i-1", 1);
        _database.Time.Advance(TimeSpan.FromHours(1));
        var second = await IssueAsync(_owner, "i-1", 1);
        await IssueAsync(_stranger, "i-s", 1);

        var page = await AccountNumbers().ListAsync(_owner, new NumberFilter(null, null, null), new PageRequest(1), CancellationToken.None);

        Assert.Equal([second[0], first[0]], page.Items.Select(n => n.Number));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task AccountNumbers_StatusFilterInSqlAgreesWithTheStatusShown()
    {
        await _database.SeedInstanceAsync(_owner, "i-live");
        await _database.SeedInstanceAsync(_owner, "i-released");
        await _database.SeedInstanceAsync(_owner, "i-expiring", change: i => i.ExpiresAt = _database.UtcNow.AddMonths(4));
        var live = await IssueAsync(_owner, "i-live", 2);
        var released = await IssueAsync(_owner, "i-released", 2);
        var expiring = await IssueAsync(_owner, "i-expiring", 1);
        await using (var db = _database.NewContext())
        {
            Assert.Null((await db.ServiceNumbers.SingleAsync(n => n.Number == live[1])).MarkUsed(_database.UtcNow));
            Assert.Null((await db.ServiceNumbers.SingleAsync(n => n.Number == released[1])).MarkUsed(_database.UtcNow));
            (await db.Instances.SingleAsync(i => i.InstanceId == "i-released")).Status = InstanceStatus.Released;
            await db.SaveChangesAsync();
        }

        // Past the expiring instance's expiry: its unused number is Invalid without anyone writing it.
        _database.Time.Advance(TimeSpan.FromDays(150));
        var query = AccountNumbers();

        async Task<string[]> NumbersWith(ServiceNumberStatus status)
        {
            var page = await query.ListAsync(_owner, new NumberFilter(null, status, null), new PageRequest(1), CancellationToken.None);
            Assert.All(page.Items, item => Assert.Equal(status, item.Status));
            Assert.Equal(page.Items.Count, page.Total);
            return [.. page.Items.Select(n => n.Number).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(new[] { live[0] }, await NumbersWith(ServiceNumberStatus.Unused));
        Assert.Equal(new[] { live[1], released[1] }.Order(StringComparer.Ordinal), await NumbersWith(ServiceNumberStatus.Used));
        Assert.Equal(new[] { released[0], expiring[0] }.Order(StringComparer.Ordinal), await NumbersWith(ServiceNumberStatus.Invalid));
    }

    [Fact]
    public async Task AccountNumbers_SearchFindsByUpperCaseNumberPrefixOrInstanceIdPrefix()
    {
        await _database.SeedInstanceAsync(_owner, "i-alpha");
        await _database.SeedInstanceAsync(_owner, "i-beta");
        var alpha = (await IssueAsync(_owner, "i-alpha", 1))[0];
        await IssueAsync(_owner, "i-beta", 1);
        var query = AccountNumbers();

        var byNumber = await query.ListAsync(_owner, new NumberFilter(alpha[..13].ToUpperInvariant(), null, null), new PageRequest(1), CancellationToken.None);
        var byInstance = await query.ListAsync(_owner, new NumberFilter("i-bet", null, null), new PageRequest(1), CancellationToken.None);

        Assert.Equal(alpha, Assert.Single(byNumber.Items).Number);
        Assert.Equal("i-beta", Assert.Single(byInstance.Items).InstanceId);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("i_alpha")]
    public async Task AccountNumbers_SearchTreatsLikeWildcardsAsPlainCharacters(string term)
    {
        await _database.SeedInstanceAsync(_owner, "i-alpha");
        await IssueAsync(_owner, "i-alpha", 1);

        var page = await AccountNumbers().ListAsync(_owner, new NumberFilter(term, null, null), new PageRequest(1), CancellationToken.None);

        Assert.Empty(page.Items);
    }

    private OwnerInstancesQuery OwnerInstances() => NewQuery();

    private OwnerInstancesQuery NewQuery()
    {
        var db = NewContext();
        return new(db, _database.Standings(db), _database.Time);
    }

    private AccountNumbersQuery AccountNumbers() => new(NewContext(), _database.Time);

    private IcpFilingDbContext NewContext()
    {
        var context = _database.NewContext();
        _contexts.Add(context);
        return context;
    }

    private async Task<List<string>> IssueAsync(string accountId, string instanceId, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var result = await _database.ApplyAsync(new ApplyRequest(accountId, instanceId, Guid.NewGuid().ToString("N")));
            numbers.Add(Outcomes.Done(result).Number);
        }

        return numbers;
    }
}
