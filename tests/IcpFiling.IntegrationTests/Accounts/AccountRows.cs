using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>The account commands as the web app serves them (a DbContext of their own per request), and the rows they leave.</summary>
internal static class AccountRows
{
    public static Actor Admin(string accountId) => new(accountId, Roles.Admin, "corr-admin");

    public static async Task<T> ProvisioningAsync<T>(this TestDatabase database, Func<AccountProvisioningCommands, Task<T>> run)
    {
        await using var db = database.NewContext();
        return await run(new AccountProvisioningCommands(database.Runner(db)));
    }

    public static async Task<T> AccessAsync<T>(this TestDatabase database, Func<AccountAccessCommands, Task<T>> run)
    {
        await using var db = database.NewContext();
        return await run(new AccountAccessCommands(database.Runner(db)));
    }

    public static async Task<T> ResellerLinksAsync<T>(this TestDatabase database, Func<ResellerLinkCommands, Task<T>> run)
    {
        await using var db = database.NewContext();
        return await run(new ResellerLinkCommands(database.Runner(db)));
    }

    public static async Task<ApplicationUser> UserAsync(this TestDatabase database, string accountId)
    {
        await using var db = database.NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == accountId);
    }

    /// <summary>Changes the stored account as something outside the commands would (a sign-in, the inventory).</summary>
    public static async Task UpdateUserAsync(this TestDatabase database, string accountId, Action<ApplicationUser> change)
    {
        await using var db = database.NewContext();
        change(await db.Users.SingleAsync(u => u.Id == accountId));
        await db.SaveChangesAsync();
    }

    /// <summary>An account that can sign in: it has a password.</summary>
    public static async Task<string> SeedSignInAccountAsync(this TestDatabase database, string userName, string role)
    {
        var id = await database.SeedAccountAsync(userName, role);
        await database.UpdateUserAsync(id, u => u.PasswordHash = "hash-of-" + userName);
        return id;
    }

    public static async Task<List<string>> RolesOfAsync(this TestDatabase database, string accountId)
    {
        await using var db = database.NewContext();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                      where ur.UserId == accountId orderby r.Name select r.Name!).ToListAsync();
    }
}
