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

    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken cancellationToken) => PageAsync(new NewApiClientForm(), null, null, null, cancellationToken);

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "New")] NewApiClientForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await PageAsync(form, null, null, null, cancellationToken);
        }

        var outcome = await clients.CreateAsync(Actor, form.Name, form.Scopes, cancellationToken);
        return outcome is { Kind: OutcomeKind.Done, Value: { } created }
            ? await ShowKeyAsync(outcome, created, cancellationToken)
            : await this.FormResultAsync(outcome, _ => RedirectToAction(nameof(Index)), () => PageAsync(form, null, null, null, cancellationToken), "New");
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
    public async Task<IActionResult> Revoke(int id, [Bind(Prefix = "Revoke")] ReasonForm form, CancellationToken cancellationToken)
    {
        var showForm = () => PageAsync(new NewApiClientForm(), form, id, null, cancellationToken);
        return ModelState.IsValid
            ? await this.FormResultAsync(await clients.RevokeAsync(Actor, id, form.Reason, cancellationToken), _ => RedirectToAction(nameof(Index)), showForm, "Revoke")
            : await showForm();
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
