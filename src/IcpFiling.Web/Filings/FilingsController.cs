using IcpFiling.Core.Accounts;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Filings;

/// <summary>ICP Filing: the account's filing applications, a new filing, cancel and remove provider.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/filings")]
public sealed class FilingsController(
    FilingService filings,
    AccountFilingsQuery list,
    OwnerInstancesQuery instances,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    /// <summary>The instance choice lists at most this many of the owner's instances.</summary>
    private const int InstanceChoiceLimit = PageRequest.MaxSize;

    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, long? highlight, CancellationToken cancellationToken) =>
        View(new FilingsPageModel(await list.ListAsync(this.AccountId(), new PageRequest(page), cancellationToken), highlight));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View(await PageModelAsync(new NewFilingForm { IdempotencyKey = Guid.NewGuid().ToString("N") }, cancellationToken));

    [HttpPost("new")]
    public async Task<IActionResult> New([FromForm] NewFilingForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(await PageModelAsync(form, cancellationToken));
        }

        var request = new FilingRequest(this.AccountId(), form.Domain, form.SubjectName, HttpContext.TraceIdentifier);
        var result = form.Method == FilingMethod.Number
            ? await filings.SubmitWithNumberAsync(request, form.ServiceNumber, cancellationToken)
            : await filings.SubmitWithInstanceAsync(request, form.InstanceId, form.IdempotencyKey, cancellationToken);

        switch (result)
        {
            case FilingResult.Submitted submitted:
                TempData.PutFlash(
                    submitted.Replayed ? FlashKind.Info : FlashKind.Success,
                    submitted.Replayed
                        ? localizer["This filing was already submitted with service number {0}. Nothing new was submitted.", submitted.Number]
                        : localizer["The ICP filing was submitted with service number {0}.", submitted.Number]);
                return RedirectToAction(nameof(Index), new { highlight = submitted.FilingId });
            case FilingResult.NotFound:
                return NotFound();
            case FilingResult.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError(field, localizer[message]);
                }

                break;
            case FilingResult.NumberRefused refused:
                ModelState.AddModelError(nameof(NewFilingForm.ServiceNumber), localizer[refused.Reason]);
                break;
            case FilingResult.InstanceRefused refused:
                foreach (var reason in refused.Reasons)
                {
                    ModelState.AddModelError(nameof(NewFilingForm.InstanceId), localizer[reason.Message, reason.Arguments]);
                }

                break;
            case FilingResult.DomainTaken taken:
                ModelState.AddModelError(nameof(NewFilingForm.Domain), localizer[FilingService.DomainTakenMessage, taken.Domain]);
                break;
        }

        return View(await PageModelAsync(form, cancellationToken));
    }

    [HttpPost("{id:long}/cancel")]
    public Task<IActionResult> Cancel(long id, CancellationToken cancellationToken) =>
        CloseAsync(id, FilingStatus.Cancelled, cancellationToken);

    [HttpPost("{id:long}/remove-provider")]
    public Task<IActionResult> RemoveProvider(long id, CancellationToken cancellationToken) =>
        CloseAsync(id, FilingStatus.ProviderRemoved, cancellationToken);

    private async Task<IActionResult> CloseAsync(long id, FilingStatus to, CancellationToken cancellationToken)
    {
        switch (await filings.CloseAsync(this.AccountId(), id, to, HttpContext.TraceIdentifier, cancellationToken))
        {
            case FilingChangeResult.NotFound:
                return NotFound();
            case FilingChangeResult.NotSubmitted:
                TempData.PutFlash(FlashKind.Error, localizer["This filing is no longer submitted; nothing was changed."]);
                break;
            default:
                TempData.PutFlash(FlashKind.Success, to == FilingStatus.Cancelled
                    ? localizer["The filing was cancelled. Its service number stays used and cannot be used again."]
                    : localizer["This service provider was removed from the filing. Its service number stays used and cannot be used again."]);
                break;
        }

        return RedirectToAction(nameof(Index), new { highlight = id });
    }

    private async Task<NewFilingPageModel> PageModelAsync(NewFilingForm form, CancellationToken cancellationToken)
    {
        var owned = await instances.ListAsync(
            this.AccountId(), new InstanceFilter(null, null), new PageRequest(1, InstanceChoiceLimit), cancellationToken);
        return new NewFilingPageModel(
            form,
            [.. owned.Items.Where(i => i.Verdict.IsEligible)],
            [.. owned.Items.Where(i => !i.Verdict.IsEligible)]);
    }
}
