using System.Text.RegularExpressions;
using IcpFiling.Testing;
using IcpFiling.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// Batch apply on ICP No. Application in a real browser: with JavaScript, the one dialog lists every checked
/// instance and its quantity (Escape and Cancel issue nothing, OK issues the batch); without JavaScript, the same
/// list on a confirmation page. Both end on the result page with the numbers.
/// </summary>
public sealed class BatchApplyBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int TestTimeoutMs = 120_000;

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task BatchApply_WithJavaScript_DialogListsBoth_EscapeCancels_OkIssues() =>
        InBrowserAsync(async page =>
        {
            var (prefix, a, b) = await AddTwoInstancesAsync("bjs");
            await SignInAsync(page, DemoAccounts.Owner, "/icp-no/application");
            await page.GotoAsync($"/icp-no/application?search={prefix}");
            var dialog = page.Locator("#confirm-dialog");
            var applySelected = page.Locator("[data-testid=apply-selected]");

            await Row(page, a).Locator("[data-testid=select]").CheckAsync();
            await Row(page, b).Locator("[data-testid=select]").CheckAsync();
            await Row(page, a).Locator("[data-testid=quantity]").FillAsync("2");
            await applySelected.ClickAsync();

            await Expect(dialog).ToBeVisibleAsync();
            var lines = dialog.Locator("[data-testid=batch-confirm-lines] tbody tr");
            await Expect(lines).ToHaveCountAsync(2);
            await Expect(dialog.Locator($"tr[data-instance-id='{a}'] [data-testid=quantity]")).ToHaveTextAsync("2");
            await Expect(dialog.Locator($"tr[data-instance-id='{b}'] [data-testid=quantity]")).ToHaveTextAsync("1");
            await Expect(dialog.Locator("[data-testid=batch-total]")).ToHaveTextAsync("3");
            await Expect(dialog.Locator("[data-confirm-title]")).Not.ToHaveTextAsync("Please confirm");
            await Expect(dialog.Locator("[data-confirm-message]")).ToContainTextAsync("quota");
            // Many numbers at once: the dialog starts on Cancel, and focus stays inside it.
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(dialog.Locator("[data-confirm-ok]")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(dialog.Locator("[data-confirm-cancel]")).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(applySelected).ToBeFocusedAsync();
            Assert.Equal(0, await CountAsync(a) + await CountAsync(b));

            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(lines).ToHaveCountAsync(2);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(new Regex("/icp-no/application/batch/[0-9a-f]{32}\\?"));
            await Expect(page.Locator($"[data-testid=batch-result] tr[data-instance-id='{a}'] a[data-number]")).ToHaveCountAsync(2);
            await Expect(page.Locator($"[data-testid=batch-result] tr[data-instance-id='{b}'] a[data-number]")).ToHaveCountAsync(1);
            Assert.Equal(2, await CountAsync(a));
            Assert.Equal(1, await CountAsync(b));

            // A refresh reads the result again and issues nothing.
            await page.ReloadAsync();
            await Expect(page.Locator("[data-testid=batch-result] a[data-number]")).ToHaveCountAsync(3);
            Assert.Equal(3, await CountAsync(a) + await CountAsync(b));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task BatchApply_WithoutJavaScript_ConfirmationPageThenResult() =>
        InBrowserAsync(async page =>
        {
            var (prefix, a, b) = await AddTwoInstancesAsync("bnj");
            await SignInAsync(page, DemoAccounts.Owner, "/icp-no/application");
            await page.GotoAsync($"/icp-no/application?search={prefix}");

            await Row(page, a).Locator("[data-testid=select]").CheckAsync();
            await Row(page, b).Locator("[data-testid=select]").CheckAsync();
            await Row(page, b).Locator("[data-testid=quantity]").FillAsync("3");
            await page.Locator("[data-testid=apply-selected]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/icp-no/application/batch\\?line="));
            await Expect(page.Locator("[data-testid=batch-confirm-lines] tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=batch-total]")).ToHaveTextAsync("4");
            Assert.Equal(0, await CountAsync(a) + await CountAsync(b));

            await page.Locator("[data-testid=batch-ok]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/icp-no/application/batch/[0-9a-f]{32}\\?"));
            await Expect(page.Locator($"[data-testid=batch-result] tr[data-instance-id='{a}'] a[data-number]")).ToHaveCountAsync(1);
            await Expect(page.Locator($"[data-testid=batch-result] tr[data-instance-id='{b}'] a[data-number]")).ToHaveCountAsync(3);
            Assert.Equal(1, await CountAsync(a));
            Assert.Equal(3, await CountAsync(b));
        }, javaScript: false);

    private static ILocator Row(IPage page, string instanceId) => page.Locator($"tr[data-instance-id='{instanceId}']");

    /// <summary>Two qualified instances of the demo owner that no other test touches.</summary>
    private async Task<(string Prefix, string A, string B)> AddTwoInstancesAsync(string tag)
    {
        var prefix = $"{tag}-{Guid.NewGuid():N}"[..14];
        var ownerId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Owner).Select(u => u.Id).SingleAsync());
        await fixture.App.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, $"{prefix}-a", DateTime.UtcNow));
            db.Instances.Add(QualifiedInstance.Build(ownerId, $"{prefix}-b", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        return (prefix, $"{prefix}-a", $"{prefix}-b");
    }

    private Task<int> CountAsync(string instanceId) =>
        fixture.App.WithDbAsync(db => db.ServiceNumbers.CountAsync(n => n.Instance.InstanceId == instanceId));

    private static async Task SignInAsync(IPage page, string email, string landing)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(landing) + "([?#].*)?$"));
    }

    private Task InBrowserAsync(Func<IPage, Task> body, bool javaScript = true, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        fixture.RunAsync(test, output, async page =>
        {
            var problems = await PageProblems.WatchAsync(page);
            await body(page);
            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        }, javaScript: javaScript);
}
