using IcpFiling.Core.Accounts;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Filings;

/// <summary>ICP Filing: the account's filing applications, a new filing, cancel and remove provider.</summary>
[Authorize(Roles = Roles.Owner)]
[Route("icp-no/filings")]
public sealed class FilingsController(FilingCommands filings, AccountFilingsQuery list, OwnerInstancesQuery instances) : Controller
{
    /// <summary>The instance choice lists at most this many of the owner's instances.</summary>
    private const int InstanceChoiceLimit = PageRequest.MaxSize;

    private const string NewFormName = "NewFiling";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] FilingListQuery query, CancellationToken cancellationToken)
    {
        query = ModelState.IsValid ? query : new FilingListQuery();
        var filings = await list.ListAsync(this.AccountId(), query.ToSort(), new PageRequest(query.Page, query.Size), cancellationToken);
        return View(new FilingsPageModel(filings, query.Highlight, query.ToSort()));
    }

    /// <summary>The form; <c>instanceSearch</c> narrows its instance choice to ids or names starting with it (the picker's search without JavaScript);
    /// <c>number</c> starts the form on "I already have a number" with it filled in (Granted to me links here).</summary>
    [HttpGet("new")]
    public async Task<IActionResult> New(string? instanceSearch, string? number, CancellationToken cancellationToken) =>
        View(await PageModelAsync(
            await this.TakeFormAsync<NewFilingForm>(NewFormName) ?? NewFilingForm.Blank(number),
            instanceSearch,
            cancellationToken));

    /// <summary>The instance choice alone, for the picker's type-ahead: the form around it keeps what was typed.</summary>
    [HttpGet("new/instances")]
    public async Task<IActionResult> InstanceChoices(string? instanceSearch, CancellationToken cancellationToken) =>
        PartialView("_InstanceChoices", await PageModelAsync(new NewFilingForm(), instanceSearch, cancellationToken));

    /// <summary>Invalid or refused, the form comes back on the GET address, filled in, with its messages (post/redirect/get).</summary>
    [HttpPost("new")]
    public async Task<IActionResult> New([FromForm] NewFilingForm form, CancellationToken cancellationToken)
    {
        IActionResult FormAgain() => RedirectToAction(nameof(New));
        if (!ModelState.IsValid)
        {
            return this.RedirectWithForm(NewFormName, FormAgain());
        }

        var request = form.ToRequest(this.AccountId(), HttpContext.TraceIdentifier);
        var outcome = form.Method == FilingMethod.Number
            ? await filings.SubmitWithNumberAsync(request, cancellationToken)
            : await filings.SubmitWithInstanceAsync(request, cancellationToken);
        return await this.FormRedirectResultAsync(
            outcome, filed => RedirectToAction(nameof(Index), new { highlight = filed.FilingId }), NewFormName, FormAgain);
    }

    /// <summary>The confirmation step as a page, for browsers without JavaScript (with it, the console's dialog asks).</summary>
    [HttpGet("{id:long}/cancel")]
    public Task<IActionResult> ConfirmCancel(long id, CancellationToken cancellationToken) =>
        ConfirmCloseAsync(id, FilingStatus.Cancelled, cancellationToken);

    [HttpGet("{id:long}/remove-provider")]
    public Task<IActionResult> ConfirmRemoveProvider(long id, CancellationToken cancellationToken) =>
        ConfirmCloseAsync(id, FilingStatus.ProviderRemoved, cancellationToken);

    [HttpPost("{id:long}/cancel")]
    public Task<IActionResult> Cancel(long id, CancellationToken cancellationToken) =>
        CloseAsync(id, FilingStatus.Cancelled, cancellationToken);

    [HttpPost("{id:long}/remove-provider")]
    public Task<IActionResult> RemoveProvider(long id, CancellationToken cancellationToken) =>
        CloseAsync(id, FilingStatus.ProviderRemoved, cancellationToken);

    private async Task<IActionResult> CloseAsync(long id, FilingStatus to, CancellationToken cancellationToken) =>
        this.MessageResult(
            await filings.CloseAsync(this.AccountId(), id, to, HttpContext.TraceIdentifier, cancellationToken),
            _ => RedirectToAction(nameof(Index), new { highlight = id }));

    private async Task<IActionResult> ConfirmCloseAsync(long id, FilingStatus to, CancellationToken cancellationToken) =>
        await list.FindAsync(this.AccountId(), id, cancellationToken) is { } filing
            ? View("Close", new CloseFilingPageModel(filing, to))
            : NotFound();

    private async Task<NewFilingPageModel> PageModelAsync(NewFilingForm form, string? instanceSearch, CancellationToken cancellationToken)
    {
        // A longer search matches no id or name anyway; cut rather than refuse, the picker is only a filter.
        var search = instanceSearch?.Trim() is { Length: > 0 } typed ? typed[..Math.Min(typed.Length, Instance.NameMaxLength)] : null;
        // Any qualified instance can be found by its id or name; the others are listed (first ones only) to say why not.
        var qualified = await instances.ListAsync(
            this.AccountId(), new InstanceFilter(search, null, QualifiedOnly: true), new PageRequest(1, InstanceChoiceLimit), cancellationToken);
        var some = await instances.ListAsync(
            this.AccountId(), new InstanceFilter(search, null), new PageRequest(1, InstanceChoiceLimit), cancellationToken);
        return new NewFilingPageModel(form, qualified, [.. some.Items.Where(i => !i.Verdict.IsEligible)], search);
    }
}
