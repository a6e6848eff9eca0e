using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Management; filters are part of the URL so a view can be bookmarked.</summary>
public sealed class NumberListQuery
{
    [StringLength(64)]
    public string? Search { get; set; }

    public ServiceNumberStatus? Status { get; set; }

    public InstanceType? Type { get; set; }

    public int? Page { get; set; }

    /// <summary>A number to highlight (the one just issued).</summary>
    [StringLength(ServiceNumber.NumberLength)]
    public string? Highlight { get; set; }
}

public sealed record ManagementPageModel(
    NumberListQuery Query,
    Paged<NumberListItem> Numbers,
    IReadOnlyDictionary<InstanceType, InstanceTypeRule> Types);

/// <summary>ICP No. Management: every number the account holds, newest first.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/management")]
public sealed class ManagementController(
    AccountNumbersQuery numbers,
    NumberRestrictions restrictions,
    InstanceTypeCatalog types,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] NumberListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            query = new NumberListQuery();
        }

        var page = await numbers.ListAsync(
            this.AccountId(), new NumberFilter(query.Search, query.Status, query.Type), new PageRequest(query.Page), cancellationToken);
        return View(new ManagementPageModel(query, page, types.All));
    }

    [HttpGet("{number}/restrict")]
    public async Task<IActionResult> Restrict(string number, CancellationToken cancellationToken)
    {
        var item = await numbers.FindAsync(this.AccountId(), number, cancellationToken);
        return item is null ? NotFound() : View(new RestrictPageModel(item, new RestrictForm { Email = item.RestrictedToEmail }));
    }

    [HttpPost("{number}/restrict")]
    public async Task<IActionResult> Restrict(string number, [FromForm] RestrictForm form, CancellationToken cancellationToken)
    {
        var item = await numbers.FindAsync(this.AccountId(), number, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new RestrictPageModel(item, form));
        }

        var outcome = await restrictions.RestrictAsync(this.AccountId(), item.Number, form.Email, HttpContext.TraceIdentifier, cancellationToken);
        switch (outcome)
        {
            case RestrictionOutcome.NotFound:
                return NotFound();
            case RestrictionOutcome.UnknownAccount:
                ModelState.AddModelError(nameof(RestrictForm.Email), localizer["No account uses that e-mail address."]);
                return View(new RestrictPageModel(item, form));
            case RestrictionOutcome.NotUnused:
                TempData.PutFlash(FlashKind.Error, localizer["Only unused numbers can be restricted; nothing was changed."]);
                break;
            case RestrictionOutcome.Lifted:
                TempData.PutFlash(FlashKind.Success, localizer["Number {0} can now be used by any account.", item.Number]);
                break;
            case RestrictionOutcome.Unchanged:
                TempData.PutFlash(FlashKind.Info, localizer["Nothing was changed."]);
                break;
            default:
                TempData.PutFlash(FlashKind.Success, localizer["Number {0} can now be used only by {1}.", item.Number, form.Email!.Trim()]);
                break;
        }

        return RedirectToAction(nameof(Index), new { highlight = item.Number });
    }
}
