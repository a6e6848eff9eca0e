using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using IcpFiling.Core.Accounts;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// Lists people can work with: sorted by the column header they click (whitelisted keys, filters and page size
/// kept), ICP No. Application's "Qualified only", empty states that say what to do next, and an export that is
/// disabled when there is nothing to export and speaks the language asked for.
/// </summary>
public sealed class ListTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task Application_ByDefault_IsSortedByInstanceId_AndSaysSoOnTheHeader()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var ids = await AllAsync(owner, "/icp-no/application?size=100", "tr[data-instance-id]", "data-instance-id");
        var page = await owner.GetAsync("/icp-no/application");

        Assert.True(ids.Count > 1);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal("ascending", SortedHeader(page).GetAttribute("aria-sort"));
        Assert.Equal("instanceid", SortedHeader(page).GetAttribute("data-sort-key"));
    }

    [Fact]
    public async Task Application_ClickingTheSortedHeader_TogglesToDescending_AndAgainToAscending()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var first = await owner.GetAsync("/icp-no/application?size=100");

        var descending = await owner.GetAsync(first.QuerySelector("a[data-testid=sort-instanceid]")!.GetAttribute("href")!);
        var ascending = await owner.GetAsync(descending.QuerySelector("a[data-testid=sort-instanceid]")!.GetAttribute("href")!);

        var down = Ids(descending);
        Assert.Equal(down.OrderDescending(StringComparer.Ordinal), down);
        Assert.Equal("descending", SortedHeader(descending).GetAttribute("aria-sort"));
        Assert.Equal(Ids(first), Ids(ascending));
        Assert.Equal("ascending", SortedHeader(ascending).GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Application_SortByExpiry_OrdersByExpiryDate_AndKeepsFiltersAndPageSize()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var filtered = await owner.GetAsync("/icp-no/application?type=Ecs&size=3&page=2");

        var href = filtered.QuerySelector("a[data-testid=sort-expires]")!.GetAttribute("href")!;
        var sorted = await owner.GetAsync(href.Replace("size=3", "size=100", StringComparison.Ordinal));

        Assert.Contains("type=Ecs", href, StringComparison.Ordinal);
        Assert.Contains("size=3", href, StringComparison.Ordinal);
        Assert.DoesNotContain("page=", href, StringComparison.Ordinal);
        Assert.Equal("expires", SortedHeader(sorted).GetAttribute("data-sort-key"));
        var ids = Ids(sorted);
        Assert.True(ids.Count > 1);
        var expiries = new List<DateTime>();
        foreach (var id in ids)
        {
            expiries.Add((await factory.InstanceAsync(id)).ExpiresAt);
        }

        Assert.Equal(expiries.Order(), expiries);
    }

    [Theory]
    [InlineData("/icp-no/application?sort=drop%20table&dir=sideways")]
    [InlineData("/icp-no/application?sort=1&dir=desc")]
    [InlineData("/icp-no/application?sort=Ownerid")]
    [InlineData("/icp-no/management?sort=restrictedto&dir=asc")]
    [InlineData("/icp-no/management?sort=0")]
    public async Task List_WithAnUnknownSortKey_ShowsTheDefaultOrder(string url)
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var defaultUrl = url[..url.IndexOf('?', StringComparison.Ordinal)];

        var response = await owner.Http.GetAsync(url);
        var page = await ConsoleClient.ParseAsync(response);
        var expected = await owner.GetAsync(defaultUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Rows(expected), Rows(page));
        Assert.Equal(SortedHeader(expected).GetAttribute("data-sort-key"), SortedHeader(page).GetAttribute("data-sort-key"));
    }

    [Fact]
    public async Task Management_ByDefault_IsNewestFirst_AndSortsByNumberWhenItsHeaderIsClicked()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var page = await owner.GetAsync("/icp-no/management?size=100");

        var byNumber = await owner.GetAsync(page.QuerySelector("a[data-testid=sort-number]")!.GetAttribute("href")!);
        var byNumberDown = await owner.GetAsync(byNumber.QuerySelector("a[data-testid=sort-number]")!.GetAttribute("href")!);

        Assert.Equal("issued", SortedHeader(page).GetAttribute("data-sort-key"));
        Assert.Equal("descending", SortedHeader(page).GetAttribute("aria-sort"));
        var numbers = Numbers(byNumber);
        Assert.True(numbers.Count > 1);
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        Assert.Equal("ascending", SortedHeader(byNumber).GetAttribute("aria-sort"));
        Assert.Equal(numbers.AsEnumerable().Reverse(), Numbers(byNumberDown));
        Assert.Contains("size=100", page.QuerySelector("a[data-testid=sort-number]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_SortedByNumber_PagesWithoutRepeatsOrGaps()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var all = await AllAsync(owner, "/icp-no/management?sort=number&dir=asc&size=100", "tr[data-number]", "data-number");
        var paged = await AllAsync(owner, "/icp-no/management?sort=number&dir=asc&size=2", "tr[data-number]", "data-number");

        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task Application_QualifiedOnly_ListsExactlyTheInstancesApplyIsOfferedFor()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var everything = await owner.GetAsync("/icp-no/application?size=100");
        var offered = everything.QuerySelectorAll("tr[data-instance-id]").Where(r => r.QuerySelector("a[data-apply]") is not null)
            .Select(r => r.GetAttribute("data-instance-id")!).ToList();

        var qualified = await AllAsync(owner, "/icp-no/application?qualified=true&size=2", "tr[data-instance-id]", "data-instance-id");
        var first = await owner.GetAsync("/icp-no/application?qualified=true");

        Assert.NotEmpty(offered);
        Assert.True(offered.Count < Ids(everything).Count, "The demo owner should have instances Apply is not offered for.");
        Assert.Equal(offered, qualified);
        Assert.True(first.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#qualified")!.IsChecked);
        Assert.Equal(offered.Count.ToString(CultureInfo.InvariantCulture), first.QuerySelector("[data-testid=pager]")!.GetAttribute("data-total"));
        Assert.DoesNotContain(DemoAccounts.PayAsYouGoEcs, qualified);
    }

    [Fact]
    public async Task Application_EmptyStates_SayWhereInstancesComeFrom_OrOfferToClearTheFilters()
    {
        await factory.EnsureAccountAsync("no-instances@demo.test", Roles.Owner);
        using var newcomer = await ConsoleClient.SignInAsync(factory, "no-instances@demo.test");
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var none = (await newcomer.GetAsync("/icp-no/application")).QuerySelector("[data-testid=empty]")!;
        var noMatch = (await owner.GetAsync("/icp-no/application?search=no-such-instance-anywhere")).QuerySelector("[data-testid=empty]")!;

        Assert.Equal("none-yet", none.GetAttribute("data-empty"));
        Assert.Contains("purchase", none.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(none.QuerySelector("[data-testid=clear-filters]"));
        Assert.Equal("no-match", noMatch.GetAttribute("data-empty"));
        Assert.Equal("/icp-no/application", noMatch.QuerySelector("a[data-testid=clear-filters]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Management_EmptyStates_LinkToApplication_OrOfferToClearTheFilters()
    {
        await factory.EnsureAccountAsync("no-numbers@demo.test", Roles.Owner);
        using var newcomer = await ConsoleClient.SignInAsync(factory, "no-numbers@demo.test");
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var none = (await newcomer.GetAsync("/icp-no/management")).QuerySelector("[data-testid=empty]")!;
        var noMatch = (await owner.GetAsync("/icp-no/management?search=zzzz")).QuerySelector("[data-testid=empty]")!;

        Assert.Equal("none-yet", none.GetAttribute("data-empty"));
        Assert.Equal("/icp-no/application", none.QuerySelector("a[data-testid=go-apply]")!.GetAttribute("href"));
        Assert.Equal("no-match", noMatch.GetAttribute("data-empty"));
        Assert.Equal("/icp-no/management", noMatch.QuerySelector("a[data-testid=clear-filters]")!.GetAttribute("href"));
        Assert.Null(noMatch.QuerySelector("a[data-testid=go-apply]"));
    }

    [Fact]
    public async Task ResellerExport_WithNoRows_IsADisabledButtonThatSaysWhy_AndWithRowsIsEnabled()
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var empty = await reseller.GetAsync("/reseller/numbers?search=zzzz");
        var full = await reseller.GetAsync("/reseller/numbers");

        var disabled = empty.QuerySelector("[data-testid=export]")!;
        Assert.Equal("BUTTON", disabled.TagName);
        Assert.True(disabled.HasAttribute("disabled"));
        var hint = empty.GetElementById(disabled.GetAttribute("aria-describedby")!)!;
        Assert.False(string.IsNullOrWhiteSpace(hint.TextContent));
        Assert.Equal("no-match", empty.QuerySelector("[data-testid=empty]")!.GetAttribute("data-empty"));
        Assert.False(full.QuerySelector("[data-testid=export]")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task ResellerExport_KeepsTheFilters_AndOffersTheLanguageOfThePage()
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);
        reseller.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));

        var page = await reseller.GetAsync("/reseller/numbers?status=Unused&size=2");

        var form = page.QuerySelector("form[data-testid=export-form]")!;
        Assert.Equal("/reseller/numbers/export", form.GetAttribute("action"));
        Assert.Equal("Unused", form.QuerySelector("input[name=status]")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("input[name=size]"));
        Assert.Equal("zh-Hans", form.QuerySelector("select[name=lang] option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("lang=en", null, "Service identification number,Customer,Instance ID,Instance type,Issued at (CST),Status,Used for", "Unused")]
    [InlineData("lang=zh-Hans", null, "备案服务号", "未使用")]
    [InlineData("", "zh-CN", "备案服务号", "未使用")]
    [InlineData("", "en-US", "Service identification number,Customer,Instance ID", "Unused")]
    [InlineData("lang=klingon", "zh-CN", "备案服务号", "未使用")]
    public async Task ResellerExport_InTheLanguageAskedFor_DefaultingToThePages(string query, string? acceptLanguage, string header, string unused)
    {
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);
        if (acceptLanguage is not null)
        {
            reseller.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(acceptLanguage));
        }

        var response = await reseller.Http.GetAsync("/reseller/numbers/export?status=Unused&" + query);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(header, lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), line => Assert.Contains("," + unused + ",", line, StringComparison.Ordinal));
    }

    private static IElement SortedHeader(IDocument page) => page.QuerySelector("th[aria-sort]")
        ?? throw new InvalidOperationException("No column header says it is sorted.");

    private static List<string> Ids(IDocument page) =>
        [.. page.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")!)];

    private static List<string> Numbers(IDocument page) =>
        [.. page.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")!)];

    private static List<string> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("tr[data-instance-id], tr[data-number]").Select(r => r.GetAttribute("data-instance-id") ?? r.GetAttribute("data-number")!)];

    /// <summary>Every row of a list, following its Next links from <paramref name="url"/>.</summary>
    private static async Task<List<string>> AllAsync(ConsoleClient client, string url, string rowSelector, string attribute)
    {
        var rows = new List<string>();
        for (var page = await client.GetAsync(url); ;)
        {
            rows.AddRange(page.QuerySelectorAll(rowSelector).Select(r => r.GetAttribute(attribute)!));
            var next = page.QuerySelector("a[data-pager=next]")?.GetAttribute("href");
            if (next is null)
            {
                return rows;
            }

            page = await client.GetAsync(next);
        }
    }
}
