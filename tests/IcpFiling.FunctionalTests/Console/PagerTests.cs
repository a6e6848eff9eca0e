using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// Every paged list can be walked to its last row by following its own links: "Next" from the first page to the
/// last, and "Previous" back, keeping the list's filters and page size. (The pager once rendered its links without
/// href, so rows past the first page were reachable only by typing <c>?page=2</c>.)
/// </summary>
public sealed class PagerTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    public static TheoryData<string, string, string> PagedLists => new()
    {
        { DemoAccounts.Owner, "/icp-no/application?size=5", "tr[data-instance-id]" },
        { DemoAccounts.Owner, "/icp-no/application?type=Ecs&size=3", "tr[data-instance-id]" },
        { DemoAccounts.Owner, "/icp-no/management?size=2", "tr[data-number]" },
        { DemoAccounts.Owner, "/activity?size=3", "tr[data-action]" },
        { DemoAccounts.Reseller, "/reseller/numbers?size=2", "tr[data-number]" },
        { DemoAccounts.Reseller, "/reseller/customers?size=1", "tr[data-customer]" },
        { DemoAccounts.Support, "/support/instances?size=5", "tr[data-instance-id]" },
        { DemoAccounts.Support, "/support/instances", "tr[data-instance-id]" },
        { DemoAccounts.Admin, "/admin/accounts?size=2", "tr[data-account-id]" },
        { DemoAccounts.Owner, "/icp-no/application?sort=expires&dir=desc&size=4", "tr[data-instance-id]" },
        { DemoAccounts.Owner, "/icp-no/application?qualified=true&size=1", "tr[data-instance-id]" },
        { DemoAccounts.Owner, "/icp-no/management?sort=number&size=2", "tr[data-number]" },
    };

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task Pager_FollowingNextFromFirstPage_ReachesEveryRowOnce(string account, string firstPage, string rowSelector)
    {
        using var client = await ConsoleClient.SignInAsync(factory, account);
        var page = await client.GetAsync(firstPage);
        var total = int.Parse(page.QuerySelector("[data-testid=pager]")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture);
        var seen = new List<string>();
        var visited = 1;

        while (true)
        {
            seen.AddRange(page.QuerySelectorAll(rowSelector).Select(row => row.OuterHtml));
            var next = page.QuerySelector("a[data-pager=next]");
            if (next is null)
            {
                break;
            }

            var href = next.GetAttribute("href");
            Assert.False(string.IsNullOrEmpty(href), "The Next link has no address.");
            page = await client.GetAsync(href);
            visited++;
            Assert.True(visited <= total, "The pager never reached a last page.");
        }

        Assert.True(total > 1 && visited > 1, $"{firstPage} should span several pages for this test ({total} rows).");
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Null(page.QuerySelector("a[data-pager=next]"));
        var previous = page.QuerySelector("a[data-pager=prev]")?.GetAttribute("href");
        Assert.False(string.IsNullOrEmpty(previous), "The last page has no working Previous link.");
        if (firstPage.Contains("size=", StringComparison.Ordinal))
        {
            Assert.Contains("size=", previous, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pager_NumberedLinks_EachLeadToTheirPage()
    {
        using var client = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var first = await client.GetAsync("/icp-no/application?size=5");

        var links = first.QuerySelectorAll("[data-testid=pager] a.page-link[aria-label]").ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var target = await client.GetAsync(link.GetAttribute("href")!);
            Assert.Equal(link.TextContent.Trim(), target.QuerySelector("[data-testid=pager] [aria-current=page]")!.TextContent.Trim());
        }
    }
}
