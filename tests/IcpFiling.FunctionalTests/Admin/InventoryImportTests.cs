using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Admin;

public sealed class InventoryImportTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task Accounts_DryRunWritesNothing_ApplyCreates_AndExportRoundTripsChineseAndTheBom()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        const string csv = "accountId,email,displayName,status,resellerId,version\r\n"
            + "acct-import-1,import1@example.cn,杭州示例科技有限公司,active,,1\r\n"
            + "acct-import-2,import2@example.cn,\"Shop, Ltd.\",suspended,,1\r\n";

        var dry = await UploadAsync(admin, "Accounts", csv, apply: false);
        var result = dry.QuerySelector("[data-testid=import-result]")!;
        Assert.Equal(("2", "false"), (result.GetAttribute("data-created"), result.GetAttribute("data-applied")));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Id.StartsWith("acct-import-"))));

        var applied = (await UploadAsync(admin, "Accounts", csv, apply: true)).QuerySelector("[data-testid=import-result]")!;
        Assert.Equal(("2", "true"), (applied.GetAttribute("data-created"), applied.GetAttribute("data-applied")));
        Assert.Equal("杭州示例科技有限公司", await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == "acct-import-1").Select(u => u.DisplayName).SingleAsync()));

        var export = await admin.Http.GetByteArrayAsync("/admin/inventory/export/Accounts");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, export[..3]);
        var text = Encoding.UTF8.GetString(export);
        Assert.Contains("acct-import-1,import1@example.cn,杭州示例科技有限公司,active,,1", text, StringComparison.Ordinal);

        // The export, kept to the imported rows (seeded accounts never came from the source: version 0), imports
        // again as it is, BOM and all: nothing new.
        var kept = string.Join("\r\n", text.Split("\r\n").Where(l => l.StartsWith('\uFEFF') || l.StartsWith("acct-import-", StringComparison.Ordinal))) + "\r\n";
        var again = (await UploadAsync(admin, "Accounts", kept, apply: false)).QuerySelector("[data-testid=import-result]")!;
        Assert.Equal("0", again.GetAttribute("data-created"));
        Assert.Equal("0", again.GetAttribute("data-updated"));
    }

    [Fact]
    public async Task Instances_WithBadRows_NameEachLineAndColumn_AndWriteNothing()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var ownerId = await Factory.AccountIdAsync(DemoAccounts.Owner);
        var header = "instanceId,ownerId,type,name,regionId,billing,subscriptionStartsAt,purchasedMonths,expiresAt,publicIps,status,trial,provider,orderAmount,version\r\n";
        string Row(string id, string region, string expires) =>
            $"{id},{ownerId},ecs,web,{region},subscription,2026-10-01T00:00:00Z,12,{expires},47.96.1.1,running,false,thisProvider,,1\r\n";
        var csv = header + Row("i-import-good", "cn-hangzhou", "2027-10-01T00:00:00Z") + Row("i-import-bad-region", "xx-nowhere", "2027-10-01T00:00:00Z")
            + Row("i-import-bad-date", "cn-hangzhou", "next year");

        var page = await UploadAsync(admin, "Instances", csv, apply: true);

        var problems = page.QuerySelectorAll("[data-testid=import-problems] tbody tr").Select(r => (r.GetAttribute("data-line"), r.Children[1].TextContent)).ToList();
        Assert.Contains(("4", "expiresAt"), problems);
        Assert.DoesNotContain(problems, p => p.Item1 == "2");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Instances.CountAsync(i => i.InstanceId.StartsWith("i-import-"))));

        // The date fixed: the API's own check names the region's line and column.
        var second = await UploadAsync(admin, "Instances", csv.Replace("next year", "2027-10-01T00:00:00Z", StringComparison.Ordinal), apply: true);
        var left = second.QuerySelectorAll("[data-testid=import-problems] tbody tr").Select(r => (r.GetAttribute("data-line"), r.Children[1].TextContent)).ToList();
        Assert.Equal([("3", "regionId")], left);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Instances.CountAsync(i => i.InstanceId.StartsWith("i-import-"))));
    }

    [Fact]
    public async Task TenThousandInstances_OverTheUsualBodyLimit_ImportInOneGo()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var ownerId = await Factory.AccountIdAsync(DemoAccounts.Owner2);
        var csv = new StringBuilder("instanceId,ownerId,type,name,regionId,billing,subscriptionStartsAt,purchasedMonths,expiresAt,publicIps,status,trial,provider,orderAmount,version\r\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"i-bulk-{i:D5},{ownerId},ecs,批量实例 {i},cn-beijing,subscription,2026-11-01T00:00:00Z,12,2027-11-01T00:00:00Z,39.96.{i / 250}.{i % 250 + 1},running,false,thisProvider,,1\r\n");
        }

        Assert.True(Encoding.UTF8.GetByteCount(csv.ToString()) > 1024 * 1024);
        var dry = (await UploadAsync(admin, "Instances", csv.ToString(), apply: false)).QuerySelector("[data-testid=import-result]")!;
        Assert.Equal("10000", dry.GetAttribute("data-created"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Instances.CountAsync(i => i.InstanceId.StartsWith("i-bulk-"))));

        var applied = (await UploadAsync(admin, "Instances", csv.ToString(), apply: true)).QuerySelector("[data-testid=import-result]")!;
        Assert.Equal("10000", applied.GetAttribute("data-created"));
        Assert.Equal(10_000, await Factory.WithDbAsync(db => db.Instances.CountAsync(i => i.InstanceId.StartsWith("i-bulk-"))));
    }

    private static async Task<IDocument> UploadAsync(ConsoleClient admin, string kind, string csv, bool apply, byte[]? bytes = null)
    {
        var form = await admin.GetAsync("/admin/inventory");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "kind" },
        };
        if (apply)
        {
            content.Add(new StringContent("true"), "apply");
        }

        var file = new ByteArrayContent(bytes ?? Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "inventory.csv");
        var response = await admin.Http.PostAsync("/admin/inventory/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsoleClient.ParseAsync(response);
    }
}
