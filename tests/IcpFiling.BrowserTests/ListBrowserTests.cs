using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Support;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using IcpFiling.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// The lists as a person uses them at 1280×900: every paged list can be walked to its last row by clicking its
/// pager, ICP No. Management fits the window even with a long "Restricted to" address, and the reseller's filters
/// sit on one row, in both languages.
/// </summary>
public sealed class ListBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const int TestTimeoutMs = 180_000;

    /// <summary>A mailbox long enough to have been cut to "owner2@demo.te" by the old layout.</summary>
    private const string LongEmail = "procurement-and-website-operations.team@subsidiary-of-a-long-company-name.example.test";

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    public static TheoryData<string, string, string, string> PagedLists => new()
    {
        { "owner-application", DemoAccounts.Owner, "/icp-no/application", "tr[data-instance-id]|data-instance-id" },
        { "owner-management", DemoAccounts.Owner, "/icp-no/management", "tr[data-number]|data-number" },
        { "reseller-numbers", DemoAccounts.Reseller, "/reseller/numbers", "tr[data-number]|data-number" },
        { "support-instances", DemoAccounts.Support, "/support/instances", "tr[data-instance-id]|data-instance-id" },
        { "admin-accounts", DemoAccounts.Admin, "/admin/accounts", "tr[data-account-id]|data-account-id" },
        // Audit rows have no id of their own (two sign-ins in one minute read the same), so only their count is checked.
        { "admin-audit", DemoAccounts.Admin, "/admin/audit", "tr[data-action]|" },
    };

    public async Task InitializeAsync()
    {
        if (Chromium.IsInstalled)
        {
            await SeedAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [MemberData(nameof(PagedLists))]
    public Task Pager_ClickingNextToTheEnd_ReachesEveryRowOnce(string name, string account, string path, string rows) =>
        fixture.RunAsync($"pager-{name}", output, async page =>
        {
            var (selector, attribute) = (rows.Split('|')[0], rows.Split('|')[1]);
            await SignInAsync(page, account);
            await page.GotoAsync(path);
            var total = int.Parse(await page.Locator("[data-testid=pager]").GetAttributeAsync("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(total > 20, $"{path} needs more than one page at the default size for this test ({total} rows).");

            var seen = new List<string>();
            for (var clicks = 0; ; clicks++)
            {
                Assert.True(clicks <= total, "The pager never reached a last page.");
                foreach (var row in await page.Locator(selector).AllAsync())
                {
                    seen.Add(attribute.Length > 0 ? await row.GetAttributeAsync(attribute) ?? "" : "");
                }

                var next = page.Locator("a[data-pager=next]");
                if (await next.CountAsync() == 0)
                {
                    break;
                }

                var before = page.Url;
                await next.ClickAsync();
                await Expect(page).Not.ToHaveURLAsync(before);
                await Expect(page.Locator("[data-testid=pager] [aria-current=page]")).ToHaveTextAsync((clicks + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Equal(total, seen.Count);
            if (attribute.Length > 0)
            {
                Assert.Equal(total, seen.Distinct().Count());
            }
            // On the last page, "Next" is shown but is not a link, and the first page is one click away.
            await Expect(page.Locator("[data-testid=pager] a[aria-label]").First).ToHaveTextAsync("1");
        });

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public Task Management_WithALongRestrictedEmail_FitsTheWindowWithoutCuttingText(string locale) =>
        fixture.RunAsync($"management-fits-{locale}", output, async page =>
        {
            await SignInAsync(page, DemoAccounts.Owner);
            await page.GotoAsync("/icp-no/management");
            await Expect(page.Locator("[data-testid=restricted-to]", new() { HasText = LongEmail })).ToBeVisibleAsync();

            var layout = await page.EvaluateAsync<LayoutCheck>("""
                () => {
                    const doc = document.scrollingElement;
                    const cut = [...document.querySelectorAll('table[data-testid=numbers] th, table[data-testid=numbers] td, table[data-testid=numbers] td *')]
                        .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
                        .map(el => (el.getAttribute('data-testid') || el.tagName) + ': ' + el.innerText.trim().slice(0, 60));
                    const wrapper = document.querySelector('table[data-testid=numbers]').parentElement;
                    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
                             tableScrollWidth: wrapper.scrollWidth, tableClientWidth: wrapper.clientWidth, cut: cut };
                }
                """);

            Assert.True(layout.ScrollWidth <= layout.ClientWidth, $"The page scrolls sideways: {layout.ScrollWidth} > {layout.ClientWidth}.");
            Assert.True(layout.TableScrollWidth <= layout.TableClientWidth, $"The table scrolls sideways: {layout.TableScrollWidth} > {layout.TableClientWidth}.");
            Assert.True(layout.Cut.Length == 0, "Text is cut in: " + string.Join("; ", layout.Cut));
        }, locale);

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public Task ResellerNumbers_Filters_SitOnOneRow(string locale) =>
        fixture.RunAsync($"reseller-filters-{locale}", output, async page =>
        {
            await SignInAsync(page, DemoAccounts.Reseller);
            await page.GotoAsync("/reseller/numbers");

            var tops = await page.EvaluateAsync<double[]>("""
                () => [...document.querySelectorAll('form.console-filters input:not([type=hidden]), form.console-filters select, form.console-filters button, form.console-filters a.btn')]
                    .map(el => el.offsetTop)
                """);
            var scroll = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");

            Assert.True(tops.Length >= 8, $"Expected every filter control, found {tops.Length}.");
            Assert.True(tops.Distinct().Count() == 1, "The filters wrap: controls start at " + string.Join(", ", tops));
            Assert.True(scroll[0] <= scroll[1], $"The page scrolls sideways: {scroll[0]} > {scroll[1]}.");
        }, locale);

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public Task SupportInstances_SortedByNameDescending_KeepsTheSortWhenThePagerIsClicked(string locale) =>
        fixture.RunAsync($"sort-then-page-{locale}", output, async page =>
        {
            await SignInAsync(page, DemoAccounts.Support);
            await page.GotoAsync("/support/instances");
            var header = page.Locator("th[data-sort-key=name]");

            await page.Locator("a[data-testid=sort-name]").ClickAsync();
            await Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
            await page.Locator("a[data-testid=sort-name]").ClickAsync();
            await Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
            var firstPage = await NamesAsync(page);
            await page.Locator("a[data-pager=next]").ClickAsync();
            await Expect(page.Locator("[data-testid=pager] [aria-current=page]")).ToHaveTextAsync("2");

            await Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
            Assert.Contains("sort=name", page.Url, StringComparison.Ordinal);
            Assert.Contains("dir=desc", page.Url, StringComparison.Ordinal);
            var secondPage = await NamesAsync(page);
            Assert.Equal(20, firstPage.Count);
            Assert.NotEmpty(secondPage);
            var both = firstPage.Concat(secondPage).ToList();
            Assert.True(both.Zip(both.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) >= 0),
                "Pages one and two are not one descending order of names: " + string.Join(", ", both));
        }, locale);

    private static async Task<List<string>> NamesAsync(IPage page) =>
        [.. (await page.Locator("table[data-testid=instances] tr[data-instance-id] [data-testid=name]").AllInnerTextsAsync()).Select(n => n.Trim())];

    /// <summary>A support reason as long as real ones are: it must read as lines of words, not a column of syllables.</summary>
    private const string LongReason =
        "The customer's filing documents are being checked by the compliance team; do not issue numbers until they confirm the subject name.";

    public static TheoryData<string, string> HistoryPages => new()
    {
        { "owner-activity", "en-US" },
        { "owner-activity", "zh-CN" },
        { "support-history", "en-US" },
        { "support-history", "zh-CN" },
    };

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [MemberData(nameof(HistoryPages))]
    public Task History_WithALongReason_GivesTheReasonRoomAndFitsTheWindow(string history, string locale) =>
        fixture.RunAsync($"history-fits-{history}-{locale}", output, async page =>
        {
            var ownerId = await HoldWithALongReasonAsync();
            await SignInAsync(page, history == "owner-activity" ? DemoAccounts.Owner : DemoAccounts.Support);
            await page.GotoAsync(history == "owner-activity" ? "/activity" : $"/support/accounts/{ownerId}/history");
            var reason = page.Locator("table[data-testid=history] td[data-testid=reason]", new() { HasText = LongReason }).First;
            await Expect(reason).ToBeVisibleAsync();

            var layout = await page.EvaluateAsync<HistoryLayout>("""
                (text) => {
                    const doc = document.scrollingElement;
                    const table = document.querySelector('table[data-testid=history]');
                    const cell = [...table.querySelectorAll('td[data-testid=reason]')].find(td => td.innerText.trim() === text);
                    const lineHeight = parseFloat(getComputedStyle(cell).lineHeight) || 18;
                    const cut = [...table.querySelectorAll('th, td, td *')]
                        .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
                        .map(el => (el.getAttribute('data-testid') || el.tagName) + ': ' + el.innerText.trim().slice(0, 60));
                    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
                             tableScrollWidth: table.parentElement.scrollWidth, tableClientWidth: table.parentElement.clientWidth,
                             reasonWidth: Math.round(cell.getBoundingClientRect().width),
                             reasonLines: Math.round(cell.getBoundingClientRect().height / lineHeight), cut: cut };
                }
                """, LongReason);

            var measured = $"reason {layout.ReasonWidth}px wide in {layout.ReasonLines} lines; page {layout.ScrollWidth}/{layout.ClientWidth}; table {layout.TableScrollWidth}/{layout.TableClientWidth}";
            output.WriteLine(measured);
            Assert.True(layout.ScrollWidth <= layout.ClientWidth, "The page scrolls sideways: " + measured);
            Assert.True(layout.TableScrollWidth <= layout.TableClientWidth, "The history scrolls sideways: " + measured);
            Assert.True(layout.Cut.Length == 0, "Text is cut in: " + string.Join("; ", layout.Cut));
            // About 30 characters a line at least, so a reason of 130 reads in five lines or fewer.
            Assert.True(layout.ReasonWidth >= 200, "The reason column is too narrow: " + measured);
            Assert.True(layout.ReasonLines <= 5, "The reason wraps into too many lines: " + measured);
        }, locale);

    /// <summary>Support places a hold with <see cref="LongReason"/> on an instance of the demo owner (once); returns the owner's id.</summary>
    private async Task<string> HoldWithALongReasonAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var ownerId = (await users.FindByEmailAsync(DemoAccounts.Owner))!.Id;
            if (!await fixture.App.WithDbAsync(db => db.Instances.AnyAsync(i => i.InstanceId == "i-history-fit")))
            {
                await fixture.App.WithDbAsync(async db =>
                {
                    db.Instances.Add(QualifiedInstance.Build(ownerId, "i-history-fit", DateTime.UtcNow));
                    return await db.SaveChangesAsync();
                });
                var supportId = (await users.FindByEmailAsync(DemoAccounts.Support))!.Id;
                var held = await scope.ServiceProvider.GetRequiredService<SupportCommands>()
                    .PlaceHoldAsync(Actor.Support(supportId, "history-fit"), "i-history-fit", LongReason, CancellationToken.None);
                if (!held.Succeeded)
                {
                    throw new InvalidOperationException("Seeding could not place the hold with a long reason.");
                }
            }

            return ownerId;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private sealed class HistoryLayout
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public int TableScrollWidth { get; set; }

        public int TableClientWidth { get; set; }

        public int ReasonWidth { get; set; }

        public int ReasonLines { get; set; }

        public string[] Cut { get; set; } = [];
    }

    private sealed class LayoutCheck
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public int TableScrollWidth { get; set; }

        public int TableClientWidth { get; set; }

        public string[] Cut { get; set; } = [];
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page.Locator("[data-testid=signed-in-account]")).ToHaveTextAsync(email);
    }

    /// <summary>
    /// More than a page (20 rows) in every list: instances for the demo owner, numbers issued through the issuer (which
    /// also writes audit rows), accounts, and one number restricted to an account with a long e-mail address.
    /// </summary>
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (await fixture.App.WithDbAsync(db => db.Instances.AnyAsync(i => i.InstanceId == "i-paging-01")))
            {
                return;
            }

            await using var scope = fixture.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var ownerId = (await users.FindByEmailAsync(DemoAccounts.Owner))!.Id;
            var now = DateTime.UtcNow;
            var instanceIds = Enumerable.Range(1, 21).Select(i => $"i-paging-{i:00}").ToList();
            await fixture.App.WithDbAsync(async db =>
            {
                db.Instances.AddRange(instanceIds.Select(id => QualifiedInstance.Build(ownerId, id, now)));
                return await db.SaveChangesAsync();
            });

            var issuer = scope.ServiceProvider.GetRequiredService<ServiceNumberIssuer>();
            var last = "";
            foreach (var instanceId in instanceIds.Take(6))
            {
                for (var i = 0; i < 4; i++)
                {
                    var outcome = await issuer.ApplyAsync(new ApplyRequest(ownerId, instanceId, Guid.NewGuid().ToString("N")), CancellationToken.None);
                    last = outcome.Value?.Number ?? throw new InvalidOperationException($"Seeding could not issue a number for {instanceId}.");
                }
            }

            for (var i = 1; i <= 21; i++)
            {
                var email = i == 1 ? LongEmail : $"paging-{i:00}@demo.test";
                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
                Check(await users.CreateAsync(user, DemoAccounts.Password));
                Check(await users.AddToRoleAsync(user, Roles.Owner));
            }

            var restricted = await scope.ServiceProvider.GetRequiredService<RestrictionCommands>()
                .RestrictAsync(new RestrictionRequest(ownerId, last, LongEmail), CancellationToken.None);
            if (!restricted.Succeeded)
            {
                throw new InvalidOperationException("Seeding could not restrict a number to the long e-mail address.");
            }
        }
        finally
        {
            Seeding.Release();
        }

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
