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
            var dialog = owner.Locator("#confirm-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await dialog.Locator("[data-confirm-ok]").ClickAsync();
            var number = await ReadIssuedNumberAsync(owner, instance);
            Assert.Equal([number], await NumbersOfInstanceAsync(instance));
        });

    [SkippableFact(Timeout = TestTimeoutMs)]
    public Task Admin_ImportsInstancesWithABadRow_SeesIt_FixesIt_AndTheOwnerSeesThem() =>
        InBrowserAsync(nameof(Admin_ImportsInstancesWithABadRow_SeesIt_FixesIt_AndTheOwnerSeesThem), async page =>
        {
            var ownerId = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Users.Where(u => u.Email == DemoAccounts.Owner2).Select(u => u.Id)));
            string Row(string id, string region) =>
                $"{id},{ownerId},ecs,导入的实例,{region},subscription,2026-11-01T00:00:00Z,12,2027-11-01T00:00:00Z,47.96.30.40,running,false,thisProvider,,1\r\n";
            const string header = "instanceId,ownerId,type,name,regionId,billing,subscriptionStartsAt,purchasedMonths,expiresAt,publicIps,status,trial,provider,orderAmount,version\r\n";
            var bad = header + Row("i-imported-browser-1", "cn-hangzhou") + Row("i-imported-browser-2", "xx-nowhere");

            await page.GotoAsync("/Identity/Account/Login");
            await page.Locator("input[name='Input.Email']").FillAsync(DemoAccounts.Admin);
            await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await ExpectPathAsync(page, "/admin");
            await page.Locator("[data-testid=admin-pages] a[href='/admin/inventory']").ClickAsync();

            await page.Locator("#kind").SelectOptionAsync("Instances");
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "instances.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(bad)).ToArray() });
            await page.Locator("#apply").CheckAsync();
            await page.Locator("[data-testid=import-submit]").ClickAsync();
            var problems = page.Locator("[data-testid=import-problems]");
            await Expect(problems).ToBeVisibleAsync();
            await Expect(problems.Locator("tr[data-line='3']")).ToContainTextAsync("regionId");
            await Screenshots.TakeAsync(page, "admin-import-refused");
            Assert.Empty(await NumbersOfInstanceAsync("i-imported-browser-1"));

            await page.Locator("#kind").SelectOptionAsync("Instances");
            await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "instances.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad.Replace("xx-nowhere", "cn-shanghai", StringComparison.Ordinal)) });
            await page.Locator("#apply").CheckAsync();
            await page.Locator("[data-testid=import-submit]").ClickAsync();
            await Expect(page.Locator("[data-testid=import-result]")).ToHaveAttributeAsync("data-created", "2");

            await using var ownerContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "en-US" });
            var owner = await ownerContext.NewPageAsync();
            await owner.GotoAsync("/Identity/Account/Login");
            await owner.Locator("input[name='Input.Email']").FillAsync(DemoAccounts.Owner2);
            await owner.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
            await owner.Locator("#login-submit").ClickAsync();
            await ExpectPathAsync(owner, ApplicationPath);
            await SearchInstanceAsync(owner, "i-imported-browser-1");
            await Expect(owner.Locator("tr[data-instance-id='i-imported-browser-1']")).ToContainTextAsync("导入的实例");
            await SearchInstanceAsync(owner, "i-imported-browser-2");
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
