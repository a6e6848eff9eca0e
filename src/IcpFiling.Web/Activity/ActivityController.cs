using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Activity;

/// <summary>Activity: the signed-in owner's own history (what they did, and what support did to their instances and numbers).</summary>
[Authorize(Roles = Roles.Owner)]
[Route("activity")]
public sealed class ActivityController(AuditHistoryQuery history, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var accountId = this.AccountId();
        var entries = await history.ForAccountAsync(accountId, new PageRequest(page, size), cancellationToken);
        return View("History", new HistoryPageModel(
            localizer["Activity"],
            localizer["Everything that happened to your account, its instances, numbers and filings, newest first. This history cannot be changed."],
            new HistoryModel(entries, Request.Pages(), accountId, ShowActorAccounts: false),
            BackUrl: null,
            BackText: null));
    }
}
