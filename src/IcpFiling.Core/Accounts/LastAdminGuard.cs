using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>
/// The console always keeps an administrator who can sign in, whatever the order of requests: a command that would
/// take the Admin role or sign-in from an administrator asks this first.
/// </summary>
internal static class LastAdminGuard
{
    /// <summary>
    /// Whether an administrator other than <paramref name="accountId"/> can sign in: has a password, is not
    /// suspended and not locked by an administrator. Writing the Admin role's row first holds its lock to the end of
    /// the transaction, so two administrators removing each other at the same moment are judged one after the other.
    /// </summary>
    public static async Task<bool> AnotherActiveAdminAsync(ChangeScope scope, string accountId, CancellationToken cancellationToken)
    {
        var adminRole = await AccountChange.RoleIdAsync(scope, Roles.Admin, cancellationToken);
        var stamp = Guid.NewGuid().ToString();
        await scope.Db.Roles.Where(r => r.Id == adminRole).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, stamp), cancellationToken);
        var others = await scope.Db.Users
            .Where(u => u.Id != accountId && !u.Suspended && u.PasswordHash != null
                && scope.Db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole))
            .Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        return others.Any(end => end != AccountAccessCommands.LockedUntilLifted);
    }

    /// <summary>The refusal when the account is the last administrator who can sign in.</summary>
    public static Failure Refusal(string? field, ApplicationUser user) =>
        Outcome.Refused(field, "{0} is the last administrator who can sign in; make another administrator first.", user.Email!);
}
