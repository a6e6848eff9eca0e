using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.Testing;

/// <summary>Accounts the demo seed does not have, made through the app's own UserManager (functional and browser tests).</summary>
public static class TestAccounts
{
    /// <summary>Creates the account (password <see cref="DemoAccounts.Password"/>) unless it exists; returns its ID.</summary>
    public static async Task<string> EnsureAccountAsync(this IcpFilingWebFactory factory, string email, string role, string? resellerId = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, ResellerId = resellerId };
        Check(await users.CreateAsync(user, DemoAccounts.Password));
        Check(await users.AddToRoleAsync(user, role));
        return user.Id;

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
