using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Web.Activity;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Resellers;

/// <summary>
/// The reseller's read-only console: its customers, the numbers issued to them, and their history.
/// Anything that is not one of its customers' is a 404. There is no action here that changes anything.
/// </summary>
[Authorize(Roles = Roles.Reseller)]
[Route("reseller")]
public sealed class ResellersController(
    ResellerQuery reseller,
    AuditHistoryQuery history,
    InstanceTypeCatalog types,
    TimeProvider time,
    ConsoleTime clock,
    IStringLocalizer<SharedResource> localizer,
    ILogger<ResellersController> logger) : Controller
{
    [HttpGet("customers")]
    public async Task<IActionResult> Customers([FromQuery] CustomerListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new CustomerListQuery();
        var customers = await reseller.CustomersAsync(this.AccountId(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new CustomersPageModel(customers, query.ToSort()));
    }

    [HttpGet("numbers")]
    public async Task<IActionResult> Numbers([FromQuery] ResellerNumberQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            query = new ResellerNumberQuery();
        }

        var resellerId = this.AccountId();
        var numbers = await reseller.NumbersAsync(resellerId, query.ToFilter(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        var customers = await reseller.CustomerOptionsAsync(resellerId, cancellationToken);
        return View(new ResellerNumbersPageModel(query, numbers, customers, types.All));
    }

    /// <summary>Exactly the filtered rows of Issued numbers, all pages in the page's order, streamed as CSV.</summary>
    [HttpGet("numbers/export")]
    [AccountRateLimited]
    public IActionResult Export([FromQuery] ResellerNumberQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var resellerId = this.AccountId();
        return new CsvFileResult<ResellerNumberRow>(
            $"icp-numbers-{clock.Date(time.GetUtcNow().UtcDateTime)}.csv",
            ResellerNumbersCsv.Columns(types, localizer, ExportCulture(query.Lang), clock),
            reseller.StreamNumbersAsync(resellerId, query.ToFilter(), query.ToSort(), cancellationToken),
            rows => logger.LogInformation("Reseller {ResellerId} exported {RowCount} service numbers", resellerId, rows));
    }

    /// <summary>The language asked for, or the page's.</summary>
    private static CultureInfo ExportCulture(string? lang) => CsvExportLanguage.Culture(lang);

    [HttpGet("customers/{accountId}/activity")]
    public async Task<IActionResult> CustomerActivity(string accountId, int? page, int? size, CancellationToken cancellationToken)
    {
        var customer = (await reseller.CustomerOptionsAsync(this.AccountId(), cancellationToken)).SingleOrDefault(c => c.AccountId == accountId);
        if (customer is null)
        {
            return NotFound();
        }

        return this.StaffHistoryPage(Sections.Customers, localizer["History of customer {0}", customer.Email],
            localizer["What the customer did, and what was done to its instances, numbers and filings, newest first."],
            await history.ForAccountAsync(accountId, new PageRequest(page, size), cancellationToken),
            Request.Pages(), Url.Action(nameof(Customers)), localizer["Back to customers"]);
    }
}
