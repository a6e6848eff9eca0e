using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Persistence;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The console's own sign-in page (replacing Identity UI's): localized, no self-registration link unless
/// enabled, and lockout after repeated failures.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    IOptions<AccountOptions> accounts,
    IStringLocalizer<SharedResource> localizer,
    IcpFilingDbContext db,
    TimeProvider time,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool AllowSelfRegistration => accounts.Value.AllowSelfRegistration;

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Account {UserName} signed in", Input.Email);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
        }

        await AuditFailureAsync(result.IsLockedOut);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserName} is locked out", Input.Email);
            ModelState.AddModelError(string.Empty, localizer["This account is locked after too many failed sign-ins. Try again later."]);
        }
        else
        {
            logger.LogWarning("Failed sign-in for {UserName}", Input.Email);
            ModelState.AddModelError(string.Empty, localizer["Invalid e-mail or password."]);
        }

        return Page();
    }

    /// <summary>Records the failed sign-in (never the password) against the account when the e-mail is known.</summary>
    private async Task AuditFailureAsync(bool lockedOut)
    {
        var email = Input.Email!.Trim();
        var normalized = signIn.UserManager.NormalizeEmail(email);
        var accountId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = accountId ?? "anonymous",
            Action = lockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed,
            SubjectType = AuditSubjects.Account,
            SubjectId = accountId ?? "unknown",
            Detail = accountId is null ? $"no account has the e-mail {email}" : lockedOut ? "account locked out" : "wrong password",
            CorrelationId = HttpContext.TraceIdentifier,
        });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(256)]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
