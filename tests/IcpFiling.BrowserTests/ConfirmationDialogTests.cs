using System.Text.RegularExpressions;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// The one confirmation dialog, used with the mouse and with the keyboard for every irreversible action: Apply,
/// Cancel filing, Remove this service provider and support's Void. Escape and Cancel change nothing; focus stays
/// inside the dialog; a destructive action starts on the safe choice.
/// </summary>
public sealed class ConfirmationDialogTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int TestTimeoutMs = 120_000;

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task CancelFiling_WithTheMouse_AsksFirst_AndCancelChangesNothing() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, DemoAccounts.Owner, "/icp-no/application");
            var (id, row) = await NewFilingAsync(page);
            var dialog = page.Locator("#confirm-dialog");

            await row.Locator("[data-testid=cancel-filing]").ClickAsync();
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("stays used and can never be used again");
            // The safe choice is not called "Cancel" beside "Cancel filing": the two cannot be confused.
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToHaveTextAsync("Keep the filing");
            await Expect(dialog.Locator("[data-confirm-ok]")).ToHaveTextAsync("Cancel filing");
            await dialog.Locator("[data-confirm-cancel]").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Equal(FilingStatus.Submitted, await FilingStatusAsync(id));

            await row.Locator("[data-testid=cancel-filing]").ClickAsync();
            await dialog.Locator("[data-confirm-ok]").ClickAsync();
            await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("The filing was cancelled.");
            Assert.Equal(FilingStatus.Cancelled, await FilingStatusAsync(id));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task RemoveProvider_WithTheKeyboard_StartsOnCancel_TrapsFocus_EscapeCancels() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, DemoAccounts.Owner, "/icp-no/application");
            var (id, row) = await NewFilingAsync(page);
            var dialog = page.Locator("#confirm-dialog");
            var remove = row.Locator("[data-testid=remove-provider]");

            await remove.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToBeFocusedAsync();
            await Expect(dialog).ToContainTextAsync("no longer names this provider");

            // Tab goes to OK, and from the last control back to the first: focus never leaves the dialog.
            await page.Keyboard.PressAsync("Tab");
            await Expect(dialog.Locator("[data-confirm-ok]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            await Expect(dialog.Locator("[data-confirm-ok]")).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(remove).ToBeFocusedAsync();
            Assert.Equal(FilingStatus.Submitted, await FilingStatusAsync(id));

            // Enter on the dialog's first control is Cancel: nothing happens by accident.
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Equal(FilingStatus.Submitted, await FilingStatusAsync(id));

            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("This service provider was removed from the filing.");
            Assert.Equal(FilingStatus.ProviderRemoved, await FilingStatusAsync(id));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Apply_WithTheKeyboard_StartsOnOk_EscapeIssuesNothing() =>
        InBrowserAsync(async page =>
        {
            const string instance = "ipv6-demo-gw";
            await SignInAsync(page, DemoAccounts.Owner, "/icp-no/application");
            await page.GotoAsync($"/icp-no/application?search={instance}");
            var dialog = page.Locator("#confirm-dialog");
            var apply = page.Locator($"tr[data-instance-id='{instance}'] a[data-apply]");

            await apply.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("[data-confirm-ok]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Empty(await NumbersOfAsync(instance));

            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog.Locator("[data-confirm-ok]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("/icp-no/management\\?highlight="));
            Assert.Single(await NumbersOfAsync(instance));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Void_AsksBeforeMakingTheNumberInvalid() =>
        InBrowserAsync(async page =>
        {
            var number = await fixture.App.WithDbAsync(db => db.ServiceNumbers
                .Where(n => n.Instance.InstanceId == DemoAccounts.QuotaFullEcs && n.Status == ServiceNumberStatus.Unused)
                .Select(n => n.Number).FirstAsync());
            await SignInAsync(page, DemoAccounts.Support, "/support/instances");
            await page.GotoAsync($"/support/instances/{DemoAccounts.QuotaFullEcs}");
            var row = page.Locator($"tr[data-number='{number}']");
            var dialog = page.Locator("#confirm-dialog");
            await row.Locator("input[name='Void.Reason']").FillAsync("Leaked in a public forum");

            await row.Locator("button[type=submit]").ClickAsync();
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync(number);
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Equal(ServiceNumberStatus.Unused, await NumberStatusAsync(number));

            await row.Locator("button[type=submit]").ClickAsync();
            await dialog.Locator("[data-confirm-ok]").ClickAsync();
            await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync($"Number {number} is void");
            Assert.Equal(ServiceNumberStatus.Invalid, await NumberStatusAsync(number));
        });

    private async Task<(long Id, ILocator Row)> NewFilingAsync(IPage page)
    {
        var domain = $"dialog-{Guid.NewGuid():N}"[..22] + ".cn";
        await page.GotoAsync("/icp-no/filings/new");
        await page.Locator("#Domain").FillAsync(domain);
        await page.Locator("#SubjectName").FillAsync("Dialog Ltd.");
        await page.Locator("#method-instance").CheckAsync();
        await page.Locator("input[name=InstanceId]").First.CheckAsync();
        await page.Locator("[data-testid=submit-filing]").ClickAsync();
        var row = page.Locator("tr.highlighted");
        await Expect(row).ToContainTextAsync(domain);
        var id = long.Parse((await row.GetAttributeAsync("data-filing-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        return (id, row);
    }

    private Task<FilingStatus> FilingStatusAsync(long id) =>
        fixture.App.WithDbAsync(db => db.Filings.Where(f => f.Id == id).Select(f => f.Status).SingleAsync());

    private Task<ServiceNumberStatus> NumberStatusAsync(string number) =>
        fixture.App.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Status).SingleAsync());

    private Task<List<string>> NumbersOfAsync(string instance) =>
        fixture.App.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Instance.InstanceId == instance).Select(n => n.Number).ToListAsync());

    private static async Task SignInAsync(IPage page, string email, string landing)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(landing) + "([?#].*)?$"));
    }

    private Task InBrowserAsync(Func<IPage, Task> body, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        fixture.RunAsync(test, output, async page =>
        {
            var problems = await PageProblems.WatchAsync(page);
            await body(page);
            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });
}
