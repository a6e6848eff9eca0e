using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Account settings' profile page, in place of Identity UI's: the same fields, but the phone number is bounded
/// (the stock page stores any length) and the texts are the console's.
/// </summary>
public sealed class IndexModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string? Username { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Username = user.UserName;
        Input = new ProfileInput { PhoneNumber = user.PhoneNumber };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Username = user.UserName;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var phone = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim();
        if (phone != user.PhoneNumber && !(await users.SetPhoneNumberAsync(user, phone)).Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer["The phone number could not be saved. Please try again."]);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = localizer["Your profile has been updated."];
        return RedirectToPage();
    }

    public sealed class ProfileInput
    {
        [Phone(ErrorMessage = "Enter a valid phone number.")]
        [StringLength(InputLimits.PhoneNumberMaxLength, ErrorMessage = "Enter a valid phone number.")]
        public string? PhoneNumber { get; set; }
    }
}
