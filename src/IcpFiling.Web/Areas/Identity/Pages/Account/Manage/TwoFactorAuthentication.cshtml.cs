using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Two-factor sign-in with an authenticator app: whether it is on, how many recovery codes are left, and the ways to change that.</summary>
public sealed class TwoFactorAuthenticationModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> localizer) : ManagePageModel(users)
{
    /// <summary>Below this many unused recovery codes the page asks for new ones.</summary>
    public const int FewRecoveryCodes = 3;

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool BrowserRemembered { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        Enabled = await Users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = Enabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        BrowserRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        return Page();
    }

    /// <summary>This browser asks for a code again at the next sign-in.</summary>
    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        await signIn.ForgetTwoFactorClientAsync();
        Flash(FlashKind.Success, localizer["This browser will ask for a code at your next sign-in."]);
        return RedirectToPage();
    }
}
