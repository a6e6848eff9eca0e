using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Web.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Admin;

public sealed class NewApiClientForm
{
    [Required(ErrorMessage = "Give the client a name.")]
    [StringLength(ApiClient.NameMaxLength)]
    public string? Name { get; set; }

    public List<string> Scopes { get; set; } = [];
}

/// <summary>A key shown once: just made, or just rotated.</summary>
public sealed record ShownKey(string Name, string Key);

public sealed record ApiClientsPageModel(IReadOnlyList<ApiClient> Clients, NewApiClientForm Form, ReasonForm? Revoke, int? RevokeId, ShownKey? Key, DateTime Now);

/// <summary>The inventory API's clients: create with scopes (key shown once), rotate (the old key works a day longer), revoke, last use.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/api-clients")]
public sealed class ApiClientsAdminController(ApiClients clients, TimeProvider time) : Controller
{
    private const string Page = "~/Views/Admin/ApiClients.cshtml";

    private const string NewPrefix = "New";
    private const string RevokePrefix = "Revoke";

    /// <summary>The names refused forms are carried under (post/redirect/get); Revoke's ends in the client's id.</summary>
    private const string NewFormName = "Admin.ApiClients.New";
    private const string RevokeFormName = "Admin.ApiClients.Revoke:";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var carried = this.CarriedFormName();
        if (carried is not null && carried.StartsWith(RevokeFormName, StringComparison.Ordinal)
            && int.TryParse(carried[RevokeFormName.Length..], System.Globalization.CultureInfo.InvariantCulture, out var revokeId))
        {
            var revoke = await this.TakeFormAsync<ReasonForm>(carried, RevokePrefix);
            return await PageAsync(new NewApiClientForm(), revoke, revokeId, null, cancellationToken);
        }

        var form = carried == NewFormName ? await this.TakeFormAsync<NewApiClientForm>(NewFormName, NewPrefix) : null;
        return await PageAsync(form ?? new NewApiClientForm(), null, null, null, cancellationToken);
    }

    /// <summary>Invalid or refused, the form comes back on the list's GET address, filled in, with its messages (post/redirect/get).</summary>
    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = NewPrefix)] NewApiClientForm form, CancellationToken cancellationToken)
    {
        IActionResult FormAgain() => RedirectToAction(nameof(Index));
        if (!ModelState.IsValid)
        {
            return this.RedirectWithForm(NewFormName, FormAgain());
        }

        var outcome = await clients.CreateAsync(Actor, form.Name, form.Scopes, cancellationToken);
        return outcome is { Kind: OutcomeKind.Done, Value: { } created }
            ? await ShowKeyAsync(outcome, created, cancellationToken)
            : await this.FormRedirectResultAsync(outcome, _ => FormAgain(), NewFormName, FormAgain, NewPrefix);
    }

    [HttpPost("{id:int}/rotate")]
    public async Task<IActionResult> Rotate(int id, CancellationToken cancellationToken)
    {
        var outcome = await clients.RotateAsync(Actor, id, cancellationToken);
        return outcome is { Kind: OutcomeKind.Done, Value: { } rotated }
            ? await ShowKeyAsync(outcome, rotated, cancellationToken)
            : this.MessageResult(outcome, _ => RedirectToAction(nameof(Index)));
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, [Bind(Prefix = RevokePrefix)] ReasonForm form, CancellationToken cancellationToken)
    {
        var name = RevokeFormName + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IActionResult FormAgain() => RedirectToAction(nameof(Index));
        if (!ModelState.IsValid)
        {
            return (await clients.ListAsync(cancellationToken)).Any(c => c.Id == id) ? this.RedirectWithForm(name, FormAgain()) : NotFound();
        }

        return await this.FormRedirectResultAsync(
            await clients.RevokeAsync(Actor, id, form.Reason, cancellationToken), _ => FormAgain(), name, FormAgain, RevokePrefix);
    }

    private Actor Actor => new(this.AccountId(), Roles.Admin, HttpContext.TraceIdentifier);

    /// <summary>The list with the new key, this once: rendered now, never stored where a later page could show it.</summary>
    private Task<IActionResult> ShowKeyAsync(Outcome<CreatedApiClient> outcome, CreatedApiClient client, CancellationToken cancellationToken)
    {
        TempData.PutFlash(FlashKind.Success, HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>().Localize(outcome.Message!));
        return PageAsync(new NewApiClientForm(), null, null, new ShownKey(client.Name, client.Key), cancellationToken);
    }

    private async Task<IActionResult> PageAsync(NewApiClientForm form, ReasonForm? revoke, int? revokeId, ShownKey? key, CancellationToken cancellationToken)
    {
        var list = await clients.ListAsync(cancellationToken);
        if (revokeId is { } id && list.All(c => c.Id != id))
        {
            return NotFound();
        }

        return View(Page, new ApiClientsPageModel(list, form, revoke, revokeId, key, time.GetUtcNow().UtcDateTime));
    }
}
