using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Web.Activity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The account's recent sign-ins, completed and refused, from the audit trail: a sign-in the owner does not recognise shows here.</summary>
public sealed class SignInsModel(UserManager<ApplicationUser> users, AuditHistoryQuery history) : ManagePageModel(users)
{
    public const int Shown = 20;

    public IReadOnlyList<SignInLine> SignIns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        SignIns = [.. (await history.SignInsAsync(user.Id, Shown, HttpContext.RequestAborted)).Select(SignInLine.From)];
        return Page();
    }
}
