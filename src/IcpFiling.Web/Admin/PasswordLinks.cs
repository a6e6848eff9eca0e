using System.Globalization;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Web.Admin.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Admin;

/// <summary>Section <c>Invitations</c>: how long a set-password link (invitation or reset) works.</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Invitations";

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(72);
}

/// <summary>A link made: e-mailed, or (no SMTP, or the server refused it) to be shown once to whoever asked.</summary>
public sealed record IssuedLink(PasswordLinkTarget Target, string Url, DateTime ExpiresAt, bool Mailed);

/// <summary>
/// Set-password links: Identity's password-reset token, made under the account's security stamp, so it expires after
/// <see cref="InvitationOptions.LinkLifetime"/> and is spent by the password it sets. E-mailed in the recipient's
/// language when SMTP is configured.
/// </summary>
public sealed class PasswordLinks(
    AccountProvisioningCommands commands,
    UserManager<ApplicationUser> users,
    MailSender mail,
    IStringLocalizer<SharedResource> localizer,
    LinkGenerator links,
    IOptions<InvitationOptions> options,
    TimeProvider time)
{
    public async Task<Outcome<IssuedLink>> IssueAsync(Actor actor, string accountId, string how, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var outcome = await commands.IssuePasswordLinkAsync(actor, accountId, how, cancellationToken);
        if (outcome is not { Kind: OutcomeKind.Done, Value: { } target })
        {
            return outcome.Failure<IssuedLink>();
        }

        var user = await users.FindByIdAsync(target.AccountId) ?? throw new InvalidOperationException("The account was just found.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = links.GetUriByPage(http, "/Account/ResetPassword", handler: null, values: new
        {
            area = "Identity",
            userId = target.AccountId,
            code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)),
        }) ?? throw new InvalidOperationException("The set-password page has no route.");
        var expiresAt = time.GetUtcNow().UtcDateTime + options.Value.LinkLifetime;
        var mailed = mail.IsConfigured && await mail.SendAsync(Compose(target, url), cancellationToken);
        return Outcome.Done(new IssuedLink(target, url, expiresAt, mailed), outcome.Message!);
    }

    /// <summary>The message in the recipient's language, whatever the language of the page that sent it.</summary>
    private MailMessage Compose(PasswordLinkTarget target, string url)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(target.Language);
        try
        {
            var hours = (int)Math.Round(options.Value.LinkLifetime.TotalHours);
            return target.Invitation
                ? new MailMessage(target.Email, localizer["Your ICP Filing console account"],
                    localizer["An account for {0} has been created on the ICP Filing console. Set your password with this link (it works once, for {1} hours):", target.Email, hours]
                    + "\n\n" + url + "\n\n" + localizer["If you did not expect this message, ignore it."])
                : new MailMessage(target.Email, localizer["Reset your ICP Filing console password"],
                    localizer["Someone asked to reset the password of {0} on the ICP Filing console. Set a new password with this link (it works once, for {1} hours):", target.Email, hours]
                    + "\n\n" + url + "\n\n" + localizer["If you did not ask for this, ignore this message: your password stays as it is."]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
