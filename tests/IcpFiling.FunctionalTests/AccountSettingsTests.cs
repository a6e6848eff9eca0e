using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The console's account pages: profile, password, two-factor sign-in with an authenticator app and recovery codes, recent sign-ins.</summary>
public sealed class AccountSettingsTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private const string Manage = "/Identity/Account/Manage";
    private const string Login = "/Identity/Account/Login";

    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(20000000000, "65353130")]
    public void AuthenticatorCodes_OfTheTests_MatchRfc6238TestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Rfc6238.Code("12345678901234567890"u8.ToArray(), unixSeconds, digits: 8));

    [Fact]
    public async Task TwoFactor_EndToEnd_AuthenticatorCodeThenRecoveryCodes_EachRecoveryCodeWorksOnce()
    {
        var email = $"twofactor-{Guid.NewGuid():N}@demo.test";
        await factory.EnsureAccountAsync(email, Roles.Owner);
        using var owner = await ConsoleClient.SignInAsync(factory, email);

        var setup = await owner.GetAsync($"{Manage}/EnableAuthenticator");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        var qr = await owner.Http.GetAsync(setup.QuerySelector("img[data-testid=qr-code]")!.GetAttribute("src"));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        var wrong = await owner.PostFormAsync($"{Manage}/EnableAuthenticator", setup, new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not valid", (await ConsoleClient.ParseAsync(wrong)).QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(email));

        var enabled = await owner.PostFormAsync($"{Manage}/EnableAuthenticator", setup, new Dictionary<string, string> { ["Input.Code"] = Totp(key) });
        var codesPage = await owner.FollowAsync(enabled);
        var codes = codesPage.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        Assert.True(await TwoFactorEnabledAsync(email));

        // The password alone no longer signs in: the second step asks for the app's code.
        using var withApp = ConsoleClient.Anonymous(factory);
        var step = await PasswordAsync(withApp, email);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", step, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await withApp.Http.GetAsync("/icp-no/application")).StatusCode);
        var codeForm = await withApp.GetAsync(step);
        var refused = await withApp.PostFormAsync(step, codeForm, new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var signedIn = await withApp.PostFormAsync(step, codeForm, new Dictionary<string, string> { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withApp.Http.GetAsync("/icp-no/application")).StatusCode);

        // A recovery code signs in once, typed with spaces or not; used again it is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryAsync(email, " " + codes[0] + " ")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RecoveryAsync(email, codes[0])).StatusCode);

        var signIns = (await owner.GetAsync($"{Manage}/SignIns")).QuerySelectorAll("[data-testid=sign-ins] tbody tr");
        Assert.Contains(signIns, r => r.GetAttribute("data-outcome") == "signed-in" && r.TextContent.Contains("a password and a recovery code", StringComparison.Ordinal));
        Assert.Contains(signIns, r => r.GetAttribute("data-outcome") == "signed-in" && r.TextContent.Contains("a password and an authenticator code", StringComparison.Ordinal));
        Assert.Contains(signIns, r => r.GetAttribute("data-outcome") == "refused" && r.TextContent.Contains("wrong recovery code", StringComparison.Ordinal));
        Assert.Contains(signIns, r => r.GetAttribute("data-outcome") == "refused" && r.TextContent.Contains("wrong authenticator code", StringComparison.Ordinal));

        // Turned off, the password alone signs in again.
        var off = await owner.PostFormAsync($"{Manage}/Disable2fa", await owner.GetAsync($"{Manage}/Disable2fa"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        using var again = ConsoleClient.Anonymous(factory);
        Assert.Equal("/", await PasswordAsync(again, email));
    }

    [Fact]
    public async Task GenerateRecoveryCodes_ReplacesTheOldOnes()
    {
        var email = $"recovery-{Guid.NewGuid():N}@demo.test";
        await factory.EnsureAccountAsync(email, Roles.Owner);
        using var owner = await ConsoleClient.SignInAsync(factory, email);
        var setup = await owner.GetAsync($"{Manage}/EnableAuthenticator");
        var first = await owner.FollowAsync(await owner.PostFormAsync($"{Manage}/EnableAuthenticator", setup,
            new Dictionary<string, string> { ["Input.Code"] = Totp(setup.QuerySelector("[data-testid=shared-key]")!.TextContent) }));
        var oldCode = first.QuerySelector("[data-testid=recovery-codes] code")!.TextContent;

        var generated = await owner.PostFormAsync($"{Manage}/GenerateRecoveryCodes", await owner.GetAsync($"{Manage}/GenerateRecoveryCodes"), new Dictionary<string, string>());
        var newCode = (await owner.FollowAsync(generated)).QuerySelector("[data-testid=recovery-codes] code")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, (await RecoveryAsync(email, oldCode)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryAsync(email, newCode)).StatusCode);
        // Shown once: the codes page without fresh codes goes back to the two-factor page.
        var shownAgain = await owner.Http.GetAsync($"{Manage}/ShowRecoveryCodes");
        Assert.Equal(HttpStatusCode.Redirect, shownAgain.StatusCode);
    }

    [Fact]
    public async Task Profile_ShowsTheCloudAccount_WithNoPhoneNumber()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        var profile = await owner.GetAsync(Manage);

        Assert.Equal(DemoAccounts.Owner, profile.QuerySelector("[data-testid=profile-email]")!.TextContent);
        // The reseller by e-mail, never its internal id.
        Assert.Equal(DemoAccounts.Reseller, profile.QuerySelector("[data-testid=profile-reseller]")!.TextContent);
        Assert.Null(profile.QuerySelector("input[name='Input.PhoneNumber']"));
        Assert.DoesNotContain("Phone", profile.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            ["Profile", "Password", "Two-factor sign-in", "Recent sign-ins", "API tokens"],
            profile.QuerySelectorAll("main .nav-pills a").Select(a => a.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task AccountNavigation_OffersApiTokensToOwnersAndResellersOnly()
    {
        using var support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);
        using var reseller = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var supportProfile = await support.GetAsync(Manage);
        var resellerTokens = await reseller.GetAsync("/Account/Tokens");

        Assert.Null(supportProfile.QuerySelector("[data-testid=nav-tokens]"));
        Assert.Equal("page", resellerTokens.QuerySelector("[data-testid=nav-tokens]")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("Manage/Email")]
    [InlineData("Manage/PersonalData")]
    [InlineData("Manage/DownloadPersonalData")]
    [InlineData("Manage/DeletePersonalData")]
    [InlineData("Manage/ExternalLogins")]
    [InlineData("Manage/ResetAuthenticator")]
    [InlineData("Manage/SetPassword")]
    [InlineData("ExternalLogin")]
    [InlineData("ConfirmEmailChange")]
    public async Task UnsupportedStockPages_Are404(string page)
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/Identity/Account/{page}")).StatusCode);
    }

    [Theory]
    [InlineData("LoginWith2fa")]
    [InlineData("LoginWithRecoveryCode")]
    public async Task SecondStep_WithoutThePasswordStep_GoesBackToSignIn(string page)
    {
        using var anonymous = ConsoleClient.Anonymous(factory);

        var response = await anonymous.Http.GetAsync($"/Identity/Account/{page}?returnUrl=%2Ficp-no%2Ffilings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Login, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_SaysSoBesideTheField_RightOneChangesItAndIsRecorded()
    {
        var email = $"password-{Guid.NewGuid():N}@demo.test";
        var id = await factory.EnsureAccountAsync(email, Roles.Owner);
        using var owner = await ConsoleClient.SignInAsync(factory, email);
        var form = await owner.GetAsync($"{Manage}/ChangePassword");

        var wrong = await owner.PostFormAsync($"{Manage}/ChangePassword", form, new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "not-the-password", ["Input.NewPassword"] = "Another#2026", ["Input.ConfirmPassword"] = "Another#2026",
        });
        Assert.Equal("The current password is not right.", (await ConsoleClient.ParseAsync(wrong)).QuerySelector("[data-valmsg-for='Input.OldPassword']")!.TextContent);

        var changed = await owner.PostFormAsync($"{Manage}/ChangePassword", form, new Dictionary<string, string>
        {
            ["Input.OldPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = "Another#2026", ["Input.ConfirmPassword"] = "Another#2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var fresh = await ConsoleClient.SignInAsync(factory, email, "Another#2026");
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordChanged && a.SubjectId == id)));
    }

    private async Task<HttpResponseMessage> RecoveryAsync(string email, string code)
    {
        using var client = ConsoleClient.Anonymous(factory);
        var step = await PasswordAsync(client, email);
        var recovery = step.Replace("LoginWith2fa", "LoginWithRecoveryCode", StringComparison.Ordinal);
        return await client.PostFormAsync(recovery, await client.GetAsync(recovery), new Dictionary<string, string> { ["Input.Code"] = code });
    }

    /// <summary>Posts the password; returns where the sign-in page sends the browser next.</summary>
    private static async Task<string> PasswordAsync(ConsoleClient client, string email)
    {
        var response = await client.PostFormAsync(Login, await client.GetAsync(Login),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private Task<bool> TwoFactorEnabledAsync(string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    private static string Totp(string key) => Rfc6238.CodeFor(key);
}
