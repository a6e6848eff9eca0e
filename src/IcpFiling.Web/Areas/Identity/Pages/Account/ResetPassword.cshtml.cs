using System.ComponentModel.DataAnnotations;
using System.Text;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The page a set-password link opens, for an invitation and a reset alike: the link is Identity's password-reset
/// token, which expires and is spent by the password it sets (the security stamp changes). The password follows the
/// console's policy (Identity's password options).
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(
    UserManager<ApplicationUser> users, AccountProvisioningCommands commands, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string LinkInvalid = "This link does not work any more: it has expired, has been used, or was replaced by a newer one. Ask for a new one.";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    /// <summary>False when the link is malformed, expired or spent: the page says so and offers nothing to fill in.</summary>
    public bool LinkWorks { get; private set; }

    /// <summary>The account has no password yet: this is an invitation.</summary>
    public bool Invitation { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The console's password policy, to tell people before they type.</summary>
    public PasswordOptions Policy => users.Options.Password;

    public async Task OnGetAsync() => await CheckLinkAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CheckLinkAsync();
        ModelState.ClearValidationState(nameof(Input));
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, localizer[LinkInvalid]);
            return Page();
        }

        if (!TryValidateModel(Input, nameof(Input)))
        {
            return Page();
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, Input.Password!);
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var hash = users.PasswordHasher.HashPassword(user, Input.Password!);
        var outcome = await commands.SetPasswordAsync(
            new Actor(user.Id, null, HttpContext.TraceIdentifier), user.Id, hash, user.SecurityStamp, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            LinkWorks = false;
            ModelState.AddModelError(string.Empty, localizer[LinkInvalid]);
            return Page();
        }

        TempData.PutFlash(FlashKind.Success, localizer.Localize(outcome.Message!));
        return RedirectToPage("./Login");
    }

    private async Task<ApplicationUser?> CheckLinkAsync()
    {
        var user = UserId is { Length: > 0 and <= InputLimits.AccountIdMaxLength } ? await users.FindByIdAsync(UserId) : null;
        string? token = null;
        if (Code is { Length: > 0 and <= 4096 })
        {
            try
            {
                token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
            }
            catch (FormatException)
            {
                token = null;
            }
        }

        LinkWorks = user is not null && token is not null && !user.Suspended && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token);
        if (!LinkWorks)
        {
            return null;
        }

        Invitation = user!.PasswordHash is null;
        Email = user.Email;
        return user;
    }

    public sealed class ResetPasswordInput
    {
        [Required(ErrorMessage = "Enter a password.")]
        [DataType(DataType.Password)]
        [StringLength(InputLimits.PasswordMaxLength)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Enter the password again.")]
        [DataType(DataType.Password)]
        [StringLength(InputLimits.PasswordMaxLength)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string? ConfirmPassword { get; set; }
    }
}
