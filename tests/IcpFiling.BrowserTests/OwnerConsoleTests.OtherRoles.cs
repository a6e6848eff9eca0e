using IcpFiling.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>The reseller's and support staff's pages in the browser: rendered, styled, and within the CSP.</summary>
public sealed partial class OwnerConsoleTests
{
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task SupportAndResellerPages_HaveNoConsoleErrorsOrCspViolations() =>
        InBrowserAsync(nameof(SupportAndResellerPages_HaveNoConsoleErrorsOrCspViolations), async page =>
        {
            var problems = await PageProblems.WatchAsync(page);

            await SignInAsAsync(page, DemoAccounts.Support, "/support/instances");
            await page.GotoAsync($"/support/instances/{DemoAccounts.PayAsYouGoEcs}");
            await Expect(page.Locator("main")).ToContainTextAsync("Pay-as-you-go instances are not supported.");
            await Screenshots.TakeAsync(page, "support-review");
            await page.Locator("form[action$='/logout' i] button, form[action*='Logout'] button").First.ClickAsync();

            await SignInAsAsync(page, DemoAccounts.Reseller, "/reseller/numbers");
            await Expect(page.Locator("main")).ToContainTextAsync(DemoAccounts.Owner2);
            await Screenshots.TakeAsync(page, "reseller-numbers");
            await page.GotoAsync("/reseller/customers");
            await Expect(page.Locator("main")).ToContainTextAsync(DemoAccounts.Owner);

            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    private static async Task SignInAsAsync(IPage page, string email, string landing)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await ExpectPathAsync(page, landing);
    }
}
