using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Core.Changes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>
/// ICP No. Application: the owner's instances, Apply for the qualified ones, and batch apply (several instances and a
/// quantity each: confirmed, sent as one batch whose every number is its own change, then a result page).
/// </summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/application")]
public sealed class ApplicationController(
    OwnerInstancesQuery instances, ServiceNumberIssuer issuer, BatchApplication batches, BatchResults batchResults,
    InstanceTypeCatalog types, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InstanceListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new InstanceListQuery();
        // The list's own query falls back quietly; the only messages shown are a carried batch selection's.
        ModelState.Clear();
        var batch = await this.TakeFormAsync<BatchSelectionForm>(BatchSelectionForm.Name) ?? new BatchSelectionForm();
        var page = await instances.ListAsync(
            this.AccountId(), query.ToFilter(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new ApplicationPageModel(query, page, types.All, NewIdempotencyKey, batch));
    }

    /// <summary>
    /// "Apply for selected" without JavaScript: a selection that cannot be sent comes back on the list, checked and
    /// typed as it was, with its messages; one that can goes on to the confirmation page.
    /// </summary>
    [HttpPost("batch/review")]
    public async Task<IActionResult> ReviewBatch([FromForm] BatchSelectionForm form, [FromQuery] InstanceListQuery list, CancellationToken cancellationToken)
    {
        var (lines, selected, problems) = BatchSelection.Read(form);
        var found = await instances.FindManyAsync(this.AccountId(), selected, cancellationToken);
        if (selected.Any(id => !found.ContainsKey(id)))
        {
            return NotFound();
        }

        problems.AddRange(BatchSelection.Check(lines, found));
        if (problems.Count > 0)
        {
            ModelState.Clear();
            problems.ForEach(p => ModelState.AddModelError(p.Field ?? "", localizer.Localize(p.Message)));
            return this.RedirectWithForm(BatchSelectionForm.Name, RedirectToAction(nameof(Index), list.ToRouteValues()));
        }

        return RedirectToAction(nameof(ConfirmBatch), BatchRoute(lines));
    }

    /// <summary>The batch's confirmation as a page (the dialog's list, for browsers without JavaScript), with a fresh batch key.</summary>
    [HttpGet("batch")]
    public async Task<IActionResult> ConfirmBatch([FromQuery(Name = BatchLines.Parameter)] string[] line, CancellationToken cancellationToken)
    {
        var lines = BatchLines.Parse(line);
        var found = await instances.FindManyAsync(this.AccountId(), [.. lines?.Select(l => l.InstanceId) ?? []], cancellationToken);
        if (lines is not null && lines.Any(l => !found.ContainsKey(l.InstanceId)))
        {
            return NotFound();
        }

        List<Problem> problems = lines is null
            ? [new Problem(null, new Notice("Choose between 1 and {0} instances.", InputLimits.BatchMaxInstances))]
            : BatchSelection.Check(lines, found);
        if (problems.Count > 0)
        {
            TempData.PutFlash(FlashKind.Error, localizer.Localize(problems[0].Message), [.. problems.Skip(1).Select(p => localizer.Localize(p.Message))]);
            return RedirectToAction(nameof(Index));
        }

        return View(new BatchConfirmPageModel([.. lines!.Select(l => new BatchConfirmLine(found[l.InstanceId], l.Quantity))], NewIdempotencyKey()));
    }

    /// <summary>
    /// Sends the batch. Every number is its own change keyed from the batch's key, so a second post of the same batch
    /// issues nothing new; the answer is always the result page's address (post/redirect/get).
    /// </summary>
    [HttpPost("batch")]
    public async Task<IActionResult> ApplyBatch([FromForm] BatchApplyForm form, CancellationToken cancellationToken)
    {
        var lines = form.ToLines();
        var outcome = await batches.ApplyAsync(
            new BatchApplyRequest(this.AccountId(), form.BatchKey ?? "", lines, IssueChannel.Batch, HttpContext.TraceIdentifier),
            cancellationToken);
        // Input the batch service refuses (no key, a key used for another batch, a quantity out of bounds) goes back
        // to the list with its messages; a refused instance is a line of the result, never a reason to stop the others.
        return await this.FormRedirectResultAsync(
            outcome,
            _ => RedirectToAction(nameof(BatchResult), new RouteValueDictionary(BatchRoute(lines)) { ["key"] = form.BatchKey }),
            BatchSelectionForm.Name,
            () => RedirectToAction(nameof(Index)));
    }

    /// <summary>What became of the owner's batch <paramref name="key"/>, read again on every visit; another account's batch is a 404.</summary>
    [HttpGet("batch/{key}")]
    public async Task<IActionResult> BatchResult(string key, [FromQuery(Name = BatchLines.Parameter)] string[] line, CancellationToken cancellationToken)
    {
        var lines = BatchLines.Parse(line);
        var result = lines is not null && InputLimits.IsValidIdempotencyKey(key)
            ? await batchResults.FindAsync(this.AccountId(), key, lines, cancellationToken)
            : null;
        if (result is null)
        {
            return NotFound();
        }

        var found = await instances.FindManyAsync(this.AccountId(), [.. result.Lines.Select(l => l.InstanceId)], cancellationToken);
        return View(new BatchResultPageModel(result, found));
    }

    /// <summary>The confirmation step as a page, for browsers without JavaScript.</summary>
    [HttpGet("{instanceId}/apply")]
    public Task<IActionResult> Confirm(string instanceId, CancellationToken cancellationToken) =>
        ConfirmPageAsync(new ApplyForm { InstanceId = instanceId }, cancellationToken);

    [HttpPost("apply")]
    public async Task<IActionResult> Apply([FromForm] ApplyForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // No instance names nothing to confirm (400); anything else shows the confirmation again, with a fresh key.
            return string.IsNullOrWhiteSpace(form.InstanceId) ? BadRequest() : await ConfirmPageAsync(form, cancellationToken);
        }

        var outcome = await issuer.ApplyAsync(
            new ApplyRequest(this.AccountId(), form.InstanceId!, form.IdempotencyKey!, IssueChannel.ApplicationPage, HttpContext.TraceIdentifier),
            cancellationToken);
        return this.MessageResult(outcome, issued => issued is null
            ? RedirectToAction(nameof(Index))
            : RedirectToAction(nameof(ManagementController.Index), "Management", new { highlight = issued.Number }));
    }

    /// <summary>The confirmation page with a fresh key, so a confirmation shown again is a new request.</summary>
    private async Task<IActionResult> ConfirmPageAsync(ApplyForm form, CancellationToken cancellationToken)
    {
        var standing = await instances.FindAsync(this.AccountId(), form.InstanceId!, cancellationToken);
        form.IdempotencyKey = NewIdempotencyKey();
        return standing is null ? NotFound() : View(nameof(Confirm), new ConfirmPageModel(standing, form));
    }

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    private static RouteValueDictionary BatchRoute(IEnumerable<BatchApplyLine> lines) => new() { [BatchLines.Parameter] = BatchLines.Format(lines) };
}
