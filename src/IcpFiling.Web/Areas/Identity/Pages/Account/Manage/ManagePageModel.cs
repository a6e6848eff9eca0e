using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>An account settings page: about the signed-in account, which must still exist.</summary>
public abstract class ManagePageModel(UserManager<ApplicationUser> users) : PageModel
{
    protected UserManager<ApplicationUser> Users => users;

    /// <summary>The signed-in account, or a 404 when it is gone (a cookie that outlived its account).</summary>
    protected async Task<(ApplicationUser? User, IActionResult? Missing)> CurrentAsync() =>
        await users.GetUserAsync(User) is { } user ? (user, null) : (null, NotFound());

    protected void Flash(FlashKind kind, string message) => TempData.PutFlash(kind, message);
}
