using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

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
public sealed class ManagementController(AccountNumbersQuery numbers, InstanceTypeCatalog types) : Controller
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
}
