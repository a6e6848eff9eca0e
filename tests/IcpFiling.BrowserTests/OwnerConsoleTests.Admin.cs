using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>The administrators' console in the browser (issue 10): an invitation followed all the way to a first number.</summary>
public sealed partial class OwnerConsoleTests
{
    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Admin_InvitesAnOwner_WhoSetsAPasswordSignsInAndApplies() =>
        InBrowserAsync(nameof(Admin_InvitesAnOwner_WhoSetsAPasswordSignsInAndApplies), async page =>
        {
            const string email = "invited-owner@demo.test";
            const string accountId = "acct-invited-browser";
            const string instance = "i-invited-browser-ecs";
            const string password = "Invited#2026b";

            await page.GotoAsync("/Identity/Account/Login");
            await page.Locator("input[name='Input.Email']").FillAsync(DemoAccounts.Admin);
            await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await ExpectPathAsync(page, "/admin");
            await Screenshots.TakeAsync(page, "admin-start");

            await page.Locator("[data-testid=admin-pages] a[href='/admin/accounts/new']").ClickAsync();
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#Role").SelectOptionAsync("Owner");
            await page.Locator("#AccountId").FillAsync(accountId);
            await page.Locator("[data-testid=new-account] button[type=submit]").ClickAsync();
            var link = page.Locator("[data-testid=link-url]");
            await Expect(link).ToBeVisibleAsync();
            await Screenshots.TakeAsync(page, "admin-invitation-link");
            var url = (await link.InnerTextAsync()).Trim();

            // The provider's systems report the owner's instance.
            await AddQualifiedInstanceAsync(accountId, instance);

            // The owner, in a browser of their own.
            await using var ownerContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "en-US" });
            var owner = await ownerContext.NewPageAsync();
            await owner.GotoAsync(new Uri(url).PathAndQuery);
            await Expect(owner.Locator("h1")).ToHaveTextAsync("Set your password");
            await owner.Locator("input[name='Input.Password']").FillAsync(password);
            await owner.Locator("input[name='Input.ConfirmPassword']").FillAsync(password);
            await owner.Locator("[data-testid=set-password]").ClickAsync();
            await ExpectPathAsync(owner, "/Identity/Account/Login");
            await Expect(owner.Locator("[data-testid=flash]")).ToContainTextAsync("Your password is set");

            await owner.Locator("input[name='Input.Email']").FillAsync(email);
            await owner.Locator("input[name='Input.Password']").FillAsync(password);
            await owner.Locator("#login-submit").ClickAsync();
            await ExpectPathAsync(owner, ApplicationPath);

            await SearchInstanceAsync(owner, instance);
            await ApplyButton(owner, instance).ClickAsync();
            var dialog = owner.Locator("#apply-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await dialog.Locator("[data-apply-ok]").ClickAsync();
            var number = await ReadIssuedNumberAsync(owner, instance);
            Assert.Equal([number], await NumbersOfInstanceAsync(instance));
        });

    private async Task AddQualifiedInstanceAsync(string ownerId, string instanceId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var now = DateTime.UtcNow;
        var outcome = await scope.ServiceProvider.GetRequiredService<InventoryCommands>().ApplyAsync(Actor.System,
        [
            new InventoryItem(Instance: new InstanceRecord
            {
                InstanceId = instanceId, OwnerId = ownerId, Type = InstanceType.Ecs, Name = "invited-web", RegionId = "cn-hangzhou",
                Billing = BillingMethod.Subscription, SubscriptionStartsAt = now.AddDays(-7), PurchasedMonths = 12, ExpiresAt = now.AddMonths(12),
                PublicIps = ["47.96.10.20"], Status = InstanceStatus.Running, Version = 1,
            }),
        ], CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message.ToEnglish())));
    }
}
