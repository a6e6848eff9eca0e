using System.Net;
using System.Net.Http.Headers;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// The console speaks English and Simplified Chinese: the browser's Accept-Language chooses by default, the
/// header's switcher overrides it for good (a cookie), and <c>&lt;html lang&gt;</c> always names the language the
/// page is written in.
/// </summary>
public sealed class LanguageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("zh-CN", "zh-Hans", "登录")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans", "登录")]
    [InlineData("zh", "zh-Hans", "登录")]
    [InlineData("en-US,en;q=0.9", "en", "Sign in")]
    [InlineData("fr-FR", "en", "Sign in")]
    [InlineData("", "en", "Sign in")]
    public async Task SignInPage_FollowsAcceptLanguage_AndSaysSoInHtmlLang(string acceptLanguage, string lang, string heading)
    {
        using var client = ConsoleClient.Anonymous(factory);
        if (acceptLanguage.Length > 0)
        {
            client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var page = await client.GetAsync("/Identity/Account/Login");

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Owner_WithChineseBrowser_SeesTheProvidersTerms()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        owner.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));

        var page = await owner.GetAsync($"/icp-no/application?search={DemoAccounts.QualifiedEcs}");

        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("备案服务号申请", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("申请", page.QuerySelector("a[data-apply]")!.TextContent.Trim());
        Assert.Contains("备案服务号管理", page.QuerySelector("nav.console-nav")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("确定为实例", page.QuerySelector("a[data-apply]")!.GetAttribute("data-confirm"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switcher_RemembersTheChoiceInACookie_OverAcceptLanguage()
    {
        using var client = ConsoleClient.Anonymous(factory);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var english = await client.GetAsync("/Identity/Account/Login?returnUrl=%2Factivity");

        var switched = await client.PostFormAsync("/language", english,
            new Dictionary<string, string> { ["culture"] = "zh-Hans", ["returnUrl"] = "/Identity/Account/Login?returnUrl=%2Factivity" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Identity/Account/Login?returnUrl=%2Factivity", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var chinese = await client.FollowAsync(switched);
        Assert.Equal("zh-Hans", chinese.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", chinese.QuerySelector("main h1")!.TextContent.Trim());

        var back = await client.PostFormAsync("/language", chinese, new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("en", (await client.GetAsync("/Identity/Account/Login")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Switcher_AsTheHeaderSubmitsIt_StaysOnThePage_WithItsQueryAndFilters()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        const string here = "/icp-no/application?search=ecs&status=Used";
        var page = await owner.GetAsync(here);

        // Submit exactly what the header's form carries: its action and every field in it, as a browser does.
        var form = page.QuerySelector("form[data-testid=language-switcher]")!;
        var fields = form.QuerySelectorAll("input[name]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["culture"] = "zh-Hans";
        var switched = await owner.PostAsync(form.GetAttribute("action")!, fields);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(here, switched.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("fr", "/")]
    [InlineData("", "/")]
    public async Task Switcher_UnknownLanguage_IsABadRequest(string culture, string returnUrl)
    {
        using var client = ConsoleClient.Anonymous(factory);
        var page = await client.GetAsync("/Identity/Account/Login");

        var response = await client.PostFormAsync("/language", page, new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Switcher_NeverRedirectsOffSite()
    {
        using var client = ConsoleClient.Anonymous(factory);
        var page = await client.GetAsync("/Identity/Account/Login");

        var response = await client.PostFormAsync("/language", page,
            new Dictionary<string, string> { ["culture"] = "zh-Hans", ["returnUrl"] = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ValidationAndFlashMessages_AreChinese()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        owner.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var form = await owner.GetAsync("/icp-no/filings/new");

        var refused = await owner.PostFormAsync("/icp-no/filings/new", form, new Dictionary<string, string>
        {
            ["Domain"] = "http://example.cn",
            ["SubjectName"] = "",
            ["Method"] = "Number",
            ["ServiceNumber"] = "not-a-number",
            ["IdempotencyKey"] = form.QuerySelector("input[name=IdempotencyKey]")?.GetAttribute("value") ?? Guid.NewGuid().ToString("N"),
        });

        var page = await owner.FollowAsync(refused);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("只输入域名，不含 http:// 或 https://。", text, StringComparison.Ordinal);
        Assert.Contains("请输入备案主体", text, StringComparison.Ordinal);
    }
}
