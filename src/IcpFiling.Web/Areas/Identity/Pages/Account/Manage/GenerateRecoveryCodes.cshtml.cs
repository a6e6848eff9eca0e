using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>New recovery codes in place of the old ones (which stop working), for an account with two-factor sign-in on.</summary>
public sealed class GenerateRecoveryCodesModel(UserManager<ApplicationUser> users, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : ManagePageModel(users)
{
    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        return await Users.GetTwoFactorEnabledAsync(user) ? Page() : NotOn();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return NotOn();
        }

        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnableAuthenticatorModel.RecoveryCodeCount);
        await audit.RecordAsync(user.Id, AuditActions.RecoveryCodesGenerated, null, HttpContext.TraceIdentifier, HttpContext.RequestAborted);
        TempData[ShowRecoveryCodesModel.TempDataKey] = codes!.ToArray();
        Flash(FlashKind.Success, localizer["New recovery codes are made; the old ones no longer work."]);
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private RedirectToPageResult NotOn()
    {
        Flash(FlashKind.Error, localizer["Recovery codes come with two-factor sign-in: set up an authenticator app first."]);
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
