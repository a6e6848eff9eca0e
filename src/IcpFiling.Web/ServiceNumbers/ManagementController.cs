using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>ICP No. Management: every number the account holds, newest first.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/management")]
public sealed class ManagementController(AccountNumbersQuery numbers, RestrictionCommands restrictions, InstanceTypeCatalog types) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] NumberListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new NumberListQuery();
        var page = await numbers.ListAsync(
            this.AccountId(), query.ToFilter(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new ManagementPageModel(query, page, types.All));
    }

    [HttpGet("{number}/restrict")]
    public async Task<IActionResult> Restrict(string number, CancellationToken cancellationToken)
    {
        var item = await numbers.FindAsync(this.AccountId(), number, cancellationToken);
        return item is null
            ? NotFound()
            : View(new RestrictPageModel(item, await this.TakeFormAsync<RestrictForm>(RestrictFormName + number) ?? new RestrictForm { Email = item.RestrictedToEmail }));
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
            new RestrictionRequest(this.AccountId(), item.Number, form.Email, HttpContext.TraceIdentifier), cancellationToken);
        return await this.FormRedirectResultAsync(
            outcome, _ => RedirectToAction(nameof(Index), new { highlight = item.Number }), RestrictFormName + number, FormAgain);
    }
}
