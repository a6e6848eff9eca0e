using System.Net;
using AngleSharp.Dom;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>ICP filings over HTTP: the cross-account flow of the seed, and the rules that make a number single-use.</summary>
public sealed class FilingFlowTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task CrossAccountFlow_OwnerRestrictsToOwner2_Owner2FilesAndCancels_NumberStaysUsedForEver()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        // Account A (owner) applies for a number and restricts it to account B (owner2).
        var number = await ApplyAsync(owner, "cwh-demo-docs");
        var restrictPage = await owner.GetAsync($"/icp-no/management/{number}/restrict");
        var restricted = await owner.FollowAsync(await owner.PostFormAsync(
            $"/icp-no/management/{number}/restrict", restrictPage, new Dictionary<string, string> { ["Email"] = DemoAccounts.Owner2 }));
        Assert.Equal(DemoAccounts.Owner2, RowOf(restricted, number).QuerySelector("[data-testid=restricted-to]")!.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0]);

        // B files example-shop.cn with it, typed in upper case with spaces around.
        var filed = await SubmitWithNumberAsync(owner2, "example-shop.cn", $"  {number.ToUpperInvariant()} ");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var filings = await owner2.FollowAsync(filed);
        var filingRow = filings.QuerySelector("tr.highlighted")!;
        Assert.Contains("example-shop.cn", filingRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Submitted", filingRow.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        var filingId = filingRow.GetAttribute("data-filing-id")!;

        // B cancels; the filing is Cancelled and the number stays Used.
        var cancelled = await owner2.FollowAsync(await owner2.PostFormAsync($"/icp-no/filings/{filingId}/cancel", filings, new Dictionary<string, string>()));
        Assert.Equal("Cancelled", cancelled.QuerySelector($"tr[data-filing-id='{filingId}'] [data-testid=status]")!.TextContent.Trim());

        var management = await owner.GetAsync($"/icp-no/management?search={number}");
        var numberRow = RowOf(management, number);
        Assert.Equal("Used", numberRow.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal("example-shop.cn", numberRow.QuerySelector("[data-testid=used-for]")!.TextContent.Trim());
        Assert.Null(numberRow.QuerySelector("[data-testid=restrict]"));

        // A new filing with it is refused in plain words, and nothing is written.
        var again = await SubmitWithNumberAsync(owner2, "example-shop.cn", number);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var errors = (await owner2.FollowAsync(again)).QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains("has already been used", errors, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Filings.CountAsync(f => f.ServiceNumber.Number == number)));
    }

    [Fact]
    public async Task FileWithNumber_RestrictedToAnotherAccount_IsRefused()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var number = await ApplyAsync(owner, "ngw-demo-egress");
        await owner.PostFormAsync($"/icp-no/management/{number}/restrict", await owner.GetAsync($"/icp-no/management/{number}/restrict"),
            new Dictionary<string, string> { ["Email"] = DemoAccounts.Owner2 });

        var response = await SubmitWithNumberAsync(owner, "restricted-test.cn", number);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(ServiceNumberUsability.RestrictedToOther,
            (await owner.FollowAsync(response)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ServiceNumberStatus.Unused, await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Status).SingleAsync()));
    }

    [Fact]
    public async Task FileBySelectingInstance_IssuesAndUsesOneNumberOfItsQuota()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var form = await owner.GetAsync("/icp-no/filings/new");
        Assert.NotNull(form.QuerySelector("input[name=InstanceId][value='sas-demo-blog']"));
        Assert.Null(form.QuerySelector($"input[name=InstanceId][value='{DemoAccounts.PayAsYouGoEcs}']"));

        var response = await owner.PostFormAsync("/icp-no/filings/new", form, new Dictionary<string, string>
        {
            ["Domain"] = "例子.中国",
            ["SubjectName"] = "  例子有限公司  ",
            ["Method"] = "Instance",
            ["InstanceId"] = "sas-demo-blog",
            ["IdempotencyKey"] = form.QuerySelector("input[name=IdempotencyKey]")!.GetAttribute("value")!,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var filing = await factory.WithDbAsync(db => db.Filings.Include(f => f.ServiceNumber).ThenInclude(n => n.Instance)
            .SingleAsync(f => f.DomainAscii == "xn--fsqu00a.xn--fiqs8s"));
        Assert.Equal("例子.中国", filing.Domain);
        Assert.Equal("例子有限公司", filing.SubjectName);
        Assert.Equal(ServiceNumberStatus.Used, filing.ServiceNumber.Status);
        Assert.Equal(IssueChannel.Filing, filing.ServiceNumber.Channel);
        Assert.Equal("sas-demo-blog", filing.ServiceNumber.Instance.InstanceId);
        Assert.Equal(1, await factory.ForInstanceAsync("sas-demo-blog"));
    }

    [Theory]
    [InlineData("http://example.cn", "without http:// or https://")]
    [InlineData("example.cn/shop", "without a path")]
    [InlineData("example.cn:8080", "without a port number")]
    [InlineData("*.example.cn", "Wildcard")]
    [InlineData("exa mple.cn", "cannot contain spaces")]
    public async Task NewFiling_InvalidDomain_ShowsFormAgainWithMessageAndWritesNothing(string domain, string message)
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var before = await factory.TotalAsync();

        var response = await SubmitWithNumberAsync(owner, domain, Guid.NewGuid().ToString());

        // Post/redirect/get on errors too: the form comes back on its GET address, filled in, with the message.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/icp-no/filings/new", response.Headers.Location!.OriginalString);
        var page = await owner.FollowAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(domain, page.QuerySelector("input[name=Domain]")!.GetAttribute("value"));
        Assert.Equal(before, await factory.TotalAsync());
    }

    [Fact]
    public async Task NewFiling_Errors_AreListedInTheFieldsOrder_AndEachBesideItsField()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var form = await owner.GetAsync("/icp-no/filings/new");

        var response = await owner.PostFormAsync("/icp-no/filings/new", form, new Dictionary<string, string>
        {
            ["Domain"] = "http://example.cn",
            ["SubjectName"] = "",
            ["Method"] = "Instance",
            ["IdempotencyKey"] = form.QuerySelector("input[name=IdempotencyKey]")!.GetAttribute("value")!,
        });

        var page = await owner.FollowAsync(response);
        var summary = page.QuerySelectorAll("[data-testid=errors] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, summary.Count);
        Assert.Contains("http://", summary[0], StringComparison.Ordinal);
        Assert.Contains("filing subject", summary[1], StringComparison.Ordinal);
        Assert.Equal("Choose one of your instances.", summary[2]);
        // Beside each field, in the same order down the page.
        var beside = page.QuerySelectorAll("form [data-valmsg-for]").Select(e => e.GetAttribute("data-valmsg-for")).ToList();
        Assert.Equal(["Domain", "SubjectName", "InstanceId"], beside);
    }

    [Fact]
    public async Task NewFiling_NotANumber_SaysSoWithoutTouchingAnything()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var response = await SubmitWithNumberAsync(owner, "typo-test.cn", "not-a-number");

        Assert.Contains("This is not a valid service identification number.",
            (await owner.FollowAsync(response)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrRemove_AnotherAccountsFiling_Returns404AndChangesNothing()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);
        var number = await ApplyAsync(owner2, "cwh-demo2-site");
        var filings = await owner2.FollowAsync(await SubmitWithNumberAsync(owner2, "owner2-site.cn", number));
        var filingId = filings.QuerySelector("tr.highlighted")!.GetAttribute("data-filing-id");
        var ownersPage = await owner.GetAsync("/icp-no/filings");

        var cancel = await owner.PostFormAsync($"/icp-no/filings/{filingId}/cancel", ownersPage, new Dictionary<string, string>());
        var remove = await owner.PostFormAsync($"/icp-no/filings/{filingId}/remove-provider", ownersPage, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(FilingStatus.Submitted, await factory.WithDbAsync(db => db.Filings.Where(f => f.Id == long.Parse(filingId!)).Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task FilingPosts_WithoutAntiforgeryToken_Return400()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var submit = await owner.PostAsync("/icp-no/filings/new", new Dictionary<string, string>
        {
            ["Domain"] = "no-token.cn", ["SubjectName"] = "x", ["Method"] = "Number", ["ServiceNumber"] = Guid.NewGuid().ToString(),
        });
        var cancel = await owner.PostAsync("/icp-no/filings/1/cancel", new Dictionary<string, string>());
        var restrict = await owner.PostAsync($"/icp-no/management/{Guid.NewGuid()}/restrict", new Dictionary<string, string> { ["Email"] = DemoAccounts.Owner2 });

        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, restrict.StatusCode);
    }

    [Fact]
    public async Task Restrict_AnotherAccountsNumber_Returns404()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var owner2Number = await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Instance.InstanceId == DemoAccounts.Owner2Ecs).Select(n => n.Number).FirstAsync());

        var page = await owner.Http.GetAsync($"/icp-no/management/{owner2Number}/restrict");
        var post = await owner.PostFormAsync($"/icp-no/management/{owner2Number}/restrict", await owner.GetAsync("/icp-no/management"),
            new Dictionary<string, string> { ["Email"] = DemoAccounts.Owner });

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Restrict_UnknownEmail_ShowsFormAgainWithMessage()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var number = await ApplyAsync(owner, "ipv6-demo-gw");

        var response = await owner.PostFormAsync($"/icp-no/management/{number}/restrict", await owner.GetAsync($"/icp-no/management/{number}/restrict"),
            new Dictionary<string, string> { ["Email"] = "nobody@demo.test" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/icp-no/management/{number}/restrict", response.Headers.Location!.OriginalString);
        var page = await owner.FollowAsync(response);
        Assert.Contains("No account uses that e-mail address.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("nobody@demo.test", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Null(await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.RestrictedToAccountId).SingleAsync()));
    }

    private static async Task<string> ApplyAsync(ConsoleClient client, string instanceId)
    {
        var page = await client.GetAsync($"/icp-no/application?search={instanceId}");
        var key = page.QuerySelector($"a[data-apply][data-instance-id='{instanceId}']")!.GetAttribute("data-idempotency-key")!;
        var response = await client.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = instanceId,
            ["IdempotencyKey"] = key,
        });
        return (await client.FollowAsync(response)).QuerySelector("tr.highlighted")!.GetAttribute("data-number")!;
    }

    private static async Task<HttpResponseMessage> SubmitWithNumberAsync(ConsoleClient client, string domain, string number)
    {
        var form = await client.GetAsync("/icp-no/filings/new");
        return await client.PostFormAsync("/icp-no/filings/new", form, new Dictionary<string, string>
        {
            ["Domain"] = domain,
            ["SubjectName"] = "Example Shop Ltd.",
            ["Method"] = "Number",
            ["ServiceNumber"] = number,
            ["IdempotencyKey"] = form.QuerySelector("input[name=IdempotencyKey]")!.GetAttribute("value")!,
        });
    }

    private static IElement RowOf(IDocument page, string number) =>
        page.QuerySelector($"tr[data-number='{number}']") ?? throw new InvalidOperationException($"No row for {number}.");
}
