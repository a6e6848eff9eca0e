using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using IcpFiling.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>ICP Filing in the browser: a filing submitted through the real New filing page.</summary>
public sealed partial class OwnerConsoleTests
{
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task NewFiling_InstancePickerTypeAhead_NarrowsTheChoiceAndKeepsWhatWasTyped() =>
        InBrowserAsync(nameof(NewFiling_InstancePickerTypeAhead_NarrowsTheChoiceAndKeepsWhatWasTyped), async page =>
        {
            // Instances of its own: other browser tests use up the demo instances' quotas.
            var ownerId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Owner).Select(u => u.Id).SingleAsync());
            await fixture.App.WithDbAsync(db =>
            {
                db.Instances.Add(QualifiedInstance.Build(ownerId, "ta-picker-1", DateTime.UtcNow));
                db.Instances.Add(QualifiedInstance.Build(ownerId, "ta-picker-2", DateTime.UtcNow));
                return db.SaveChangesAsync();
            });
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, DemoAccounts.Owner);
            await page.GotoAsync("/icp-no/filings/new");
            await page.Locator("#Domain").FillAsync("keep-me.cn");
            var before = await page.Locator("input[name=InstanceId]").CountAsync();

            await page.Locator("#instance-search").PressSequentiallyAsync("ta-picker");

            var radios = page.Locator("input[name=InstanceId]");
            await Expect(radios.First).ToHaveAttributeAsync("value", new System.Text.RegularExpressions.Regex("^ta-picker-"));
            var values = await radios.EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
            Assert.Equal(["ta-picker-1", "ta-picker-2"], values);
            Assert.True(values.Length < before, $"{values.Length} of {before} instances still listed");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/icp-no/filings/new$"));
            await Expect(page.Locator("#Domain")).ToHaveValueAsync("keep-me.cn");
            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task NewFiling_SelectingAnInstance_SubmitsAndUsesOneNumber() =>
        InBrowserAsync(nameof(NewFiling_SelectingAnInstance_SubmitsAndUsesOneNumber), async page =>
        {
            const string instance = "mkt-demo-site";
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, DemoAccounts.Owner);

            await page.Locator(".console-nav").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "ICP Filing" }).ClickAsync();
            await ExpectPathAsync(page, "/icp-no/filings");
            await page.Locator("[data-testid=new-filing]").ClickAsync();
            await page.Locator("#Domain").FillAsync("Browser-Shop.CN");
            await page.Locator("#SubjectName").FillAsync("Browser Shop Ltd.");
            await page.Locator("#method-instance").CheckAsync();
            await page.Locator($"input[name=InstanceId][value='{instance}']").CheckAsync();
            await Screenshots.TakeAsync(page, "new-filing");
            await page.Locator("[data-testid=submit-filing]").ClickAsync();

            await ExpectPathAsync(page, "/icp-no/filings", "highlight=");
            var row = page.Locator("tr.highlighted");
            await Expect(row).ToContainTextAsync("browser-shop.cn");
            await Expect(row.Locator("[data-testid=status]")).ToHaveTextAsync("Submitted");
            await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("submitted with service identification number");
            await Screenshots.TakeAsync(page, "filings");

            var numbers = await fixture.App.WithDbAsync(db => db.ServiceNumbers
                .Where(n => n.Instance.InstanceId == instance)
                .Select(n => new { n.Status, n.Channel })
                .ToListAsync());
            var only = Assert.Single(numbers);
            Assert.Equal(ServiceNumberStatus.Used, only.Status);
            Assert.Equal(IssueChannel.Filing, only.Channel);
            Assert.True(problems.All.Count == 0, $"The pages reported {problems}");
        });
}
