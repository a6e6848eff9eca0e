using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign-out that ends the session on the server too: the account's security stamp changes, so a copy of the
/// cookie taken before sign-out fails the stamp check (Security:SecurityStampValidationInterval) and is refused.
/// Only a local return URL is followed; anything else goes home.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            logger.LogInformation("Account {UserName} signed out", user.UserName);
        }

        await signIn.SignOutAsync();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
    }
}
