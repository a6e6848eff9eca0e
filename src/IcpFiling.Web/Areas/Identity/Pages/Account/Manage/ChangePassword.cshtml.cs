using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Changing the account's password: the current one, then the new one twice. Other browsers signed in to the account are signed out.</summary>
public sealed class ChangePasswordModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : ManagePageModel(users)
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => (await CurrentAsync()).Missing ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        if (!this.InputIsValid(Input))
        {
            return Page();
        }

        var result = await Users.ChangePasswordAsync(user, Input.OldPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(PasswordInput.OldPassword) : nameof(PasswordInput.NewPassword);
                ModelState.AddModelError($"{nameof(Input)}.{field}", PasswordErrors.Describe(error, localizer));
            }

            return Page();
        }

        // The security stamp changed: this browser gets a fresh cookie, every other one is signed out at its next check.
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(user.Id, AuditActions.PasswordChanged, null, HttpContext.TraceIdentifier, HttpContext.RequestAborted);
        Flash(FlashKind.Success, localizer["Your password has been changed."]);
        return RedirectToPage();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [StringLength(InputLimits.PasswordMaxLength, ErrorMessage = "The password can be at most {1} characters long.")]
        public string? OldPassword { get; set; }

        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        [StringLength(InputLimits.PasswordMaxLength, MinimumLength = 6, ErrorMessage = "The new password must be at least {2} and at most {1} characters long.")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Enter the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match.")]
        public string? ConfirmPassword { get; set; }
    }
}

/// <summary>Identity's password refusals in the console's words (Identity's own texts are English only).</summary>
internal static class PasswordErrors
{
    public static string Describe(IdentityError error, IStringLocalizer<SharedResource> localizer) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => localizer["The current password is not right."],
        nameof(IdentityErrorDescriber.PasswordTooShort) => localizer["The new password is too short."],
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => localizer["The new password needs at least one digit (0-9)."],
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => localizer["The new password needs at least one lowercase letter (a-z)."],
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => localizer["The new password needs at least one uppercase letter (A-Z)."],
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => localizer["The new password needs at least one character that is not a letter or a digit."],
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => localizer["The new password needs more different characters."],
        _ => localizer["The password could not be changed. Please try again."],
    };
}
