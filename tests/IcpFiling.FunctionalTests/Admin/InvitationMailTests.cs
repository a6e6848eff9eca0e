using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>Invitations and password resets sent over real SMTP (a server on loopback), read back from the received message.</summary>
public sealed class InvitationMailTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private IcpFilingWebFactory Factory => mail.Factory;

    [Fact]
    public async Task Invite_WithSmtp_EmailsALinkInTheRecipientsLanguage_WhichSetsThePasswordOnce()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var form = await admin.GetAsync("/admin/accounts/new");
        var created = await admin.PostFormAsync("/admin/accounts/new", form, new Dictionary<string, string>
        {
            ["Email"] = "zh-owner@demo.test", ["Role"] = Roles.Owner, ["Language"] = AccountLanguages.Chinese,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await admin.FollowAsync(created);
        Assert.Contains("was e-mailed to zh-owner@demo.test", page.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=link-url]"));

        var message = await mail.Smtp.WaitForAsync("zh-owner@demo.test");
        Assert.Equal("您的 ICP 备案控制台账号", message.Subject);
        Assert.Contains("设置密码", message.TextBody, StringComparison.Ordinal);
        var link = new Uri(LoopbackSmtp.LinkIn(message)).PathAndQuery;

        using var holder = ConsoleClient.Anonymous(Factory);
        var setPage = await holder.GetAsync(link);
        var set = await holder.PostFormAsync(link, setPage, new Dictionary<string, string> { ["Input.Password"] = "Owner#2026zh", ["Input.ConfirmPassword"] = "Owner#2026zh" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using var signedIn = await ConsoleClient.SignInAsync(Factory, "zh-owner@demo.test", "Owner#2026zh");
        Assert.NotNull((await holder.GetAsync(link)).QuerySelector("[data-testid=link-invalid]"));

        var id = await Factory.AccountIdAsync("zh-owner@demo.test");
        // The sign-in with the new password is recorded too.
        Assert.Equal([AuditActions.AccountAdded, AuditActions.InvitationIssued, AuditActions.PasswordSet, AuditActions.SignedIn], (await Factory.AuditAsync(id)).Select(a => a.Action));
    }

    [Fact]
    public async Task AdminPasswordReset_WithSmtp_IsEmailed_AndTheOldPasswordWorksUntilTheNewOneIsSet()
    {
        var id = await Factory.EnsureAccountAsync("reset-by-admin@demo.test", Roles.Owner);
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostOnAccountAsync(id, "password-link", [])).StatusCode);

        var message = await mail.Smtp.WaitForAsync("reset-by-admin@demo.test");
        Assert.Equal("Reset your ICP Filing console password", message.Subject);
        using var old = await ConsoleClient.SignInAsync(Factory, "reset-by-admin@demo.test");
        var link = new Uri(LoopbackSmtp.LinkIn(message)).PathAndQuery;
        using var holder = ConsoleClient.Anonymous(Factory);
        var setPage = await holder.GetAsync(link);
        Assert.Equal("Set a new password", setPage.QuerySelector("h1")!.TextContent.Trim());
        await holder.PostFormAsync(link, setPage, new Dictionary<string, string> { ["Input.Password"] = "Reset#2026ab", ["Input.ConfirmPassword"] = "Reset#2026ab" });
        using var renewed = await ConsoleClient.SignInAsync(Factory, "reset-by-admin@demo.test", "Reset#2026ab");
    }

    [Fact]
    public async Task ForgotPassword_WithSmtp_SendsALink_AndAnUnknownEmailGetsTheSameAnswerAndNoMail()
    {
        await Factory.EnsureAccountAsync("forgetful@demo.test", Roles.Owner);
        using var anonymous = ConsoleClient.Anonymous(Factory);
        var login = await anonymous.GetAsync("/Identity/Account/Login");
        Assert.Equal("/Identity/Account/ForgotPassword", login.QuerySelector("[data-testid=forgot-password]")!.GetAttribute("href"));

        var known = await Ask(anonymous, "forgetful@demo.test");
        var unknown = await Ask(anonymous, "nobody-here@demo.test");
        Assert.Equal(known, unknown);

        var message = await mail.Smtp.WaitForAsync("forgetful@demo.test");
        Assert.Contains("/Identity/Account/ResetPassword?", LoopbackSmtp.LinkIn(message), StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Smtp.Received, m => m.To.ToString().Contains("nobody-here", StringComparison.Ordinal));
    }

    private static async Task<string> Ask(ConsoleClient client, string email)
    {
        var page = await client.GetAsync("/Identity/Account/ForgotPassword");
        var answer = await ConsoleClient.ParseAsync(await client.PostFormAsync("/Identity/Account/ForgotPassword", page, new Dictionary<string, string> { ["Input.Email"] = email }));
        return answer.QuerySelector("[data-testid=sent]")!.TextContent;
    }
}

/// <summary>Without SMTP: "Forgot password" says plainly that no mail is sent; links expire.</summary>
public sealed class NoMailTests
{
    [Fact]
    public async Task ForgotPassword_WithoutSmtp_SaysNoMailIsSent_AndOffersNoForm()
    {
        await using var factory = new IcpFilingWebFactory();
        using var anonymous = ConsoleClient.Anonymous(factory);
        var page = await anonymous.GetAsync("/Identity/Account/ForgotPassword");
        Assert.Contains("does not send e-mail", page.QuerySelector("[data-testid=no-mail]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Input.Email']"));
    }

    [Fact]
    public async Task AnInvitationLink_StopsWorkingWhenItsLifetimeHasPassed()
    {
        await using var factory = new IcpFilingWebFactory { Settings = new() { ["Invitations:LinkLifetime"] = "00:00:02" } };
        using var admin = await ConsoleClient.SignInAsync(factory, DemoAccounts.Admin);
        var form = await admin.GetAsync("/admin/accounts/new");
        var shown = await ConsoleClient.ParseAsync(await admin.PostFormAsync("/admin/accounts/new", form,
            new Dictionary<string, string> { ["Email"] = "late@demo.test", ["Role"] = Roles.Owner }));
        var link = new Uri(shown.QuerySelector("[data-testid=link-url]")!.TextContent.Trim()).PathAndQuery;
        using var holder = ConsoleClient.Anonymous(factory);
        Assert.Null((await holder.GetAsync(link)).QuerySelector("[data-testid=link-invalid]"));

        await Task.Delay(TimeSpan.FromSeconds(3));

        var expired = await holder.GetAsync(link);
        Assert.NotNull(expired.QuerySelector("[data-testid=link-invalid]"));
        Assert.Null(expired.QuerySelector("input[name='Input.Password']"));
    }
}
