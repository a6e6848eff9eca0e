using System.Net;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// ICP No. Management's CSV export (the reseller export's rules: UTF-8 with BOM, RFC 4180, formulas escaped, the page's
/// filters and order, English or Chinese) and its one search box: number, instance ID, IP address or website.
/// </summary>
public sealed class ManagementExportAndSearchTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>, IAsyncLifetime
{
    private string _email = null!;
    private string _address = null!;
    private string _instance = null!;
    private string _otherInstance = null!;
    private string _domain = null!;
    private List<string> _unused = null!;
    private ConsoleClient _owner = null!;

    /// <summary>A fresh owner: an instance with its own public IP, two unused numbers (one restricted with a formula-like note) and one used for a website.</summary>
    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        _email = $"export-{tag}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(_email, Roles.Owner);
        var receiver = await factory.EnsureAccountAsync($"export-receiver-{tag}@demo.test", Roles.Owner);
        _instance = $"i-export-{tag}";
        _otherInstance = $"i-other-{tag}";
        // A public address of its own (a random one of 36.0.0.0/8), so the search by IP finds only this instance.
        var bytes = Guid.NewGuid().ToByteArray();
        _address = $"36.{bytes[0]}.{bytes[1]}.{(bytes[2] % 250) + 1}";
        await factory.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, _instance, DateTime.UtcNow, change: i => i.PublicIps = [_address]));
            db.Instances.Add(QualifiedInstance.Build(ownerId, _otherInstance, DateTime.UtcNow, change: i => i.PublicIps = ["47.96.12.35"]));
            return await db.SaveChangesAsync();
        });
        _unused = await factory.AddNumbersAsync(ownerId, _instance, 2);
        await factory.AddNumbersAsync(ownerId, _otherInstance, 1);
        _domain = $"shop-{tag}.example.cn";
        await factory.FileWithInstanceAsync(_email, _instance, _domain);
        await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == _unused[0])
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.RestrictedToAccountId, receiver).SetProperty(n => n.RestrictionNote, "=HYPERLINK(\"http://x\")")));
        _owner = await ConsoleClient.SignInAsync(factory, _email);
    }

    public Task DisposeAsync()
    {
        _owner.Dispose();
        return Task.CompletedTask;
    }

    private async Task<List<string>> ListedAsync(string query) =>
        [.. (await _owner.GetAsync("/icp-no/management?size=100&" + query)).QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")!)];

    private async Task<(byte[] Bytes, List<string[]> Records)> ExportAsync(string query)
    {
        var response = await _owner.Http.GetAsync("/icp-no/management/export?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, Csv.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')));
    }

    [Fact]
    public async Task Export_InEnglish_HasTheBomAndTheColumnNamesInWords_AndEveryNumberInThePagesOrder()
    {
        var (bytes, records) = await ExportAsync("lang=en");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["Service identification number", "Instance ID", "Instance name", "Instance type", "Issued at (CST)", "Status", "Used for", "Restricted to", "Note"], records[0]);
        var rows = records.Skip(1).ToList();
        Assert.Equal(await ListedAsync(""), rows.Select(r => r[0]));
        Assert.Equal(4, rows.Count);
        var used = Assert.Single(rows, r => r[5] == "Used");
        Assert.Equal(_domain, used[6]);
    }

    [Fact]
    public async Task Export_WritesTimesInChinaTimeWithTheirOffset_TheInstantTheDatabaseHolds()
    {
        var (_, records) = await ExportAsync("lang=en");
        var issued = await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => _unused.Contains(n.Number)).ToDictionaryAsync(n => n.Number, n => n.IssuedAt));

        var rows = records.Skip(1).Where(r => issued.ContainsKey(r[0])).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            // 2026-12-07T23:33:00+08:00: what a spreadsheet shows is the pages' time, and the offset keeps the instant exact.
            Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00$", r[4]);
            var at = DateTimeOffset.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromHours(8), at.Offset);
            Assert.Equal(issued[r[0]].AddTicks(-(issued[r[0]].Ticks % TimeSpan.TicksPerSecond)), at.UtcDateTime);
        });
    }

    [Fact]
    public async Task Export_InChinese_HasThePagesColumnNamesAndValues()
    {
        var (_, records) = await ExportAsync("lang=zh-Hans&status=Used");

        Assert.Equal(["备案服务号", "实例ID", "实例名称"], records[0][..3]);
        Assert.Equal("生成时间（北京时间）", records[0][4]);
        Assert.Equal("备注", records[0][^1]);
        var row = Assert.Single(records.Skip(1));
        Assert.Equal("已使用", row[5]);
        Assert.EndsWith("+08:00", row[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Used", "Export CSV (1 row)")]
    [InlineData("status=Unused", "Export CSV (3 rows)")]
    public async Task ExportButton_CountsItsRowsInGoodEnglish(string query, string label)
    {
        var page = await _owner.GetAsync("/icp-no/management?" + query);

        Assert.Equal(label, page.QuerySelector("[data-testid=export]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Export_HonoursThePagesFiltersAndSort()
    {
        var (_, unused) = await ExportAsync("status=Unused&sort=number&dir=asc");
        var (_, bySearch) = await ExportAsync($"search={_otherInstance}");

        Assert.Equal(await ListedAsync("status=Unused&sort=number&dir=asc"), unused.Skip(1).Select(r => r[0]));
        Assert.Equal(3, unused.Count - 1);
        Assert.All(bySearch.Skip(1), r => Assert.Equal(_otherInstance, r[1]));
        Assert.Single(bySearch.Skip(1));
    }

    [Fact]
    public async Task Export_EscapesAValueASpreadsheetWouldRunAsAFormula()
    {
        var (bytes, records) = await ExportAsync("lang=en");

        var restricted = Assert.Single(records.Skip(1), r => r[0] == _unused[0]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", restricted[8]);
        Assert.DoesNotContain(",=HYPERLINK", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportButton_CarriesTheFilters_AndIsDisabledWhenNothingMatches()
    {
        var filtered = await _owner.GetAsync("/icp-no/management?status=Unused&sort=number&dir=asc");
        var none = await _owner.GetAsync("/icp-no/management?search=ffffffff-ffff");

        var form = filtered.QuerySelector("form[data-testid=export-form]")!;
        Assert.Equal("/icp-no/management/export", form.GetAttribute("action"));
        Assert.Equal("Unused", form.QuerySelector("input[name=status]")!.GetAttribute("value"));
        Assert.Equal("number", form.QuerySelector("input[name=sort]")!.GetAttribute("value"));
        Assert.False(filtered.QuerySelector("[data-testid=export]")!.HasAttribute("disabled"));
        Assert.Contains("3", filtered.QuerySelector("[data-testid=export]")!.TextContent, StringComparison.Ordinal);
        Assert.True(none.QuerySelector("[data-testid=export]")!.HasAttribute("disabled"));
        Assert.NotNull(none.QuerySelector("[data-testid=export-none]"));
    }

    [Fact]
    public async Task Search_ByPublicIp_FindsTheNumbersOfThatInstance_ExactOrByItsStart()
    {
        var exact = await ListedAsync($"search={_address}");
        var prefix = await ListedAsync($"search={_address[.._address.LastIndexOf('.')]}.");
        var elsewhere = await ListedAsync("search=203.0.113.250");

        Assert.Equal(3, exact.Count);
        // Superset(subset, set): the instance's unused numbers are among them, and the prefix finds at least the same.
        Assert.Superset(_unused.ToHashSet(), exact.ToHashSet());
        Assert.Superset(exact.ToHashSet(), prefix.ToHashSet());
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Search_ByWebsite_FindsTheNumberUsedForIt_WholeOrByItsStart()
    {
        var whole = await ListedAsync($"search={_domain.ToUpperInvariant()}");
        var start = await ListedAsync($"search={_domain[..(_domain.IndexOf('.') + 1)]}");

        var used = Assert.Single(whole);
        Assert.Equal(ServiceNumberStatus.Used, (await factory.NumberAsync(used)).Status);
        Assert.Equal(whole, start);
        Assert.Empty(await ListedAsync("search=nothing-filed-here.cn"));
    }

    [Fact]
    public async Task Search_ByNumberOrInstanceId_StillMatchesTheStart()
    {
        var byNumber = await ListedAsync($"search={_unused[1][..13]}");
        var byInstance = await ListedAsync($"search={_instance}");

        Assert.Contains(_unused[1], byNumber);
        Assert.Equal(3, byInstance.Count);
    }

    [Fact]
    public async Task Search_SaysWhatItRecognises_InBothLanguages()
    {
        var english = await _owner.GetAsync("/icp-no/management");

        Assert.Equal("Number, instance ID, IP or website", english.QuerySelector("input[data-testid=search]")!.GetAttribute("placeholder"));
        Assert.NotNull(english.QuerySelector("#search-hint"));
        _owner.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        try
        {
            var chinese = await _owner.GetAsync("/icp-no/management");
            Assert.Equal("服务号、实例ID、IP 或网站", chinese.QuerySelector("input[data-testid=search]")!.GetAttribute("placeholder"));
        }
        finally
        {
            _owner.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        }
    }
}
