using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>ICP No. Application: the owner's instances, and Apply for the qualified ones.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/application")]
public sealed class ApplicationController(OwnerInstancesQuery instances, ServiceNumberIssuer issuer, InstanceTypeCatalog types) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InstanceListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new InstanceListQuery();
        var page = await instances.ListAsync(
            this.AccountId(), query.ToFilter(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new ApplicationPageModel(query, page, types.All, NewIdempotencyKey));
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
}
