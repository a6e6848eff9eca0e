using System.Net;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The reseller's read-only pages: customers, issued numbers with filters, the CSV export, and nothing of anyone else's.</summary>
public sealed class ResellerPagesTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>, IAsyncLifetime
{
    internal const string OtherReseller = "reseller2@demo.test";
    internal const string OtherCustomer = "customer-of-reseller2@demo.test";
    private const string OddInstance = "i-csv,\"odd\"";
    private const string ChineseDomain = "测试.中国";

    private ConsoleClient _reseller = null!;
    private string _otherCustomerNumber = null!;
    private string _otherCustomerId = null!;
    private string _owner2Id = null!;

    public async Task InitializeAsync()
    {
        var otherResellerId = await factory.EnsureAccountAsync(OtherReseller, Roles.Reseller);
        _otherCustomerId = await factory.EnsureAccountAsync(OtherCustomer, Roles.Owner, otherResellerId);
        _owner2Id = await factory.AccountIdAsync(DemoAccounts.Owner2);
        _otherCustomerNumber = await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.AccountId == _otherCustomerId).Select(n => n.Number).FirstOrDefaultAsync())
            ?? (await factory.AddInstanceWithNumbersAsync(_otherCustomerId, "i-other-reseller", 1))[0];
        if (!await factory.WithDbAsync(db => db.Instances.AnyAsync(i => i.InstanceId == OddInstance)))
        {
            // A value that needs RFC 4180 quoting, and a used number whose website is in Chinese.
            var number = (await factory.AddInstanceWithNumbersAsync(_owner2Id, OddInstance, 1))[0];
            await factory.MarkUsedAsync(number);
            await factory.WithDbAsync(async db =>
            {
                var id = await db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Id).SingleAsync();
                db.Filings.Add(new Filing
                {
                    Domain = ChineseDomain,
                    DomainAscii = "xn--0zwm56d.xn--fiqs8s",
                    SubjectName = "测试公司",
                    AccountId = _owner2Id,
                    ServiceNumberRef = id,
                    SubmittedAt = DateTime.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
        }

        _reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);
    }

    public Task DisposeAsync()
    {
        _reseller.Dispose();
        return Task.CompletedTask;
    }

    private async Task<List<string>> NumbersAsync(string query)
    {
        var numbers = new List<string>();
        for (var page = 1; ; page++)
        {
            var document = await _reseller.GetAsync($"/reseller/numbers?{query}&page={page}");
            numbers.AddRange(document.QuerySelectorAll("tr[data-number]").Select(r => r.GetAttribute("data-number")!));
            if (document.QuerySelector("a[rel=next]") is not { } next || next.GetAttribute("href") == "#")
            {
                return numbers;
            }
        }
    }

    private Task<List<string>> ExpectedAsync(Func<IQueryable<ServiceNumber>, IQueryable<ServiceNumber>> filter) =>
        factory.WithDbAsync(async db =>
        {
            var customers = await db.Users.Where(u => u.Email == DemoAccounts.Owner || u.Email == DemoAccounts.Owner2).Select(u => u.Id).ToListAsync();
            return await filter(db.ServiceNumbers.Where(n => customers.Contains(n.AccountId))).Select(n => n.Number).ToListAsync();
        });

    [Fact]
    public async Task Home_SendsResellerToIssuedNumbers()
    {
        var response = await _reseller.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/reseller/numbers", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Customers_ListsBothCustomersWithCounts_AndNotOtherResellersCustomer()
    {
        var page = await _reseller.GetAsync("/reseller/customers");

        var rows = page.QuerySelectorAll("tr[data-customer]").ToDictionary(r => r.GetAttribute("data-customer")!);
        Assert.Equal([DemoAccounts.Owner, DemoAccounts.Owner2], rows.Keys.Order());
        var owner = rows[DemoAccounts.Owner];
        Assert.Equal("22", owner.QuerySelector("[data-testid=instances]")!.TextContent);
        Assert.Equal("9", owner.QuerySelector("[data-testid=issued]")!.TextContent);
        // The expired instance's number is Invalid; the rest are unused.
        Assert.Equal("8", owner.QuerySelector("[data-testid=unused]")!.TextContent);
        Assert.Equal("1", owner.QuerySelector("[data-testid=invalid]")!.TextContent);
        Assert.Equal("0", owner.QuerySelector("[data-testid=used]")!.TextContent);
        Assert.Equal("1", rows[DemoAccounts.Owner2].QuerySelector("[data-testid=used]")!.TextContent);
    }

    [Fact]
    public async Task Numbers_ShowsBothCustomersNumbers_AndNoneOfAnotherResellersCustomer()
    {
        var shown = await NumbersAsync("");

        Assert.Equal((await ExpectedAsync(q => q)).Order(), shown.Order());
        Assert.DoesNotContain(_otherCustomerNumber, shown);
        var first = await _reseller.GetAsync("/reseller/numbers");
        var customers = first.QuerySelectorAll("[data-testid=customer]").Select(c => c.TextContent).Distinct().Order().ToList();
        Assert.Equal([DemoAccounts.Owner, DemoAccounts.Owner2], customers);
    }

    [Fact]
    public async Task Numbers_Filters_CustomerStatusTypeDateAndSearch()
    {
        // Date filters are days of China Standard Time (UTC+8 all year), as the page shows dates.
        var chinaToday = DateTime.UtcNow.AddHours(8).Date;
        var today = chinaToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var weekAgo = chinaToday.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var weekAgoStartUtc = DateTime.SpecifyKind(chinaToday.AddDays(-7).AddHours(-8), DateTimeKind.Utc);

        Assert.Equal((await ExpectedAsync(q => q.Where(n => n.AccountId == _owner2Id))).Order(), (await NumbersAsync($"customer={_owner2Id}")).Order());
        Assert.Equal((await ExpectedAsync(q => q.Where(n => n.Instance.InstanceId == "i-demo-ecs-expired"))), await NumbersAsync("status=Invalid"));
        Assert.Equal((await ExpectedAsync(q => q.Where(n => n.InstanceType == Core.Instances.InstanceType.ElasticWebHosting))).Order(),
            (await NumbersAsync("type=ElasticWebHosting")).Order());
        Assert.Equal(
            (await ExpectedAsync(q => q.Where(n => n.IssuedAt >= weekAgoStartUtc))).Order(),
            (await NumbersAsync($"from={weekAgo}&to={today}")).Order());
        Assert.Equal(await ExpectedAsync(q => q.Where(n => n.Instance.InstanceId == "ewh-demo-blog")), await NumbersAsync("search=ewh-demo-blog"));
        // A customer that is not the reseller's filters to nothing rather than showing anything.
        Assert.Empty(await NumbersAsync($"customer={_otherCustomerId}"));
        Assert.Empty(await NumbersAsync($"search={_otherCustomerNumber}"));
    }

    [Fact]
    public async Task Export_IsCsvWithBom_HeaderAndExactlyTheFilteredRows()
    {
        var response = await _reseller.Http.GetAsync($"/reseller/numbers/export?customer={_owner2Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        // The file is named by the China day, as the pages count days.
        Assert.Equal($"icp-numbers-{DateTime.UtcNow.AddHours(8):yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = Csv.Parse(text);
        Assert.Equal(["Service identification number", "Customer", "Instance ID", "Instance type", "Issued at (CST)", "Status", "Used for"], records[0]);
        var rows = records.Skip(1).ToList();
        Assert.Equal(await NumbersAsync($"customer={_owner2Id}"), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(DemoAccounts.Owner2, r[1]));
        Assert.All(rows, r => Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00$", r[4]));
        // RFC 4180: a value with a comma and quotes is enclosed in quotes with the quotes doubled; records end with CRLF.
        Assert.Contains("\"i-csv,\"\"odd\"\"\"", text, StringComparison.Ordinal);
        var odd = Assert.Single(rows, r => r[2] == OddInstance);
        Assert.Equal(["Used", ChineseDomain], odd[5..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AllPagesOfTheFilter_AndNothingOfOthers()
    {
        var response = await _reseller.Http.GetAsync("/reseller/numbers/export?status=Unused");
        var rows = Csv.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')).Skip(1).ToList();

        Assert.Equal(await NumbersAsync("status=Unused"), rows.Select(r => r[0]));
        Assert.True(rows.Count > 0);
        Assert.DoesNotContain(_otherCustomerNumber, rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("Unused", r[5]));
    }

    [Fact]
    public async Task CustomerActivity_OwnCustomerIs200_OthersAre404()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var supportId = await factory.AccountIdAsync(DemoAccounts.Support);

        var own = await _reseller.GetAsync($"/reseller/customers/{ownerId}/activity");

        Assert.Equal(9, own.QuerySelectorAll("[data-testid=history] tr[data-action='number.issued']").Length);
        foreach (var id in new[] { _otherCustomerId, supportId, Guid.NewGuid().ToString() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _reseller.Http.GetAsync($"/reseller/customers/{id}/activity")).StatusCode);
        }
    }

    [Fact]
    public async Task Reseller_CannotApplyOrVoid()
    {
        var page = await _reseller.GetAsync("/reseller/numbers");
        var number = await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs);

        var apply = await _reseller.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = DemoAccounts.QualifiedEcs,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });
        var voided = await _reseller.PostFormAsync($"/support/numbers/{number}/void", page, new Dictionary<string, string> { ["Void.Reason"] = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, voided.StatusCode);
        Assert.Equal(ServiceNumberStatus.Unused, (await factory.NumberAsync(number)).Status);
    }
}

/// <summary>A strict RFC 4180 reader for the tests, independent of the library the app writes with.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"Unquoted {c} at {i}: not RFC 4180.");
                field.Append(c);
            }
        }

        Assert.Empty(fields);
        Assert.Equal(0, field.Length);
        return records;
    }
}
