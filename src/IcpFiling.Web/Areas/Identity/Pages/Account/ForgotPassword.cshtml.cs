using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Web.Admin;
using IcpFiling.Web.Admin.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Forgot password": e-mails a one-time set-password link where SMTP is configured, and says plainly where it is
/// not. The answer is the same whether or not the e-mail has an account, so the page tells nobody which do.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(AccountDirectory directory, PasswordLinks links, MailSender mail, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool MailConfigured => mail.IsConfigured;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MailConfigured || !this.InputIsValid(Input))
        {
            return Page();
        }

        var cancellationToken = HttpContext.RequestAborted;
        if (await directory.IdByEmailAsync(Input.Email!, cancellationToken) is { } accountId)
        {
            var outcome = await links.IssueAsync(Actor.Anonymous(HttpContext.TraceIdentifier), accountId, "asked for on the sign-in page", HttpContext, cancellationToken);
            if (outcome.Value is not { Mailed: true })
            {
                logger.LogWarning("Password reset for {UserName} was asked for but not sent: {Kind}", Input.Email, outcome.Kind);
            }
        }

        Sent = true;
        return Page();
    }

    public sealed class ForgotPasswordInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(InputLimits.EmailMaxLength)]
        public string? Email { get; set; }
    }
}
