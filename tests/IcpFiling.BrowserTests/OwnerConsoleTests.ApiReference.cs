using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>The API reference page: rendered from the OpenAPI document by our own script, within the CSP.</summary>
public sealed partial class OwnerConsoleTests
{
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task ApiReference_ListsEveryOperation_WithoutConsoleErrorsOrCspViolations() =>
        InBrowserAsync(nameof(ApiReference_ListsEveryOperation_WithoutConsoleErrorsOrCspViolations), async page =>
        {
            var problems = await PageProblems.WatchAsync(page);

            await page.GotoAsync("/api/reference");

            // Five inventory operations for the provider's systems, ten for owners' and resellers' tokens.
            await Expect(page.Locator("[data-operation]")).ToHaveCountAsync(15);
            await Expect(page.Locator("[data-operation='POST /api/v1/my/apply']")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-operation='PUT /api/v1/instances/{instanceId}']")).ToContainTextAsync("InstanceRecord");
            await Expect(page.Locator("#schema-InstanceRecord")).ToContainTextAsync("publicIps");
            await Screenshots.TakeAsync(page, "api-reference");
            Assert.True(problems.All.Count == 0, $"The page reported {problems}");
        });
}
