using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The account's profile. The name, e-mail and reseller come from the provider's account systems (the inventory API),
/// so they are shown, not edited here; the console keeps no phone number.
/// </summary>
public sealed class IndexModel(UserManager<ApplicationUser> users) : ManagePageModel(users)
{
    public string Email { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The reseller's e-mail (its id when that account is not in the console).</summary>
    public string? Reseller { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, missing) = await CurrentAsync();
        if (user is null)
        {
            return missing!;
        }

        Email = user.Email ?? user.UserName ?? "";
        DisplayName = user.DisplayName;
        Reseller = user.ResellerId is null ? null : (await Users.FindByIdAsync(user.ResellerId))?.Email ?? user.ResellerId;
        Roles = [.. (await Users.GetRolesAsync(user)).Order(StringComparer.Ordinal)];
        TwoFactorEnabled = await Users.GetTwoFactorEnabledAsync(user);
        return Page();
    }
}
