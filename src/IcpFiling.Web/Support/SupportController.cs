using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Support;
using IcpFiling.Web.Activity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Support;

/// <summary>
/// Support staff's console: find any instance, review why it can or cannot get numbers, and hold it,
/// correct its quota or void its unused numbers, each with a reason that goes into the history.
/// Support cannot apply for numbers or file on anyone's behalf: those pages are the owner's.
/// </summary>
[Authorize(Roles = Roles.Support)]
[Route("support")]
public sealed class SupportController(
    SupportInstancesQuery instances,
    SupportCommands commands,
    AuditHistoryQuery history,
    IOptionsMonitor<SupportOptions> options,
    InstanceTypeCatalog types,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string HoldPrefix = "Hold";
    private const string QuotaPrefix = "Override";
    private const string ClearPrefix = "Clear";
    private const string VoidPrefix = "Void";

    [HttpGet("instances")]
    public async Task<IActionResult> Index([FromQuery] SupportInstanceQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new SupportInstanceQuery();
        var page = await instances.SearchAsync(query.Search, query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new SupportInstancesPageModel(query, page, types.All));
    }

    [HttpGet("instances/{instanceId}")]
    public async Task<IActionResult> Review(string instanceId, int? page, CancellationToken cancellationToken) =>
        await ReviewPageAsync(instanceId, page, await CarriedFormsAsync(), cancellationToken);

    [HttpPost("instances/{instanceId}/hold")]
    public Task<IActionResult> Hold(string instanceId, [Bind(Prefix = HoldPrefix)] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(instanceId, HoldPrefix, new ReviewForms(Hold: form),
            () => commands.PlaceHoldAsync(Actor, instanceId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("instances/{instanceId}/release")]
    public Task<IActionResult> Release(string instanceId, [Bind(Prefix = HoldPrefix)] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(instanceId, HoldPrefix, new ReviewForms(Hold: form),
            () => commands.ReleaseHoldAsync(Actor, instanceId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("instances/{instanceId}/quota-override")]
    public Task<IActionResult> SetQuotaOverride(
        string instanceId, [Bind(Prefix = QuotaPrefix)] QuotaOverrideForm form, CancellationToken cancellationToken) =>
        ActAsync(instanceId, QuotaPrefix, new ReviewForms(Quota: form),
            () => commands.SetQuotaOverrideAsync(
                Actor, instanceId, int.Parse(form.Quota!, CultureInfo.InvariantCulture), form.Reason, cancellationToken),
            cancellationToken);

    [HttpPost("instances/{instanceId}/quota-override/clear")]
    public Task<IActionResult> ClearQuotaOverride(string instanceId, [Bind(Prefix = ClearPrefix)] ReasonForm form, CancellationToken cancellationToken) =>
        ActAsync(instanceId, ClearPrefix, new ReviewForms(Clear: form),
            () => commands.ClearQuotaOverrideAsync(Actor, instanceId, form.Reason, cancellationToken), cancellationToken);

    [HttpPost("numbers/{number}/void")]
    public async Task<IActionResult> Void(string number, [Bind(Prefix = VoidPrefix)] ReasonForm form, CancellationToken cancellationToken) =>
        await instances.InstanceOfNumberAsync(number, cancellationToken) is { } instanceId
            ? await ActAsync(instanceId, VoidPrefix, new ReviewForms(Void: form, VoidNumber: number),
                () => commands.VoidNumberAsync(Actor, number, form.Reason, cancellationToken), cancellationToken)
            : NotFound();

    /// <summary>Any account's history, for support.</summary>
    [HttpGet("accounts/{accountId}/history")]
    public async Task<IActionResult> AccountHistory(string accountId, int? page, int? size, CancellationToken cancellationToken)
    {
        var email = await instances.AccountEmailAsync(accountId, cancellationToken);
        if (email is null)
        {
            return NotFound();
        }

        return this.StaffHistoryPage(Sections.Support, localizer["History of account {0}", email],
            localizer["What the account did, and what was done to it, its instances, numbers and filings, newest first."],
            await history.ForAccountAsync(accountId, new PageRequest(page, size), cancellationToken),
            Request.Pages(), Url.Action(nameof(Index)), localizer["Back to instances"]);
    }

    private Actor Actor => Actor.Support(this.AccountId(), HttpContext.TraceIdentifier);

    /// <summary>
    /// Runs a valid form's command and redirects to the review with a message; shows the review again with the
    /// messages when the form is invalid or the command was refused (nothing changed then).
    /// </summary>
    private async Task<IActionResult> ActAsync(
        string instanceId, string prefix, ReviewForms forms, Func<Task<Outcome<string>>> act, CancellationToken cancellationToken)
    {
        // The review page has several forms; the carried one is named by its prefix (and the number, for Void).
        var form = forms.VoidNumber is { } number ? $"{prefix}:{number}" : prefix;
        IActionResult ReviewAgain() => RedirectToAction(nameof(Review), new { instanceId });
        if (!ModelState.IsValid)
        {
            return await instances.ReviewAsync(instanceId, cancellationToken) is null ? NotFound() : this.RedirectWithForm(form, ReviewAgain());
        }

        return await this.FormRedirectResultAsync(
            await act(), concerned => RedirectToAction(nameof(Review), new { instanceId = concerned }), form, ReviewAgain, prefix);
    }

    /// <summary>The review's form refused just before this GET, filled in as it was posted, with its messages.</summary>
    private async Task<ReviewForms> CarriedFormsAsync()
    {
        var name = this.CarriedFormName();
        return name switch
        {
            HoldPrefix => new ReviewForms(Hold: await this.TakeFormAsync<ReasonForm>(name, HoldPrefix)),
            QuotaPrefix => new ReviewForms(Quota: await this.TakeFormAsync<QuotaOverrideForm>(name, QuotaPrefix)),
            ClearPrefix => new ReviewForms(Clear: await this.TakeFormAsync<ReasonForm>(name, ClearPrefix)),
            not null when name.StartsWith(VoidPrefix + ":", StringComparison.Ordinal) =>
                new ReviewForms(Void: await this.TakeFormAsync<ReasonForm>(name, VoidPrefix), VoidNumber: name[(VoidPrefix.Length + 1)..]),
            _ => new ReviewForms(),
        };
    }

    private async Task<IActionResult> ReviewPageAsync(string instanceId, int? page, ReviewForms forms, CancellationToken cancellationToken)
    {
        var review = await instances.ReviewAsync(instanceId, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        var entries = await history.ForInstanceAsync(instanceId, new PageRequest(page), cancellationToken);
        return View("Review", new InstanceReviewPageModel(
            review,
            new HistoryModel(entries, Request.Pages(), this.AccountId(), ShowActorAccounts: true),
            options.CurrentValue.MaxQuotaOverride,
            forms));
    }
}
