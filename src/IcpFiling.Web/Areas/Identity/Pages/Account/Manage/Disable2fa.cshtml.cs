using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Turning two-factor sign-in off. The authenticator key is replaced too, so turning it on again means scanning a new
/// QR code: a key copied while it was on is worth nothing afterwards.
/// </summary>
public sealed class Disable2faModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : ManagePageModel(users)
{
    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        return await Users.GetTwoFactorEnabledAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            await Users.SetTwoFactorEnabledAsync(user, false);
            await Users.ResetAuthenticatorKeyAsync(user);
            await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await signIn.ForgetTwoFactorClientAsync();
            await signIn.RefreshSignInAsync(user);
            await audit.RecordAsync(user.Id, AuditActions.TwoFactorDisabled, null, HttpContext.TraceIdentifier, HttpContext.RequestAborted);
        }

        Flash(FlashKind.Success, localizer["Two-factor sign-in is off. Signing in takes your password only."]);
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
