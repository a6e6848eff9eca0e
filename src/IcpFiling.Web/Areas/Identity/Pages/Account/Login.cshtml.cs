using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The console's own sign-in page (replacing Identity UI's): localized, no self-registration link unless enabled.
/// It gives nothing away: an unknown e-mail, a wrong password, a paused address and a locked account get the same
/// answer after the same work (a password hash is always checked), so neither the text nor the time tells
/// which e-mails have accounts. Repeated failures pause the client address for that account (SignInThrottle);
/// the account itself locks only after many more (Security:SignIn).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    SignInThrottle throttle,
    SignInAudit audit,
    IOptions<AccountOptions> accounts,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    public const string FailureMessage = "Invalid e-mail or password. After repeated failures, sign-in pauses for a while; try again later.";

    /// <summary>A hash of a random password, checked for unknown and refused accounts so that they cost what a real check costs.</summary>
    private static string? s_dummyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool AllowSelfRegistration => accounts.Value.AllowSelfRegistration;

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        // A checkbox sends "true" or nothing; anything else means unchecked (re-rendering a bad value would throw).
        const string rememberMe = $"{nameof(Input)}.{nameof(LoginInput.RememberMe)}";
        if (ModelState.GetFieldValidationState(rememberMe) == ModelValidationState.Invalid)
        {
            ModelState.Remove(rememberMe);
            Input.RememberMe = false;
        }

        if (!this.InputIsValid(Input))
        {
            return Page();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var users = signIn.UserManager;
        var email = Input.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        var address = RateLimiting.ClientAddress(HttpContext);
        var user = await users.FindByEmailAsync(email);

        if (user is null || user.Suspended || throttle.IsPaused(normalized, address) || await users.IsLockedOutAsync(user))
        {
            // The same cost as checking a real password, and the same answer.
            s_dummyHash ??= hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(new ApplicationUser(), s_dummyHash, Input.Password!);
            await audit.RecordAsync(user?.Id, user is null ? SignInFailure.UnknownEmail : SignInFailure.Refused, address, HttpContext.TraceIdentifier, cancellationToken);
            logger.LogWarning("Refused sign-in for {UserName} from {ClientAddress}: {Why}", email, address, user is null ? "unknown e-mail" : "paused or locked");
            return Failed();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Reset(normalized, address);
            await audit.RecordSuccessAsync(user.Id, SignInMethod.Password, address, HttpContext.TraceIdentifier, cancellationToken);
            logger.LogInformation("Account {UserName} signed in", email);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the second step (LoginWith2fa) decides. Its failures count against the account's lockout.
            throttle.Reset(normalized, address);
            return RedirectToPage("./LoginWith2fa", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null, rememberMe = Input.RememberMe });
        }

        var pausedNow = throttle.RecordFailure(normalized, address);
        await audit.RecordAsync(
            user.Id, pausedNow || result.IsLockedOut ? SignInFailure.AddressThrottled : SignInFailure.WrongPassword, address, HttpContext.TraceIdentifier, cancellationToken);
        logger.LogWarning("Failed sign-in for {UserName} from {ClientAddress}", email, address);
        return Failed();
    }

    private PageResult Failed()
    {
        ModelState.AddModelError(string.Empty, localizer[FailureMessage]);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(InputLimits.EmailMaxLength)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(InputLimits.PasswordMaxLength)]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
