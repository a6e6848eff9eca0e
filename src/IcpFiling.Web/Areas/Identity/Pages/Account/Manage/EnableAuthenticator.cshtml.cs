using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Setting up (or moving) the authenticator app: the key as a QR code and as text, then one code from the app to prove
/// it works. Only then is two-factor sign-in switched on; the first time, recovery codes are made and shown once.
/// The QR code is a PNG from this page's QrCode handler: the strict Content-Security-Policy allows no inline script or style.
/// </summary>
public sealed class EnableAuthenticatorModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : ManagePageModel(users)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The name authenticator apps show above the code.</summary>
    private const string Issuer = "ICP Filing Console";

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(user, key), QRCodeGenerator.ECCLevel.Q);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(5), "image/png");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        if (!this.InputIsValid(Input))
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", localizer["That code is not valid. Enter the current code from your authenticator app."]);
            await LoadKeyAsync(user);
            return Page();
        }

        // Identity's changes first, the audit rows last: the change runner starts its unit from a clean change tracker.
        await Users.SetTwoFactorEnabledAsync(user, true);
        var codes = await Users.CountRecoveryCodesAsync(user) == 0
            ? (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToArray()
            : null;
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(user.Id, AuditActions.TwoFactorEnabled, "with=AuthenticatorApp", HttpContext.TraceIdentifier, HttpContext.RequestAborted);
        if (codes is not null)
        {
            await audit.RecordAsync(user.Id, AuditActions.RecoveryCodesGenerated, null, HttpContext.TraceIdentifier, HttpContext.RequestAborted);
            TempData[ShowRecoveryCodesModel.TempDataKey] = codes;
            Flash(FlashKind.Success, localizer["Two-factor sign-in is on. Save your recovery codes now."]);
            return RedirectToPage("./ShowRecoveryCodes");
        }

        Flash(FlashKind.Success, localizer["Your authenticator app is verified. Signing in now asks for its code."]);
        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadKeyAsync(ApplicationUser user)
    {
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: refresh this browser's cookie so it stays signed in.
            await Users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = Grouped(key);
        AuthenticatorUri = Uri(user, key);
    }

    private static string Uri(ApplicationUser user, string key) => string.Format(
        CultureInfo.InvariantCulture,
        "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
        System.Uri.EscapeDataString(Issuer),
        System.Uri.EscapeDataString(user.Email ?? user.UserName ?? ""),
        key);

    /// <summary>The key in groups of four, lower case, as people type it into an app.</summary>
    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app.")]
        [StringLength(InputLimits.AuthenticatorCodeMaxLength, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        public string? Code { get; set; }
    }
}
