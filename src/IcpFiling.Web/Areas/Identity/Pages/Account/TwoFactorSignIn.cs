using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The second step of a sign-in for an account with two-factor sign-in on: the password was right (Identity keeps the
/// account in its two-factor cookie), now a code from the authenticator app or a recovery code. Without that first
/// step the page sends the visitor back to the sign-in page. A wrong code is recorded and counts towards the account's lockout.
/// </summary>
public abstract class TwoFactorSignInModel(SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string? ReturnUrl { get; private set; }

    public bool RememberMe { get; private set; }

    protected SignInManager<ApplicationUser> Manager => signIn;

    public async Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl)
    {
        Remember(rememberMe, returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToSignIn() : Page();
    }

    /// <summary>The second step: <c>input</c> (the page's form) is validated here even when nothing was posted, which model binding skips.</summary>
    protected async Task<IActionResult> SignInWithCodeAsync(
        object input, string code, SignInMethod method, SignInFailure failure, Func<string, Task<Microsoft.AspNetCore.Identity.SignInResult>> signInWith, bool rememberMe, string? returnUrl)
    {
        Remember(rememberMe, returnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return BackToSignIn();
        }

        if (!this.InputIsValid(input))
        {
            return Page();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var address = RateLimiting.ClientAddress(HttpContext);
        // People type codes with the spaces the app shows (recovery codes keep their hyphen: Identity stores them so).
        var typed = code.Replace(" ", "", StringComparison.Ordinal);
        var result = await signInWith(method == SignInMethod.RecoveryCode ? typed : typed.Replace("-", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            await audit.RecordSuccessAsync(user.Id, method, address, HttpContext.TraceIdentifier, cancellationToken);
            return LocalRedirect(ReturnUrl ?? Url.Content("~/"));
        }

        await audit.RecordAsync(user.Id, result.IsLockedOut ? SignInFailure.Refused : failure, address, HttpContext.TraceIdentifier, cancellationToken);
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? localizer[LoginModel.FailureMessage]
            : localizer[method == SignInMethod.RecoveryCode ? "That recovery code is not valid or was used before." : "That code is not valid. Enter the current code from your authenticator app."]);
        return Page();
    }

    private void Remember(bool rememberMe, string? returnUrl)
    {
        RememberMe = rememberMe;
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
    }

    private RedirectToPageResult BackToSignIn() => RedirectToPage("./Login", new { returnUrl = ReturnUrl });
}

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : TwoFactorSignInModel(signIn, audit, localizer)
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl)
    {
        // A checkbox sends "true" or nothing; anything else means unchecked.
        const string rememberMachine = $"{nameof(Input)}.{nameof(CodeInput.RememberMachine)}";
        if (ModelState.GetFieldValidationState(rememberMachine) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.Remove(rememberMachine);
            Input.RememberMachine = false;
        }

        return SignInWithCodeAsync(Input, Input.Code ?? "", SignInMethod.AuthenticatorApp, SignInFailure.WrongAuthenticatorCode,
            code => Manager.TwoFactorAuthenticatorSignInAsync(code, rememberMe, Input.RememberMachine), rememberMe, returnUrl);
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app.")]
        [StringLength(InputLimits.AuthenticatorCodeMaxLength, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        public string? Code { get; set; }

        public bool RememberMachine { get; set; }
    }
}

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<ApplicationUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer)
    : TwoFactorSignInModel(signIn, audit, localizer)
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl) =>
        SignInWithCodeAsync(Input, Input.Code ?? "", SignInMethod.RecoveryCode, SignInFailure.WrongRecoveryCode,
            code => Manager.TwoFactorRecoveryCodeSignInAsync(code), rememberMe, returnUrl);

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(InputLimits.RecoveryCodeMaxLength, ErrorMessage = "Enter one of your recovery codes.")]
        public string? Code { get; set; }
    }
}
