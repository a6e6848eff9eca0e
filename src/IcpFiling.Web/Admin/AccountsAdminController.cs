using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Paging;
using IcpFiling.Web.Activity;
using IcpFiling.Web.Admin.Mail;
using IcpFiling.Web.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Admin;

/// <summary>
/// Administrators' accounts: find any account, create staff and owner accounts, and change, link, lock, sign out
/// or reset them; each with its audit row, and a reason wherever something is removed or blocked.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/accounts")]
public sealed class AccountsAdminController(
    AccountDirectory directory,
    AccountCommands commands,
    PasswordLinks passwordLinks,
    MailSender mail,
    AuditHistoryQuery history,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string View_ = "~/Views/Admin/";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AccountSearchQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new AccountSearchQuery();
        var page = await directory.SearchAsync(query.Search, query.Role, query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(View_ + "Accounts.cshtml", new AccountsPageModel(query, page));
    }

    [HttpGet("new")]
    public IActionResult New() => View(View_ + "NewAccount.cshtml", new NewAccountForm { Role = Roles.Owner });

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewAccountForm form, CancellationToken cancellationToken)
    {
        var showForm = () => Task.FromResult<IActionResult>(View(View_ + "NewAccount.cshtml", form));
        if (!ModelState.IsValid)
        {
            return await showForm();
        }

        var outcome = await commands.CreateAsync(Actor, new NewAccount(form.Email, form.DisplayName, form.Role, form.AccountId, form.ResellerEmail, form.Language), cancellationToken);
        return outcome is { Kind: OutcomeKind.Done, Value: { } id }
            ? await InviteAsync(id, localizer["Account {0} was created.", form.Email!.Trim()], cancellationToken)
            : await this.FormResultAsync(outcome, id => RedirectToAction(nameof(Account), new { accountId = id }), showForm);
    }

    [HttpGet("{accountId}")]
    public Task<IActionResult> Account(string accountId, int? page, CancellationToken cancellationToken) =>
        AccountPageAsync(accountId, page, new AccountForms(), link: null, cancellationToken);

    /// <summary>Sends the account a set-password link (an invitation without a password, a reset with one), or shows it once.</summary>
    [HttpPost("{accountId}/password-link")]
    public Task<IActionResult> PasswordLink(string accountId, CancellationToken cancellationToken) =>
        InviteAsync(accountId, heading: null, cancellationToken);

    [HttpPost("{accountId}/role")]
    public Task<IActionResult> Role(string accountId, [Bind(Prefix = "ChangeRole")] RoleForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "ChangeRole", new AccountForms(Role: form), () => commands.ChangeRoleAsync(Actor, accountId, form.Role, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/reseller")]
    public Task<IActionResult> LinkReseller(string accountId, [Bind(Prefix = "Reseller")] ResellerForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Reseller", new AccountForms(Reseller: form), () => commands.LinkResellerAsync(Actor, accountId, form.ResellerEmail, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/reseller/unlink")]
    public Task<IActionResult> UnlinkReseller(string accountId, [Bind(Prefix = "Unlink")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Unlink", new AccountForms(Unlink: form), () => commands.UnlinkResellerAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/lock")]
    public Task<IActionResult> Lock(string accountId, [Bind(Prefix = "Lock")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Lock", new AccountForms(Lock: form), () => commands.LockAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/unlock")]
    public async Task<IActionResult> Unlock(string accountId, CancellationToken cancellationToken) =>
        this.MessageResult(await commands.UnlockAsync(Actor, accountId, cancellationToken), _ => RedirectToAction(nameof(Account), new { accountId }));

    [HttpPost("{accountId}/sign-out")]
    public Task<IActionResult> SignOutEverywhere(string accountId, [Bind(Prefix = "SignOut")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "SignOut", new AccountForms(SignOut: form), () => commands.SignOutEverywhereAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/two-factor/reset")]
    public Task<IActionResult> ResetTwoFactor(string accountId, [Bind(Prefix = "TwoFactor")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "TwoFactor", new AccountForms(TwoFactor: form), () => commands.ResetTwoFactorAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    private Actor Actor => new(this.AccountId(), Roles.Admin, HttpContext.TraceIdentifier);

    /// <summary>
    /// Makes a set-password link. Mailed: a message and back to the account. Not mailed: the account's page with the
    /// link, this once (it is not stored anywhere it could be shown again).
    /// </summary>
    private async Task<IActionResult> InviteAsync(string accountId, string? heading, CancellationToken cancellationToken)
    {
        var outcome = await passwordLinks.IssueAsync(Actor, accountId, "made by an administrator", HttpContext, cancellationToken);
        if (outcome is not { Kind: OutcomeKind.Done, Value: { } link })
        {
            return this.MessageResult(outcome, _ => RedirectToAction(nameof(Account), new { accountId }));
        }

        var what = link.Target.Invitation ? localizer["An invitation"] : localizer["A password reset link"];
        if (link.Mailed)
        {
            TempData.PutFlash(FlashKind.Success, $"{heading} {localizer["{0} was e-mailed to {1}.", what, link.Target.Email]}".Trim());
            return RedirectToAction(nameof(Account), new { accountId });
        }

        // Read by the page rendered now, so it is gone before any other page could show it.
        TempData.PutFlash(mail.IsConfigured ? FlashKind.Error : FlashKind.Info,
            $"{heading} {(mail.IsConfigured ? localizer["The e-mail could not be sent (see the log)."] : localizer["No SMTP server is configured, so no e-mail was sent."])}".Trim(),
            [localizer["Give {0} this link yourself. It is shown only now.", link.Target.Email]]);
        return await AccountPageAsync(accountId, page: null, new AccountForms(), new ShownLink(link.Target.Email, link.Url, link.ExpiresAt), cancellationToken);
    }

    private async Task<IActionResult> ActAsync(
        string accountId, string prefix, AccountForms forms, Func<Task<Outcome<string>>> act, CancellationToken cancellationToken)
    {
        var showForm = () => AccountPageAsync(accountId, page: null, forms, link: null, cancellationToken);
        return ModelState.IsValid
            ? await this.FormResultAsync(await act(), _ => RedirectToAction(nameof(Account), new { accountId }), showForm, prefix)
            : await showForm();
    }

    private async Task<IActionResult> AccountPageAsync(string accountId, int? page, AccountForms forms, ShownLink? link, CancellationToken cancellationToken)
    {
        var detail = await directory.FindAsync(accountId, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var entries = await history.ForAccountAsync(accountId, new PageRequest(page), cancellationToken);
        return View(View_ + "Account.cshtml", new AccountPageModel(
            detail,
            new HistoryModel(entries, p => Url.Action(nameof(Account), new { accountId, page = p }), this.AccountId(), ShowActorAccounts: true),
            forms,
            accountId == this.AccountId(),
            mail.IsConfigured,
            link));
    }
}
