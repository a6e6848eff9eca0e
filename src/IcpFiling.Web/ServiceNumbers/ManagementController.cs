using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using IcpFiling.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>ICP No. Management: every number the account holds, newest first; its CSV export; and the numbers granted to it.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/management")]
public sealed class ManagementController(
    AccountNumbersQuery numbers,
    RestrictionCommands restrictions,
    InstanceTypeCatalog types,
    TimeProvider time,
    ConsoleTime clock,
    IStringLocalizer<SharedResource> localizer,
    ILogger<ManagementController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] NumberListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new NumberListQuery();
        var page = await numbers.ListAsync(
            this.AccountId(), query.ToFilter(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new ManagementPageModel(query, page, types.All));
    }

    /// <summary>Exactly the filtered rows of the page, all pages, in its order, streamed as CSV.</summary>
    [HttpGet("export")]
    [AccountRateLimited]
    public IActionResult Export([FromQuery] NumberListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var accountId = this.AccountId();
        return new CsvFileResult<NumberListItem>(
            $"icp-no-management-{clock.Date(time.GetUtcNow().UtcDateTime)}.csv",
            ManagementCsv.Columns(types, localizer, CsvExportLanguage.Culture(query.Lang), clock),
            numbers.StreamAsync(accountId, query.ToFilter(), query.ToSort(), cancellationToken),
            rows => logger.LogInformation("Account {AccountId} exported {RowCount} service numbers", accountId, rows));
    }

    /// <summary>Granted to me: other accounts' unused numbers restricted to this one, ready to use in a filing.</summary>
    [HttpGet("granted")]
    public async Task<IActionResult> Granted([FromQuery] GrantedListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new GrantedListQuery();
        var page = await numbers.GrantedAsync(this.AccountId(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new GrantedPageModel(query, page, types.All));
    }

    [HttpGet("{number}/restrict")]
    public async Task<IActionResult> Restrict(string number, CancellationToken cancellationToken)
    {
        var item = await numbers.FindAsync(this.AccountId(), number, cancellationToken);
        return item is null
            ? NotFound()
            : View(new RestrictPageModel(item, await this.TakeFormAsync<RestrictForm>(RestrictFormName + number) ?? new RestrictForm { Email = item.RestrictedToEmail, Note = item.RestrictionNote }));
    }

    private const string RestrictFormName = "Restrict:";

    [HttpPost("{number}/restrict")]
    public async Task<IActionResult> Restrict(string number, [FromForm] RestrictForm form, CancellationToken cancellationToken)
    {
        var item = await numbers.FindAsync(this.AccountId(), number, cancellationToken);
        // Invalid or refused, the form comes back on the GET address, filled in, with its messages (post/redirect/get).
        IActionResult FormAgain() => RedirectToAction(nameof(Restrict), new { number });
        if (item is null || !ModelState.IsValid)
        {
            return item is null ? NotFound() : this.RedirectWithForm(RestrictFormName + number, FormAgain());
        }

        var outcome = await restrictions.RestrictAsync(
            new RestrictionRequest(this.AccountId(), item.Number, form.Email, HttpContext.TraceIdentifier, form.Note), cancellationToken);
        return await this.FormRedirectResultAsync(
            outcome, _ => RedirectToAction(nameof(Index), new { highlight = item.Number }), RestrictFormName + number, FormAgain);
    }
}
