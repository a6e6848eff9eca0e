using System.Net;
using AngleSharp.Dom;
using IcpFiling.Core.Accounts;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// The lists beyond ICP No. Application and Management sort by the column header clicked (issue 15, item 4): ICP
/// Filing, the reseller's Issued numbers and Customers, support's Instances and the administrators' Accounts. A
/// click sorts ascending, a second descending; the sort goes through every page without repeating or skipping a
/// row; an unknown sort shows the list's default order.
/// </summary>
public sealed class SortableListTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private const string FilingOwner = "sort-filings@demo.test";
    private static readonly SemaphoreSlim Arranged = new(1, 1);

    /// <summary>A list: its address, how to read each row's identity, and how to read the value of a sort key.</summary>
    private sealed record SortableList(string Url, string Row, string RowKey, string Role)
    {
        public List<string> Rows(IDocument page) => [.. page.QuerySelectorAll(Row).Select(r => r.GetAttribute(RowKey)!)];
    }

    private static readonly SortableList Filings = new("/icp-no/filings", "tr[data-filing-id]", "data-filing-id", FilingOwner);
    private static readonly SortableList ResellerNumbers = new("/reseller/numbers", "tr[data-number]", "data-number", DemoAccounts.Reseller);
    private static readonly SortableList Customers = new("/reseller/customers", "tr[data-customer]", "data-customer", DemoAccounts.Reseller);
    private static readonly SortableList SupportInstances = new("/support/instances", "tr[data-instance-id]", "data-instance-id", DemoAccounts.Support);
    private static readonly SortableList Accounts = new("/admin/accounts", "tr[data-account-id]", "data-account-id", DemoAccounts.Admin);

    [Fact]
    public async Task Filings_ClickingDomain_SortsAscendingThenDescending()
    {
        using var owner = await SignInAsync(Filings);

        var (ascending, descending) = await ClickTwiceAsync(owner, Filings, "domain");

        var domains = Values(ascending, "tr[data-filing-id]", r => r.GetAttribute("data-domain")!);
        Assert.Equal(["alpha-sort.cn", "bravo-sort.cn", "charlie-sort.cn", "delta-sort.cn"], domains);
        Assert.Equal(Filings.Rows(ascending).AsEnumerable().Reverse(), Filings.Rows(descending));
    }

    [Fact]
    public async Task Filings_ByDefault_AreNewestFirst_AndSubmittedSortsOldestFirstWhenClicked()
    {
        using var owner = await SignInAsync(Filings);
        var page = await owner.GetAsync(Filings.Url);

        var oldestFirst = await owner.GetAsync(SortLink(page, "submitted"));

        Assert.Equal("submitted", SortedHeader(page).GetAttribute("data-sort-key"));
        Assert.Equal("descending", SortedHeader(page).GetAttribute("aria-sort"));
        var ids = Filings.Rows(page).Select(long.Parse).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(Filings.Rows(page).AsEnumerable().Reverse(), Filings.Rows(oldestFirst));
        Assert.Equal("ascending", SortedHeader(oldestFirst).GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task ResellerNumbers_ClickingNumber_SortsAscendingThenDescending_KeepingTheFilters()
    {
        using var reseller = await SignInAsync(ResellerNumbers);
        var filtered = await reseller.GetAsync(ResellerNumbers.Url + "?status=Unused&size=100");

        var href = SortLink(filtered, "number");
        var ascending = await reseller.GetAsync(href);
        var descending = await reseller.GetAsync(SortLink(ascending, "number"));

        Assert.Contains("status=Unused", href, StringComparison.Ordinal);
        var numbers = ResellerNumbers.Rows(ascending);
        Assert.True(numbers.Count > 2);
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        Assert.Equal("ascending", SortedHeader(ascending).GetAttribute("aria-sort"));
        Assert.Equal(numbers.AsEnumerable().Reverse(), ResellerNumbers.Rows(descending));
        Assert.Equal("descending", SortedHeader(descending).GetAttribute("aria-sort"));
        Assert.All(ascending.QuerySelectorAll("[data-testid=status]"), s => Assert.Equal("Unused", s.TextContent.Trim()));
    }

    [Fact]
    public async Task ResellerNumbers_TheFiltersAndTheExport_CarryTheSort()
    {
        using var reseller = await SignInAsync(ResellerNumbers);

        var page = await reseller.GetAsync(ResellerNumbers.Url + "?sort=number&dir=desc&size=5");
        var export = await reseller.Http.GetAsync("/reseller/numbers/export?lang=en&sort=number&dir=desc");
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')[0]).ToList();

        var filters = page.QuerySelector("form.console-filters")!;
        Assert.Equal("number", filters.QuerySelector("input[name=sort]")!.GetAttribute("value"));
        Assert.Equal("desc", filters.QuerySelector("input[name=dir]")!.GetAttribute("value"));
        Assert.Equal("5", filters.QuerySelector("input[name=size]")!.GetAttribute("value"));
        Assert.Equal("number", page.QuerySelector("form[data-testid=export-form] input[name=sort]")!.GetAttribute("value"));
        Assert.True(lines.Count > 2);
        Assert.Equal(lines.OrderDescending(StringComparer.Ordinal), lines);
    }

    [Fact]
    public async Task Customers_ClickingName_SortsByDisplayNameAscendingThenDescending()
    {
        using var reseller = await SignInAsync(Customers);

        var (ascending, descending) = await ClickTwiceAsync(reseller, Customers, "name");

        var names = Values(ascending, Customers.Row, r => r.QuerySelector("[data-testid=name]")!.TextContent.Trim());
        Assert.True(names.Count > 3);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.NotEqual(Customers.Rows(ascending).Order(StringComparer.Ordinal), Customers.Rows(ascending));
        Assert.Equal(Customers.Rows(ascending).AsEnumerable().Reverse(), Customers.Rows(descending));
    }

    [Fact]
    public async Task SupportInstances_ClickingName_SortsByNameAscendingThenDescending()
    {
        using var support = await SignInAsync(SupportInstances);

        var (ascending, descending) = await ClickTwiceAsync(support, SupportInstances, "name");

        var names = Values(ascending, SupportInstances.Row, r => r.QuerySelector("[data-testid=name]")!.TextContent.Trim());
        Assert.True(names.Count > 3);
        Assert.True(IsOrdered(names), "Names are not in ascending order: " + string.Join(", ", names));
        Assert.Equal(SupportInstances.Rows(ascending).AsEnumerable().Reverse(), SupportInstances.Rows(descending));
    }

    [Fact]
    public async Task Accounts_ClickingName_SortsAscendingThenDescending_AndEmailIsTheDefault()
    {
        using var admin = await SignInAsync(Accounts);
        var page = await admin.GetAsync(Accounts.Url + "?size=100");

        var (ascending, descending) = await ClickTwiceAsync(admin, Accounts, "name");

        var emails = Values(page, Accounts.Row, r => r.QuerySelector("a")!.TextContent.Trim().ToUpperInvariant());
        Assert.Equal("email", SortedHeader(page).GetAttribute("data-sort-key"));
        Assert.Equal(emails.Order(StringComparer.Ordinal), emails);
        var names = Values(ascending, Accounts.Row, r => r.QuerySelector("[data-testid=name]")!.TextContent.Trim());
        Assert.True(IsOrdered(names), "Names are not in ascending order: " + string.Join(", ", names));
        Assert.Equal(Accounts.Rows(ascending).AsEnumerable().Reverse(), Accounts.Rows(descending));
    }

    [Fact]
    public async Task Accounts_ClickingLastSignIn_PutsTheMostRecentFirstOnTheSecondClick()
    {
        using var admin = await SignInAsync(Accounts);

        var (ascending, descending) = await ClickTwiceAsync(admin, Accounts, "lastsignin");

        // The admin has just signed in: the most recent sign-in of all. (Where accounts that never signed in go
        // is the database's choice: last on SQLite, first on PostgreSQL.)
        var adminId = await factory.AccountIdAsync(DemoAccounts.Admin);
        var signedIn = descending.QuerySelectorAll(Accounts.Row)
            .Where(r => r.QuerySelector("[data-testid=last-sign-in]")!.GetAttribute("data-never") == "false")
            .Select(r => r.GetAttribute("data-account-id")).ToList();
        Assert.Equal(adminId, signedIn[0]);
        Assert.Equal(Accounts.Rows(ascending).AsEnumerable().Reverse(), Accounts.Rows(descending));
    }

    public static TheoryData<string, string> PagedSorts => new()
    {
        { "Filings", "sort=domain&dir=desc" },
        { "Filings", "sort=submitted&dir=asc" },
        { "ResellerNumbers", "sort=number&dir=asc" },
        { "ResellerNumbers", "sort=issued&dir=asc" },
        { "Customers", "sort=name&dir=asc" },
        { "SupportInstances", "sort=name&dir=desc" },
        { "Accounts", "sort=name&dir=asc" },
        { "Accounts", "sort=lastsignin&dir=desc" },
    };

    [Theory]
    [MemberData(nameof(PagedSorts))]
    public async Task SortedList_PagedTwoAtATime_ShowsEveryRowOnceInTheSameOrder_AndPageTwoKeepsTheSort(string list, string sort)
    {
        var sortable = ListNamed(list);
        using var client = await SignInAsync(sortable);

        var whole = sortable.Rows(await client.GetAsync($"{sortable.Url}?{sort}&size=100"));
        var (paged, secondPageUrl) = await AllPagesAsync(client, sortable, $"{sortable.Url}?{sort}&size=2");
        var secondPage = await client.GetAsync(secondPageUrl!);

        Assert.True(whole.Count > 2, $"{list} needs more than one page of two.");
        Assert.Equal(whole, paged);
        Assert.Contains(sort, secondPageUrl, StringComparison.Ordinal);
        Assert.Equal(sort.Split('&')[0]["sort=".Length..], SortedHeader(secondPage).GetAttribute("data-sort-key"));
    }

    [Theory]
    [InlineData("Filings", "sort=drop%20table&dir=sideways")]
    [InlineData("Filings", "sort=1&dir=asc")]
    [InlineData("ResellerNumbers", "sort=customer&dir=asc")]
    [InlineData("ResellerNumbers", "sort=0x1")]
    [InlineData("Customers", "sort=instances&dir=desc")]
    [InlineData("SupportInstances", "sort=owner")]
    [InlineData("Accounts", "sort=passwordhash&dir=asc")]
    [InlineData("Accounts", "sort=email%20desc&dir=down")]
    public async Task SortedList_WithAnUnknownSort_ShowsTheDefaultOrder(string list, string sort)
    {
        var sortable = ListNamed(list);
        using var client = await SignInAsync(sortable);

        var response = await client.Http.GetAsync($"{sortable.Url}?{sort}&size=100");
        var page = await ConsoleClient.ParseAsync(response);
        var expected = await client.GetAsync(sortable.Url + "?size=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sortable.Rows(expected), sortable.Rows(page));
        Assert.Equal(SortedHeader(expected).GetAttribute("data-sort-key"), SortedHeader(page).GetAttribute("data-sort-key"));
    }

    private static SortableList ListNamed(string name) => name switch
    {
        "Filings" => Filings,
        "ResellerNumbers" => ResellerNumbers,
        "Customers" => Customers,
        "SupportInstances" => SupportInstances,
        "Accounts" => Accounts,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such list"),
    };

    /// <summary>Signs in as the list's reader, after arranging what the lists need beyond the demo seed (once per class).</summary>
    private async Task<ConsoleClient> SignInAsync(SortableList list)
    {
        await ArrangeAsync();
        return await ConsoleClient.SignInAsync(factory, list.Role);
    }

    /// <summary>
    /// An owner with four filings submitted out of alphabetical order, and three more customers of the demo reseller
    /// whose names sort differently from their e-mails.
    /// </summary>
    private async Task ArrangeAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == FilingOwner.ToUpperInvariant())))
            {
                return;
            }

            var ownerId = await factory.EnsureAccountAsync(FilingOwner, Roles.Owner);
            foreach (var domain in new[] { "charlie-sort.cn", "alpha-sort.cn", "delta-sort.cn", "bravo-sort.cn" })
            {
                var instanceId = "i-sort-" + domain[..domain.IndexOf('-', StringComparison.Ordinal)];
                await factory.AddInstanceWithNumbersAsync(ownerId, instanceId, 0);
                await factory.FileWithInstanceAsync(FilingOwner, instanceId, domain);
            }

            var resellerId = await factory.AccountIdAsync(DemoAccounts.Reseller);
            foreach (var (email, name) in new[] { ("sort-a@demo.test", "Zhou Trading"), ("sort-b@demo.test", "Anhui Shop"), ("sort-c@demo.test", "Mingda") })
            {
                var id = await factory.EnsureAccountAsync(email, Roles.Owner, resellerId);
                await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name)));
            }
        }
        finally
        {
            Arranged.Release();
        }
    }

    /// <summary>Opens the list (100 a page), clicks the header of <paramref name="key"/>, then clicks it again.</summary>
    private static async Task<(IDocument Ascending, IDocument Descending)> ClickTwiceAsync(ConsoleClient client, SortableList list, string key)
    {
        var page = await client.GetAsync(list.Url + "?size=100");
        var ascending = await client.GetAsync(SortLink(page, key));
        var descending = await client.GetAsync(SortLink(ascending, key));

        Assert.Equal(key, SortedHeader(ascending).GetAttribute("data-sort-key"));
        Assert.Equal("ascending", SortedHeader(ascending).GetAttribute("aria-sort"));
        Assert.Equal(key, SortedHeader(descending).GetAttribute("data-sort-key"));
        Assert.Equal("descending", SortedHeader(descending).GetAttribute("aria-sort"));
        Assert.Contains("size=100", SortLink(page, key), StringComparison.Ordinal);
        return (ascending, descending);
    }

    private static string SortLink(IDocument page, string key) =>
        page.QuerySelector($"a[data-testid=sort-{key}]")?.GetAttribute("href")
        ?? throw new InvalidOperationException($"The page has no sort link for {key}.");

    private static IElement SortedHeader(IDocument page) => page.QuerySelector("th[aria-sort]")
        ?? throw new InvalidOperationException("No column header says it is sorted.");

    private static List<string> Values(IDocument page, string row, Func<IElement, string> value) =>
        [.. page.QuerySelectorAll(row).Select(value)];

    /// <summary>Ascending with ties allowed (names repeat; the key orders them).</summary>
    private static bool IsOrdered(IReadOnlyList<string> values) =>
        values.Zip(values.Skip(1)).All(pair => string.CompareOrdinal(pair.First, pair.Second) <= 0);

    /// <summary>Every row of the list, following its Next links from <paramref name="url"/>, and the second page's address.</summary>
    private static async Task<(List<string> Rows, string? SecondPage)> AllPagesAsync(ConsoleClient client, SortableList list, string url)
    {
        var rows = new List<string>();
        string? second = null;
        for (var page = await client.GetAsync(url); ;)
        {
            rows.AddRange(list.Rows(page));
            var next = page.QuerySelector("a[data-pager=next]")?.GetAttribute("href");
            if (next is null)
            {
                return (rows, second);
            }

            second ??= next;
            page = await client.GetAsync(next);
        }
    }
}
