using System.Text.RegularExpressions;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// The console as an owner uses it in a browser: sign in through the form, Apply in the dialog (or on the
/// confirmation page without JavaScript), land on ICP No. Management with the new number highlighted; and every
/// page the owner reaches keeps to the Content-Security-Policy without script errors.
/// Each test applies to an instance of its own, so the tests do not depend on their order.
/// </summary>
public sealed partial class OwnerConsoleTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>A backstop: every browser wait already fails after <see cref="BrowserFixture.TimeoutMs"/>.</summary>
    private const int TestTimeoutMs = 90_000;

    private const string ApplicationPath = "/icp-no/application";
    private const string ManagementPath = "/icp-no/management";

    /// <summary>What the confirmation must tell the owner before anything is issued.</summary>
    private const string QuotaWarning = "one unit of its quota will be consumed";

    private static readonly LocatorAssertionsToContainTextOptions IgnoringCase = new() { IgnoreCase = true };

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Apply_ThroughDialog_ShowsNewNumberOnManagement() =>
        InBrowserAsync(nameof(Apply_ThroughDialog_ShowsNewNumberOnManagement), async page =>
        {
            const string instance = DemoAccounts.QualifiedEcs;
            await SignInAsync(page, DemoAccounts.Owner);
            await Screenshots.TakeAsync(page, "application");

            await SearchInstanceAsync(page, instance);
            await ApplyButton(page, instance).ClickAsync();

            var dialog = page.Locator("#confirm-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync(instance);
            await Expect(dialog).ToContainTextAsync(QuotaWarning, IgnoringCase);
            await Screenshots.TakeAsync(page, "apply-dialog", fullPage: false);

            await dialog.Locator("[data-confirm-ok]").ClickAsync();

            var number = await ReadIssuedNumberAsync(page, instance);
            await Screenshots.TakeAsync(page, "management");
            Assert.Equal([number], await NumbersOfInstanceAsync(instance));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Apply_CancelInDialog_IssuesNothing() =>
        InBrowserAsync(nameof(Apply_CancelInDialog_IssuesNothing), async page =>
        {
            const string instance = DemoAccounts.QualifiedEcs2;
            var posts = WatchApplyPosts(page);
            await SignInAsync(page, DemoAccounts.Owner);
            var before = await NumberCountAsync();
            await SearchInstanceAsync(page, instance);
            var dialog = page.Locator("#confirm-dialog");

            await ApplyButton(page, instance).ClickAsync();
            await Expect(dialog).ToBeVisibleAsync();
            await dialog.Locator("[data-confirm-cancel]").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();

            // The Escape key closes a modal dialog too; it must not submit either.
            await ApplyButton(page, instance).ClickAsync();
            await Expect(dialog).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();

            Assert.Contains($"{ApplicationPath}?search={instance}", page.Url, StringComparison.Ordinal);
            Assert.Empty(posts);
            Assert.Equal(before, await NumberCountAsync());
            Assert.Empty(await NumbersOfInstanceAsync(instance));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Apply_DoubleClickOk_IssuesOneNumber() =>
        InBrowserAsync(nameof(Apply_DoubleClickOk_IssuesOneNumber), async page =>
        {
            const string instance = "cwh-demo-docs";
            var posts = WatchApplyPosts(page);
            await SignInAsync(page, DemoAccounts.Owner);
            var before = await NumberCountAsync();
            await SearchInstanceAsync(page, instance);
            await ApplyButton(page, instance).ClickAsync();
            var ok = page.Locator("#confirm-dialog [data-confirm-ok]");
            await Expect(ok).ToBeVisibleAsync();

            // Two clicks in the same task, faster than any person: nothing in between can disable the button.
            await ok.EvaluateAsync("ok => { ok.click(); ok.click(); }");

            var number = await ReadIssuedNumberAsync(page, instance, expectNewNumber: false);
            // Let every post the browser sent finish before counting, so a late duplicate cannot slip past.
            foreach (var post in posts)
            {
                await post.ResponseAsync();
            }

            output.WriteLine($"The browser sent {posts.Count} apply post(s) for the double click.");
            Assert.Equal(before + 1, await NumberCountAsync());
            Assert.Equal([number], await NumbersOfInstanceAsync(instance));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task EveryPage_HasNoConsoleErrorsOrCspViolations() =>
        InBrowserAsync(nameof(EveryPage_HasNoConsoleErrorsOrCspViolations), async page =>
        {
            const string instance = DemoAccounts.QualifiedEcs2;
            var problems = await PageProblems.WatchAsync(page);

            await page.GotoAsync("/Identity/Account/Login");
            await Screenshots.TakeAsync(page, "login");
            await SignInAsync(page, DemoAccounts.Owner);
            await AssertStyledAsync(page);

            // The dialog is the page's script at work: open it and close it again.
            await SearchInstanceAsync(page, instance);
            await ApplyButton(page, instance).ClickAsync();
            await Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
            await page.Locator("#confirm-dialog [data-confirm-cancel]").ClickAsync();

            await page.GotoAsync(ManagementPath);
            await Expect(page.Locator("[data-testid=numbers]")).ToBeVisibleAsync();
            await AssertStyledAsync(page);

            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    /// <summary>
    /// The confirmation page (what a browser without JavaScript gets for Apply) must keep to the CSP too. Its
    /// <c>asp-validation-summary="All"</c> renders <c>&lt;li style="display:none"&gt;</c> while the form is valid:
    /// an inline style the policy blocks, which leaves an empty red bullet above the question.
    /// </summary>
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task ConfirmationPage_HasNoConsoleErrorsOrCspViolations() =>
        InBrowserAsync(nameof(ConfirmationPage_HasNoConsoleErrorsOrCspViolations), async page =>
        {
            const string instance = DemoAccounts.QualifiedEcs2;
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, DemoAccounts.Owner);

            await page.GotoAsync($"{ApplicationPath}/{instance}/apply");
            await Expect(page.Locator("main")).ToContainTextAsync(QuotaWarning, IgnoringCase);
            await Screenshots.TakeAsync(page, "confirm");

            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    /// <summary>
    /// Account settings (the console's own pages in the Identity area, linked from the console navigation) keep to the
    /// CSP with no script errors, and their navigation reaches each of them.
    /// </summary>
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task AccountSettings_HaveNoConsoleErrorsOrCspViolations() =>
        InBrowserAsync(nameof(AccountSettings_HaveNoConsoleErrorsOrCspViolations), async page =>
        {
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, DemoAccounts.Owner);

            await page.Locator(".console-nav").GetByRole(AriaRole.Link, new() { Name = "Account settings" }).ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage");
            await Expect(page.Locator("main [data-testid=profile-email]")).ToHaveTextAsync(DemoAccounts.Owner);
            await Expect(page.Locator("main input")).ToHaveCountAsync(0);
            await Screenshots.TakeAsync(page, "account-settings");

            var nav = page.Locator("main [data-testid=account-nav]");
            await nav.GetByRole(AriaRole.Link, new() { Name = "Password", Exact = true }).ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage/ChangePassword");
            await Expect(page.Locator("input[name='Input.OldPassword']")).ToBeVisibleAsync();

            await nav.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in", Exact = true }).ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage/TwoFactorAuthentication");
            await Expect(page.Locator("main [data-testid=two-factor-status]")).ToContainTextAsync("Off");

            await nav.GetByRole(AriaRole.Link, new() { Name = "Recent sign-ins", Exact = true }).ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage/SignIns");
            await Expect(page.Locator("main [data-testid=sign-ins] tbody tr").First).ToContainTextAsync("a password");

            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    /// <summary>
    /// Two-factor sign-in as a person sets it up: scan (the QR code is a real image) or type the key, confirm with the
    /// app's code (computed here per RFC 6238), keep the recovery codes, sign out; the next sign-in asks for a code
    /// after the password, a wrong one is refused on the page, the right one signs in.
    /// </summary>
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task TwoFactor_TurnedOnWithTheAppsCode_ThenSigningInAsksForACode() =>
        InBrowserAsync(nameof(TwoFactor_TurnedOnWithTheAppsCode_ThenSigningInAsksForACode), async page =>
        {
            var problems = await PageProblems.WatchAsync(page);
            var email = $"browser-2fa-{Guid.NewGuid():N}"[..24] + "@demo.test";
            await fixture.App.EnsureAccountAsync(email, IcpFiling.Core.Accounts.Roles.Owner);
            await SignInAsync(page, email);

            await page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
            await page.Locator("main #enable-authenticator").ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage/EnableAuthenticator");
            var qr = page.Locator("main img[data-testid=qr-code]");
            await Expect(qr).ToBeVisibleAsync();
            // Visible (its size is set) can come before its request completes: wait for the load or the error, then judge.
            Assert.True(
                await qr.EvaluateAsync<int>("""
                    img => img.complete ? img.naturalWidth : new Promise(done => {
                        img.addEventListener('load', () => done(img.naturalWidth));
                        img.addEventListener('error', () => done(0));
                    })
                    """) > 0,
                "The QR code image did not load.");
            var key = await page.Locator("main [data-testid=shared-key]").InnerTextAsync();

            await page.Locator("#Input_Code").FillAsync(Rfc6238.CodeFor(key));
            await page.Locator("#verify-authenticator-submit").ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/Manage/ShowRecoveryCodes");
            await Expect(page.Locator("main [data-testid=recovery-codes] code")).ToHaveCountAsync(10);
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "I have saved them" }).ClickAsync();
            await Expect(page.Locator("main [data-testid=two-factor-status]")).ToContainTextAsync("On");

            await page.Locator("header form[action*='Logout'] button").ClickAsync();
            await page.GotoAsync("/Identity/Account/Login");
            await page.Locator("input[name='Input.Email']").FillAsync(email);
            await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await ExpectPathAsync(page, "/Identity/Account/LoginWith2fa", "rememberMe=");

            await page.Locator("#Input_Code").FillAsync(Rfc6238.WrongCodeFor(key));
            await page.Locator("#two-factor-submit").ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("That code is not valid");
            await ExpectPathAsync(page, "/Identity/Account/LoginWith2fa", "rememberMe=");

            await page.Locator("#Input_Code").FillAsync(Rfc6238.CodeFor(key));
            await page.Locator("#two-factor-submit").ClickAsync();
            await ExpectPathAsync(page, ApplicationPath);
            await Expect(page.Locator("[data-testid=signed-in-account]")).ToHaveTextAsync(email);

            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Apply_WithoutJavaScript_UsesConfirmationPage() =>
        InBrowserAsync(nameof(Apply_WithoutJavaScript_UsesConfirmationPage), javaScript: false, body: async page =>
        {
            const string instance = "i-demo-ecs-api";
            await SignInAsync(page, DemoAccounts.Owner);
            await SearchInstanceAsync(page, instance);

            await ApplyButton(page, instance).ClickAsync();
            await ExpectPathAsync(page, $"{ApplicationPath}/{instance}/apply");
            var main = page.Locator("main");
            await Expect(main).ToContainTextAsync(instance);
            await Expect(main).ToContainTextAsync(QuotaWarning, IgnoringCase);
            await Screenshots.TakeAsync(page, "confirm-no-js");

            await main.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true }).ClickAsync();

            var number = await ReadIssuedNumberAsync(page, instance);
            Assert.Equal([number], await NumbersOfInstanceAsync(instance));
        });

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex ServiceNumberShape();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex NumberInText();

    /// <summary>A fresh browser context per test; on failure a screenshot of where the test stood.</summary>
    private Task InBrowserAsync(string test, Func<IPage, Task> body, bool javaScript = true) =>
        fixture.RunAsync(test, output, body, javaScript: javaScript, viewportHeight: 800);

    /// <summary>Signs in through the real form; an owner lands on ICP No. Application.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        if (!page.Url.Contains("/Identity/Account/Login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/Identity/Account/Login");
        }

        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await ExpectPathAsync(page, ApplicationPath);
        await Expect(page.Locator("[data-testid=signed-in-account]")).ToHaveTextAsync(email);
    }

    /// <summary>
    /// Finds the instance with the page's search form: the list is sorted by name, 20 to a page, and the seeded
    /// web-prod-* instances are on page 2.
    /// </summary>
    private static async Task SearchInstanceAsync(IPage page, string instanceId)
    {
        await page.Locator("form[role=search] #search").FillAsync(instanceId);
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await ExpectPathAsync(page, ApplicationPath, $"search={instanceId}&");
        await Expect(page.Locator($"tr[data-instance-id='{instanceId}']")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until the page is at the path (and its query has the text, from the start of a parameter). A web-first
    /// assertion that polls the URL:
    /// WaitForURLAsync, which also waits for the load event, sometimes missed that event after the sign-in redirects.
    /// </summary>
    private static Task ExpectPathAsync(IPage page, string path, string? queryParameter = null)
    {
        var query = queryParameter is null ? "" : $@"\?(.*&)?{Regex.Escape(queryParameter)}[^#]*";
        return Expect(page).ToHaveURLAsync(new Regex($"^[^?#]*{Regex.Escape(path)}{query}$"));
    }

    private static ILocator ApplyButton(IPage page, string instanceId) =>
        page.Locator($"tr[data-instance-id='{instanceId}'] a[data-apply]");

    /// <summary>On ICP No. Management after an apply: the number in the flash is the highlighted row's.</summary>
    private static async Task<string> ReadIssuedNumberAsync(IPage page, string instanceId, bool expectNewNumber = true)
    {
        await ExpectPathAsync(page, ManagementPath, "highlight=");
        var flash = page.Locator("[data-testid=flash]");
        await Expect(flash).ToBeVisibleAsync();
        if (expectNewNumber)
        {
            await Expect(flash).ToHaveClassAsync(new Regex(@"\balert-success\b"));
        }

        var flashText = await flash.InnerTextAsync();
        var number = NumberInText().Match(flashText).Value;
        Assert.True(ServiceNumberShape().IsMatch(number), $"The flash names no version-4 number: \"{flashText}\"");
        Assert.Contains(instanceId, flashText, StringComparison.Ordinal);

        var highlighted = page.Locator("tr.highlighted");
        await Expect(highlighted).ToHaveCountAsync(1);
        Assert.Equal(number, await highlighted.GetAttributeAsync("data-number"));
        await Expect(highlighted).ToContainTextAsync(instanceId);
        return number;
    }

    /// <summary>The stylesheets load under the CSP: Bootstrap's primary button and the console's own navigation.</summary>
    private static async Task AssertStyledAsync(IPage page)
    {
        await Expect(page.Locator(".console-nav")).ToHaveCSSAsync("background-color", "rgb(247, 248, 250)");
        await Expect(page.Locator("form[role=search] .btn-primary")).ToHaveCSSAsync("border-top-color", "rgb(0, 100, 200)");
    }

    private static List<IRequest> WatchApplyPosts(IPage page)
    {
        var posts = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith($"{ApplicationPath}/apply", StringComparison.Ordinal))
            {
                lock (posts)
                {
                    posts.Add(request);
                }
            }
        };
        return posts;
    }

    private Task<int> NumberCountAsync() => fixture.App.WithDbAsync(db => db.ServiceNumbers.CountAsync());

    private Task<List<string>> NumbersOfInstanceAsync(string instanceId) =>
        fixture.App.WithDbAsync(db => db.ServiceNumbers
            .Where(n => n.Instance.InstanceId == instanceId)
            .Select(n => n.Number)
            .ToListAsync());
}
