using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>ICP No. Management over HTTP: an account's numbers, newest first, with filters in the URL.</summary>
public sealed class ManagementPageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task Management_ListsOnlyTheAccountsNumbers_NewestFirst()
    {
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        var page = await owner2.GetAsync("/icp-no/management");

        var rows = page.QuerySelectorAll("tr[data-number]");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, row => Assert.Contains(DemoAccounts.Owner2Ecs, row.TextContent, StringComparison.Ordinal));
        var issued = rows.Select(r => r.Children[3].TextContent.Trim()).ToList();
        Assert.Equal(issued.OrderDescending(StringComparer.Ordinal), issued);
    }

    [Fact]
    public async Task Management_ShowsWhenANumberWasIssued_InChinaStandardTime_Labelled()
    {
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);
        var row = (await owner2.GetAsync("/icp-no/management")).QuerySelectorAll("tr[data-number]")[0];
        var number = await factory.NumberAsync(row.GetAttribute("data-number")!);

        var page = await owner2.GetAsync("/icp-no/management");

        // China Standard Time is UTC+8 all year (no daylight saving since 1991).
        var expected = number.IssuedAt.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, page.QuerySelector($"tr[data-number='{number.Number}'] [data-testid=issued-at]")!.TextContent.Trim());
        Assert.Contains("(CST)", page.QuerySelector("thead")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_StatusFilter_ShowsExpiredInstancesNumberAsInvalid()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var invalid = await owner.GetAsync("/icp-no/management?status=Invalid");
        var unused = await owner.GetAsync("/icp-no/management?status=Unused");

        var invalidRows = invalid.QuerySelectorAll("tr[data-number]");
        Assert.Single(invalidRows);
        Assert.Contains("i-demo-ecs-expired", invalidRows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Invalid", invalidRows[0].QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.DoesNotContain(unused.QuerySelectorAll("tr[data-number]"), r => r.TextContent.Contains("i-demo-ecs-expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Management_TypeFilterAndSearch_AreStableGetUrls()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var elastic = await owner.GetAsync("/icp-no/management?type=ElasticWebHosting");
        var number = elastic.QuerySelector("tr[data-number]")!.GetAttribute("data-number")!;
        var byPrefix = await owner.GetAsync($"/icp-no/management?search={number[..8].ToUpperInvariant()}");
        var byInstance = await owner.GetAsync($"/icp-no/management?search={DemoAccounts.QuotaFullEcs}");

        Assert.Equal(3, elastic.QuerySelectorAll("tr[data-number]").Length);
        Assert.Contains(byPrefix.QuerySelectorAll("tr[data-number]"), r => r.GetAttribute("data-number") == number);
        Assert.Equal(5, byInstance.QuerySelectorAll("tr[data-number]").Length);
        // The filter form keeps the chosen values, so the URL can be bookmarked and shared.
        Assert.NotNull(elastic.QuerySelector("select[name=type] option[value=ElasticWebHosting][selected]"));
    }

    [Fact]
    public async Task Management_EachNumberHasACopyButton()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var page = await owner.GetAsync("/icp-no/management");

        Assert.All(page.QuerySelectorAll("tr[data-number]"), row =>
            Assert.Equal(row.GetAttribute("data-number"), row.QuerySelector("button[data-copy]")!.GetAttribute("data-copy")));
    }

    [Fact]
    public async Task Management_InvalidQuery_FallsBackToUnfilteredList()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var page = await owner.GetAsync("/icp-no/management?status=Bogus&page=-5");

        Assert.NotEmpty(page.QuerySelectorAll("tr[data-number]"));
    }
}
