using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.Extensions.DependencyInjection;
using IcpFiling.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IcpFiling.BrowserTests;

/// <summary>
/// Every page of the console, as each role reaches it, in English and in Simplified Chinese: the page says in
/// <c>&lt;html lang&gt;</c> the language it is written in, a Chinese page shows no English text of the console,
/// axe-core finds no serious or critical accessibility violation, and nothing breaks the CSP. The main pages are
/// photographed into docs/screenshots (shown in the README), so the pictures are regenerated, never hand-made.
/// </summary>
public sealed partial class ConsoleTourTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int TestTimeoutMs = 240_000;

    /// <summary>A page of the tour: where to go (or how to get there), and whether it goes into the README.</summary>
    private sealed record Stop(string Name, Func<IPage, Task> Visit, bool Screenshot = false);

    [SkippableTheory(Timeout = TestTimeoutMs)]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    public Task EveryPage_InBothLanguages_IsTranslatedAccessibleAndClean(string browserLocale, string expectedLang) =>
        InBrowserAsync(browserLocale, async page =>
        {
            var problems = await PageProblems.WatchAsync(page);
            var englishKeys = UntranslatableEnglish();
            // Names people gave their instances are data, not the console's words: "docs (Cloud Web Hosting)" stays.
            var instanceNames = await fixture.App.WithDbAsync(db => db.Instances.Select(i => i.Name).Distinct().ToListAsync());
            var report = new StringBuilder();
            var failures = new List<string>();

            async Task CheckAsync(Stop stop)
            {
                await stop.Visit(page);
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", expectedLang);
                if (expectedLang != "en")
                {
                    var text = instanceNames.OrderByDescending(n => n.Length)
                        .Aggregate(await page.Locator("body").InnerTextAsync(), (all, name) => all.Replace(name, "", StringComparison.Ordinal));
                    var untranslated = englishKeys.Where(key => text.Contains(key, StringComparison.Ordinal)).ToList();
                    if (untranslated.Count > 0)
                    {
                        failures.Add($"{stop.Name} ({page.Url}) shows English: {string.Join(" | ", untranslated)}");
                    }
                }

                var axe = await page.RunAxe();
                var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
                report.AppendLine(CultureInfoInvariant($"{expectedLang,-8}{stop.Name,-28}axe: {axe.Violations.Length} violation(s), {serious.Count} serious/critical; {axe.Passes.Length} rules passed"));
                foreach (var violation in axe.Violations)
                {
                    report.AppendLine($"        {violation.Impact} {violation.Id}: {violation.Help} ({string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))})");
                }

                if (serious.Count > 0)
                {
                    failures.Add($"{stop.Name} ({page.Url}) has serious/critical axe violations: {string.Join(", ", serious.Select(v => v.Id))}");
                }

                if (stop.Screenshot)
                {
                    await SaveScreenshotAsync(page, $"{stop.Name}.{expectedLang}");
                }
            }

            foreach (var stop in Tour())
            {
                await CheckAsync(stop);
            }

            output.WriteLine(report.ToString());
            Directory.CreateDirectory(Screenshots.SharedFolder);
            await File.WriteAllTextAsync(Path.Combine(Screenshots.SharedFolder, $"axe-{expectedLang}.txt"), report.ToString());
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            // The tour visits a 404 and a 403 page on purpose; anything else the pages report is a failure.
            var unexpected = problems.All.Where(p => !p.Contains("no-such-number", StringComparison.Ordinal) && !p.Contains("403", StringComparison.Ordinal)).ToList();
            Assert.True(unexpected.Count == 0, "The pages reported: " + string.Join(Environment.NewLine, unexpected));
        });

    /// <summary>Every page, in the order a person would reach them, as each role.</summary>
    private IEnumerable<Stop> Tour()
    {
        yield return new("sign-in", page => page.GotoAsync("/Identity/Account/Login"), Screenshot: true);
        yield return new("sign-in-refused", async page =>
        {
            await page.Locator("input[name='Input.Email']").FillAsync(DemoAccounts.Owner);
            await page.Locator("input[name='Input.Password']").FillAsync("not the password");
            await page.Locator("#login-submit").ClickAsync();
            await Expect(page.Locator("main .text-danger, main .validation-summary-errors, main [role=alert]").First).ToBeVisibleAsync();
        });

        // Owner
        yield return new("application", page => SignInAsync(page, DemoAccounts.Owner, "/icp-no/application"), Screenshot: true);
        yield return new("application-dialog", async page =>
        {
            await page.Locator("a[data-apply]").First.ClickAsync();
            await Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        }, Screenshot: true);
        yield return new("application-confirm-page", async page =>
        {
            await page.Keyboard.PressAsync("Escape");
            var href = await page.Locator("a[data-apply]").First.GetAttributeAsync("href");
            await page.GotoAsync(href!);
        });
        // Batch apply on two instances of the tour's own (the demo quotas are other tests' to use up).
        var batch = $"tour-{Guid.NewGuid():N}"[..15];
        yield return new("application-batch-dialog", async page =>
        {
            await AddBatchInstancesAsync(batch);
            await page.GotoAsync($"/icp-no/application?search={batch}");
            await page.Locator("[data-testid=select]").First.CheckAsync();
            await page.Locator("[data-testid=select]").Last.CheckAsync();
            await page.Locator("[data-testid=apply-selected]").ClickAsync();
            await Expect(page.Locator("#confirm-dialog [data-testid=batch-confirm-lines]")).ToBeVisibleAsync();
        });
        yield return new("application-batch-refused", async page =>
        {
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("[data-testid=quantity]").First.FillAsync("");
            await page.Locator("[data-testid=quantity]").First.EvaluateAsync("input => input.removeAttribute('required')");
            await page.Locator("[data-testid=apply-selected]").EvaluateAsync("button => button.form.submit()");
            await Expect(page.Locator("[data-testid=errors]")).ToBeVisibleAsync();
        });
        yield return new("application-batch-confirm-page", page => page.GotoAsync($"/icp-no/application/batch?line={batch}-a:1&line={batch}-b:2"));
        yield return new("application-batch-result", async page =>
        {
            await page.Locator("[data-testid=batch-ok]").ClickAsync();
            await Expect(page.Locator("[data-testid=batch-result]")).ToBeVisibleAsync();
        });
        yield return new("application-empty", page => page.GotoAsync("/icp-no/application?search=no-such-instance-anywhere"));
        yield return new("management", page => page.GotoAsync("/icp-no/management"), Screenshot: true);
        yield return new("management-restrict", async page =>
        {
            await page.GotoAsync("/icp-no/management");
            await page.Locator("[data-testid=restrict]").First.ClickAsync();
            await Expect(page.Locator("#Email")).ToBeVisibleAsync();
        });
        yield return new("management-restrict-refused", async page =>
        {
            await page.Locator("#Email").FillAsync(DemoAccounts.Owner2);
            await page.Locator("#Note").FillAsync(new string('n', IcpFiling.Core.InputLimits.GrantNoteMaxLength + 1));
            await page.Locator("[data-testid=restrict-submit]").ClickAsync();
            await Expect(page.Locator("main [data-valmsg-for=Note]")).ToBeVisibleAsync();
        });
        yield return new("management-search-ip", page => page.GotoAsync("/icp-no/management?search=47.96."));
        yield return new("filing-new", page => page.GotoAsync("/icp-no/filings/new"), Screenshot: true);
        yield return new("filing-new-refused", async page =>
        {
            await page.Locator("#Domain").FillAsync("http://bad domain");
            await page.Locator("[data-testid=submit-filing]").ClickAsync();
            await Expect(page.Locator("main .alert-danger, main .text-danger").First).ToBeVisibleAsync();
        });
        yield return new("filings", async page =>
        {
            await page.GotoAsync("/icp-no/filings/new");
            await page.Locator("#Domain").FillAsync($"tour-{Guid.NewGuid():N}"[..20] + ".cn");
            await page.Locator("#SubjectName").FillAsync("Tour Ltd.");
            await page.Locator("#method-instance").CheckAsync();
            await page.Locator("input[name=InstanceId]").First.CheckAsync();
            await page.Locator("[data-testid=submit-filing]").ClickAsync();
            await Expect(page.Locator("tr.highlighted")).ToBeVisibleAsync();
        }, Screenshot: true);
        yield return new("filing-cancel-page", async page =>
        {
            var href = await page.Locator("tr.highlighted [data-testid=cancel-filing]").GetAttributeAsync("href");
            await page.GotoAsync(href!);
        });
        yield return new("activity", page => page.GotoAsync("/activity"), Screenshot: true);
        yield return new("account-settings", page => page.GotoAsync("/Identity/Account/Manage"), Screenshot: true);
        yield return new("account-password", page => page.GotoAsync("/Identity/Account/Manage/ChangePassword"));
        yield return new("account-password-refused", async page =>
        {
            await page.Locator("#Input_OldPassword").FillAsync("not the password");
            await page.Locator("#change-password-submit").ClickAsync();
            await Expect(page.Locator("main .field-validation-error, main [data-testid=errors]").First).ToBeVisibleAsync();
        });
        yield return new("account-two-factor-off", page => page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication"));
        yield return new("account-authenticator-setup", page => page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator"));
        yield return new("account-sign-ins", page => page.GotoAsync("/Identity/Account/Manage/SignIns"));
        yield return new("account-api-tokens", page => page.GotoAsync("/Account/Tokens"));
        yield return new("account-api-token-created", async page =>
        {
            await page.Locator("#New_Name").FillAsync($"tour-{Guid.NewGuid():N}"[..16]);
            await page.Locator("input[name='New.Scopes']").First.CheckAsync();
            await page.Locator("[data-testid=create-token]").ClickAsync();
            await Expect(page.Locator("[data-testid=shown-token]")).ToBeVisibleAsync();
        });
        yield return new("not-found", page => page.GotoAsync("/icp-no/management/no-such-number/restrict"));
        yield return new("granted-to-me-empty", page => page.GotoAsync("/icp-no/management/granted"));
        // An account another owner granted a number to, with a note (its own per language: the tour runs twice).
        yield return new("granted-to-me", async page =>
        {
            var receiver = await GrantedAccountAsync();
            await SignOutAsync(page);
            await SignInAsync(page, receiver, "/icp-no/application");
            await page.GotoAsync("/icp-no/management/granted");
            await Expect(page.Locator("[data-testid=granted] [data-testid=use]")).ToBeVisibleAsync();
        }, Screenshot: true);
        yield return new("signed-out", SignOutAsync);

        // An owner who turns on two-factor sign-in (an account of its own per language: the tour runs twice).
        var key = "";
        var twoFactorEmail = "";
        yield return new("two-factor-recovery-codes", async page =>
        {
            twoFactorEmail = $"tour-2fa-{Guid.NewGuid():N}"[..20] + "@demo.test";
            await fixture.App.EnsureAccountAsync(twoFactorEmail, IcpFiling.Core.Accounts.Roles.Owner);
            await SignInAsync(page, twoFactorEmail, "/icp-no/application");
            await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
            key = await page.Locator("main [data-testid=shared-key]").InnerTextAsync();
            await page.Locator("#Input_Code").FillAsync(Rfc6238.CodeFor(key));
            await page.Locator("#verify-authenticator-submit").ClickAsync();
            await Expect(page.Locator("main [data-testid=recovery-codes] code")).ToHaveCountAsync(10);
        });
        yield return new("two-factor-on", page => page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication"));
        yield return new("two-factor-new-recovery-codes", page => page.GotoAsync("/Identity/Account/Manage/GenerateRecoveryCodes"));
        yield return new("two-factor-turn-off", page => page.GotoAsync("/Identity/Account/Manage/Disable2fa"));
        yield return new("sign-in-second-step", async page =>
        {
            await SignOutAsync(page);
            await page.GotoAsync("/Identity/Account/Login");
            await page.Locator("input[name='Input.Email']").FillAsync(twoFactorEmail);
            await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await Expect(page.Locator("#two-factor-submit")).ToBeVisibleAsync();
        });
        yield return new("sign-in-second-step-refused", async page =>
        {
            await page.Locator("#Input_Code").FillAsync(Rfc6238.WrongCodeFor(key));
            await page.Locator("#two-factor-submit").ClickAsync();
            await Expect(page.Locator("main .field-validation-error, main [data-testid=errors]").First).ToBeVisibleAsync();
        });
        yield return new("sign-in-recovery-code", async page =>
        {
            await page.Locator("#recovery-code-login").ClickAsync();
            await Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
        });

        // Reseller
        yield return new("reseller-customers", async page =>
        {
            await SignInAsync(page, DemoAccounts.Reseller, "/reseller/numbers");
            await page.GotoAsync("/reseller/customers");
        });
        yield return new("reseller-customer-history", async page =>
        {
            await page.Locator("main a[href*='/activity']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/reseller/customers/.+/activity"));
        });
        yield return new("reseller-numbers", page => page.GotoAsync("/reseller/numbers"), Screenshot: true);
        yield return new("reseller-numbers-empty", page => page.GotoAsync("/reseller/numbers?search=no-such-number"));
        yield return new("reseller-signed-out", SignOutAsync);

        // Support
        yield return new("support-instances", page => SignInAsync(page, DemoAccounts.Support, "/support/instances"));
        yield return new("support-review", page => page.GotoAsync($"/support/instances/{DemoAccounts.PayAsYouGoEcs}"), Screenshot: true);
        yield return new("support-account-history", async page =>
        {
            await page.Locator("main a[href*='/history']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/support/accounts/.+/history"));
        });
        yield return new("forbidden", page => page.GotoAsync("/icp-no/application"));
        yield return new("support-signed-out", SignOutAsync);

        // Admin
        yield return new("admin-home", page => SignInAsync(page, DemoAccounts.Admin, "/admin"));
        yield return new("admin-accounts", page => page.GotoAsync("/admin/accounts"));
        yield return new("admin-account", async page =>
        {
            await page.Locator("main table a[href^='/admin/accounts/']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin/accounts/.+"));
        });
        yield return new("admin-api-clients", page => page.GotoAsync("/admin/api-clients"));
        yield return new("admin-inventory", page => page.GotoAsync("/admin/inventory"));
        yield return new("admin-audit", page => page.GotoAsync("/admin/audit"));
        yield return new("admin-configuration", page => page.GotoAsync("/admin/configuration"));
    }

    /// <summary>
    /// English texts of the console that must never show on a Chinese page: every translated key of two or more
    /// words (one-word keys such as "OK" or "ICP" are also product names or appear inside ids), split at its
    /// placeholders, keeping the pieces long enough not to occur by chance in data.
    /// </summary>
    private static IReadOnlyList<string> UntranslatableEnglish() =>
        [.. RepositoryFiles.TranslatedKeys()
            .SelectMany(key => Placeholder().Split(key))
            .Select(piece => piece.Trim(' ', '(', ')', ':', ',', '.', ';', '/'))
            .Where(piece => piece.Length >= 10 && piece.Contains(' ', StringComparison.Ordinal))
            .Distinct()];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A new owner account with one unused number another new owner restricted to it, with a note; its e-mail.</summary>
    private async Task<string> GrantedAccountAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var giver = await fixture.App.EnsureAccountAsync($"tour-giver-{tag}@demo.test", IcpFiling.Core.Accounts.Roles.Owner);
        var receiver = $"tour-granted-{tag}@demo.test";
        await fixture.App.EnsureAccountAsync(receiver, IcpFiling.Core.Accounts.Roles.Owner);
        await fixture.App.WithDbAsync(async db =>
        {
            db.Instances.Add(IcpFiling.Tests.Shared.QualifiedInstance.Build(giver, $"i-tour-{tag}", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ServiceNumberIssuer>()
            .ApplyAsync(new ApplyRequest(giver, $"i-tour-{tag}", Guid.NewGuid().ToString("N")), CancellationToken.None);
        var restricted = await scope.ServiceProvider.GetRequiredService<RestrictionCommands>().RestrictAsync(
            new RestrictionRequest(giver, issued.Value!.Number, receiver, Note: "For the shop website"), CancellationToken.None);
        Assert.Equal(IcpFiling.Core.Changes.OutcomeKind.Done, restricted.Kind);
        return receiver;
    }

    /// <summary>Two qualified instances of the demo owner, <paramref name="prefix"/>-a and -b, for the batch apply stops.</summary>
    private async Task AddBatchInstancesAsync(string prefix)
    {
        var ownerId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Owner).Select(u => u.Id).SingleAsync());
        await fixture.App.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, $"{prefix}-a", DateTime.UtcNow));
            db.Instances.Add(QualifiedInstance.Build(ownerId, $"{prefix}-b", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
    }

    private static async Task SignInAsync(IPage page, string email, string landing)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(landing) + "([?#].*)?$"));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator("header form[action*='Logout'] button").ClickAsync();
        await Expect(page.Locator("#login-submit, main a[href*='Login']").First).ToBeVisibleAsync();
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var path = await Screenshots.TakeAsync(page, name, fullPage: false);
        Directory.CreateDirectory(RepositoryFiles.ScreenshotFolder);
        File.Copy(path, Path.Combine(RepositoryFiles.ScreenshotFolder, name + ".png"), overwrite: true);
    }

    private Task InBrowserAsync(string locale, Func<IPage, Task> body) => fixture.RunAsync($"tour-{locale}", output, body, locale);
}
