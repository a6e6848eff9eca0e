using IcpFiling.Core.Paging;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// An account with more numbers than a list counts (<see cref="PagingQueries.CountLimit"/>): ICP No. Management says
/// "more than 10,000", offers Next but no last page it does not know, and the deepest page still reaches the end.
/// </summary>
public sealed class UncountedPagerTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task Management_WithMoreNumbersThanTheCountLimit_SaysMoreThanAndLinksOnlyToKnownPages()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner2);
        var before = await factory.WithDbAsync(db => db.ServiceNumbers.CountAsync(n => n.AccountId == ownerId));
        var extra = PagingQueries.CountLimit + 1 - before;
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < {extra})
            INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
            SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                    || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                i.Id, i.Type, {ownerId}, datetime('2026-01-01', '+' || x || ' seconds'), 'Used', 'ApplicationPage', 'bulk:' || x, 1, 'bulk-' || x
            FROM seq CROSS JOIN (SELECT Id, Type FROM Instances WHERE OwnerId = {ownerId} LIMIT 1) i
            """));
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        var first = await owner.GetAsync("/icp-no/management?size=100");

        var pager = first.QuerySelector("[data-testid=pager]")!;
        Assert.Equal(("10000", "false"), (pager.GetAttribute("data-total"), pager.GetAttribute("data-total-exact")));
        Assert.Contains("more than 10000 in total", pager.TextContent, StringComparison.Ordinal);
        Assert.NotNull(pager.QuerySelector("a[data-pager=next]"));
        Assert.Null(pager.QuerySelector("a[aria-label='Page 100']"));

        var last = await owner.GetAsync("/icp-no/management?size=100&page=101");
        var end = last.QuerySelector("[data-testid=pager]")!;
        Assert.Equal(("10001", "true"), (end.GetAttribute("data-total"), end.GetAttribute("data-total-exact")));
        Assert.Single(last.QuerySelectorAll("tr[data-number]"));
        Assert.Null(end.QuerySelector("a[data-pager=next]"));
    }
}
