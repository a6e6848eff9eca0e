using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>New recovery codes, shown once right after they are made (they are stored hashed-like in Identity and never shown again).</summary>
public sealed class ShowRecoveryCodesModel(UserManager<ApplicationUser> users) : ManagePageModel(users)
{
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        if (TempData[TempDataKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        Codes = codes;
        return Page();
    }
}
