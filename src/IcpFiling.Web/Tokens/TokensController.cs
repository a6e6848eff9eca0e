using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Tokens;

public sealed class NewTokenForm
{
    [Required(ErrorMessage = "Give the token a name.")]
    [StringLength(PersonalAccessToken.NameMaxLength)]
    public string? Name { get; set; }

    public List<string> Scopes { get; set; } = [];

    [Range(1, PersonalAccessToken.MaxLifetimeDays)]
    public int ExpiresInDays { get; set; } = 90;
}

/// <summary>A token's text, on the one page that shows it: the answer to creating it.</summary>
public sealed record ShownToken(string Name, string Token);

public sealed record TokensPageModel(
    IReadOnlyList<TokenListItem> Tokens, IReadOnlyList<string> OfferedScopes, NewTokenForm Form, ShownToken? Shown, DateTime Now);

/// <summary>
/// Personal access tokens for the API (docs/api.md): an owner or reseller makes one with a name, scopes their role
/// allows and an expiry of at most a year, sees it once, sees when each was last used, and revokes it.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Reseller)]
[Route("Account/Tokens")]
public sealed class TokensController(PersonalAccessTokens tokens, TimeProvider time, IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Page = "~/Views/Tokens/Index.cshtml";

    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken cancellationToken) => PageAsync(new NewTokenForm(), null, cancellationToken);

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "New")] NewTokenForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await PageAsync(form, null, cancellationToken);
        }

        var outcome = await tokens.CreateAsync(Actor, form.Name, form.Scopes, form.ExpiresInDays, cancellationToken);
        if (outcome is { Kind: OutcomeKind.Done, Value: { } created })
        {
            // Rendered now, never kept where a later page could show it again.
            TempData.PutFlash(FlashKind.Success, localizer.Localize(outcome.Message!));
            return await PageAsync(new NewTokenForm(), new ShownToken(created.Name, created.Token), cancellationToken);
        }

        return await this.FormResultAsync(outcome, _ => RedirectToAction(nameof(Index)), () => PageAsync(form, null, cancellationToken), "New");
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken cancellationToken) =>
        this.MessageResult(await tokens.RevokeAsync(Actor, id, cancellationToken), _ => RedirectToAction(nameof(Index)));

    private Actor Actor => new(this.AccountId(), User.IsInRole(Roles.Reseller) ? Roles.Reseller : Roles.Owner, HttpContext.TraceIdentifier);

    private async Task<IActionResult> PageAsync(NewTokenForm form, ShownToken? shown, CancellationToken cancellationToken) =>
        View(Page, new TokensPageModel(
            await tokens.ListAsync(this.AccountId(), cancellationToken), TokenScopes.For(Actor.Role), form, shown, time.GetUtcNow().UtcDateTime));
}
