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
    AccountProvisioningCommands provisioning,
    AccountAccessCommands access,
    ResellerLinkCommands resellerLinks,
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

    /// <summary>The name a refused New account form is carried under (post/redirect/get).</summary>
    private const string NewFormName = "Admin.NewAccount";

    [HttpGet("new")]
    public async Task<IActionResult> New() =>
        View(View_ + "NewAccount.cshtml", await this.TakeFormAsync<NewAccountForm>(NewFormName) ?? new NewAccountForm { Role = Roles.Owner });

    /// <summary>Invalid or refused, the form comes back on the GET address, filled in, with its messages (post/redirect/get).</summary>
    [HttpPost("new")]
    public async Task<IActionResult> Create(NewAccountForm form, CancellationToken cancellationToken)
    {
        IActionResult FormAgain() => RedirectToAction(nameof(New));
        if (!ModelState.IsValid)
        {
            return this.RedirectWithForm(NewFormName, FormAgain());
        }

        var outcome = await provisioning.CreateAsync(Actor, new NewAccount(form.Email, form.DisplayName, form.Role, form.AccountId, form.ResellerEmail, form.Language), cancellationToken);
        return outcome is { Kind: OutcomeKind.Done, Value: { } id }
            ? await InviteAsync(id, localizer["Account {0} was created.", form.Email!.Trim()], cancellationToken)
            : await this.FormRedirectResultAsync(outcome, id => RedirectToAction(nameof(Account), new { accountId = id }), NewFormName, FormAgain);
    }

    [HttpGet("{accountId}")]
    public async Task<IActionResult> Account(string accountId, int? page, CancellationToken cancellationToken) =>
        await AccountPageAsync(accountId, page, await CarriedFormsAsync(accountId), link: null, cancellationToken);

    /// <summary>Sends the account a set-password link (an invitation without a password, a reset with one), or shows it once.</summary>
    [HttpPost("{accountId}/password-link")]
    public Task<IActionResult> PasswordLink(string accountId, CancellationToken cancellationToken) =>
        InviteAsync(accountId, heading: null, cancellationToken);

    [HttpPost("{accountId}/role")]
    public Task<IActionResult> Role(string accountId, [Bind(Prefix = "ChangeRole")] RoleForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "ChangeRole", () => access.ChangeRoleAsync(Actor, accountId, form.Role, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/reseller")]
    public Task<IActionResult> LinkReseller(string accountId, [Bind(Prefix = "Reseller")] ResellerForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Reseller", () => resellerLinks.LinkResellerAsync(Actor, accountId, form.ResellerEmail, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/reseller/unlink")]
    public Task<IActionResult> UnlinkReseller(string accountId, [Bind(Prefix = "Unlink")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Unlink", () => resellerLinks.UnlinkResellerAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/lock")]
    public Task<IActionResult> Lock(string accountId, [Bind(Prefix = "Lock")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "Lock", () => access.LockAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/unlock")]
    public async Task<IActionResult> Unlock(string accountId, CancellationToken cancellationToken) =>
        this.MessageResult(await access.UnlockAsync(Actor, accountId, cancellationToken), _ => RedirectToAction(nameof(Account), new { accountId }));

    [HttpPost("{accountId}/sign-out")]
    public Task<IActionResult> SignOutEverywhere(string accountId, [Bind(Prefix = "SignOut")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "SignOut", () => access.SignOutEverywhereAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("{accountId}/two-factor/reset")]
    public Task<IActionResult> ResetTwoFactor(string accountId, [Bind(Prefix = "TwoFactor")] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(accountId, "TwoFactor", () => access.ResetTwoFactorAsync(Actor, accountId, form.Reason, cancellationToken), cancellationToken);

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

    /// <summary>
    /// Runs a valid form's command and redirects to the account with a message. Invalid or refused, the account's page
    /// shows the form again on its GET address, filled in, with its messages (post/redirect/get): a refresh re-submits nothing.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        string accountId, string prefix, Func<Task<Outcome<string>>> act, CancellationToken cancellationToken)
    {
        // The page has several forms: the carried one is named by its prefix and the account it was posted for.
        var form = $"{FormNamePrefix}{prefix}:{accountId}";
        IActionResult PageAgain() => RedirectToAction(nameof(Account), new { accountId });
        if (!ModelState.IsValid)
        {
            return await directory.FindAsync(accountId, cancellationToken) is null ? NotFound() : this.RedirectWithForm(form, PageAgain());
        }

        return await this.FormRedirectResultAsync(await act(), _ => PageAgain(), form, PageAgain, prefix);
    }

    private const string FormNamePrefix = "Admin.Account.";

    /// <summary>The account page's form refused just before this GET, filled in as it was posted, with its messages.</summary>
    private async Task<AccountForms> CarriedFormsAsync(string accountId)
    {
        if (this.CarriedFormName() is not { } name || !name.StartsWith(FormNamePrefix, StringComparison.Ordinal)
            || !name.EndsWith(":" + accountId, StringComparison.Ordinal))
        {
            return new AccountForms();
        }

        var prefix = name[FormNamePrefix.Length..name.IndexOf(':', StringComparison.Ordinal)];
        return prefix switch
        {
            "ChangeRole" => new AccountForms(Role: await this.TakeFormAsync<RoleForm>(name, prefix)),
            "Reseller" => new AccountForms(Reseller: await this.TakeFormAsync<ResellerForm>(name, prefix)),
            "Unlink" => new AccountForms(Unlink: await this.TakeFormAsync<ReasonForm>(name, prefix)),
            "Lock" => new AccountForms(Lock: await this.TakeFormAsync<ReasonForm>(name, prefix)),
            "SignOut" => new AccountForms(SignOut: await this.TakeFormAsync<ReasonForm>(name, prefix)),
            "TwoFactor" => new AccountForms(TwoFactor: await this.TakeFormAsync<ReasonForm>(name, prefix)),
            _ => new AccountForms(),
        };
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
