using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>ICP No. Application: the owner's instances, and Apply for the qualified ones.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/application")]
public sealed class ApplicationController(
    OwnerInstancesQuery instances,
    ServiceNumberIssuer issuer,
    InstanceTypeCatalog types,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InstanceListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            query = new InstanceListQuery();
        }

        var page = await instances.ListAsync(
            this.AccountId(), new InstanceFilter(query.Search, query.Type), new PageRequest(query.Page), cancellationToken);
        return View(new ApplicationPageModel(query, page, types.All, NewIdempotencyKey));
    }

    /// <summary>The confirmation step as a page, for browsers without JavaScript.</summary>
    [HttpGet("{instanceId}/apply")]
    public async Task<IActionResult> Confirm(string instanceId, CancellationToken cancellationToken)
    {
        var item = await instances.FindAsync(this.AccountId(), instanceId, cancellationToken);
        return item is null
            ? NotFound()
            : View(new ConfirmPageModel(item, new ApplyForm { InstanceId = instanceId, IdempotencyKey = NewIdempotencyKey() }));
    }

    [HttpPost("apply")]
    public async Task<IActionResult> Apply([FromForm] ApplyForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.InstanceId))
        {
            return BadRequest();
        }

        if (!ModelState.IsValid)
        {
            var item = await instances.FindAsync(this.AccountId(), form.InstanceId, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            form.IdempotencyKey = NewIdempotencyKey();
            return View(nameof(Confirm), new ConfirmPageModel(item, form));
        }

        var result = await issuer.ApplyAsync(
            new ApplyRequest(this.AccountId(), form.InstanceId, form.IdempotencyKey!, IssueChannel.ApplicationPage, HttpContext.TraceIdentifier),
            cancellationToken);

        switch (result)
        {
            case ApplyResult.Issued issued:
                TempData.PutFlash(FlashKind.Success, localizer[
                    "Service identification number {0} has been issued for instance {1}.", issued.Number.Number, issued.Number.InstanceId]);
                return RedirectToAction(nameof(ManagementController.Index), "Management", new { highlight = issued.Number.Number });
            case ApplyResult.Replayed replayed:
                TempData.PutFlash(FlashKind.Info, localizer[
                    "This request was already processed: number {0} was issued for instance {1}. Nothing new was issued.",
                    replayed.Number.Number, replayed.Number.InstanceId]);
                return RedirectToAction(nameof(ManagementController.Index), "Management", new { highlight = replayed.Number.Number });
            case ApplyResult.Refused refused:
                TempData.PutFlash(
                    FlashKind.Error,
                    localizer["No number was issued for instance {0}.", form.InstanceId],
                    [.. refused.Reasons.Select(r => localizer[r.Message, r.Arguments].Value)]);
                return RedirectToAction(nameof(Index));
            case ApplyResult.KeyReused:
                TempData.PutFlash(FlashKind.Error, localizer["This form was already used for another instance. Nothing was issued; please try again."]);
                return RedirectToAction(nameof(Index));
            default:
                return NotFound();
        }
    }

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
