using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>
/// Who may sign in, and as what: an administrator changes an account's role, locks and unlocks it, signs it out
/// everywhere or resets its two-factor sign-in. Each is one change with its audit row (the reason where it removes or
/// blocks something). An administrator cannot lock themselves out or change their own role, and the last
/// administrator who can sign in keeps both (<see cref="LastAdminGuard"/>).
/// </summary>
public sealed class AccountAccessCommands(ChangeRunner changes)
{
    /// <summary>Identity's locked-for-good: a lock an administrator sets lasts until one lifts it.</summary>
    public static readonly DateTimeOffset LockedUntilLifted = DateTimeOffset.MaxValue;

    /// <summary>Gives the account exactly one role. The last administrator who can sign in keeps the role; nobody changes their own.</summary>
    public Task<Outcome<string>> ChangeRoleAsync(Actor actor, string accountId, string? role, string? reason, CancellationToken cancellationToken)
    {
        var why = AuditReason.Normalize(reason, out var problem);
        if (problem is not null || role is null || !Roles.All.Contains(role))
        {
            return AccountChange.Invalid(problem ?? new Problem("Role", new Notice("Choose a role.")));
        }

        return changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            if (accountId == actor.AccountId)
            {
                return Outcome.Refused("Role", "You cannot change your own role: ask another administrator.");
            }

            var current = await (from ur in scope.Db.UserRoles join r in scope.Db.Roles on ur.RoleId equals r.Id
                                 where ur.UserId == accountId select new { ur, r.Name }).ToListAsync(ct);
            if (current is [{ Name: var only }] && only == role)
            {
                return Outcome.Replayed(accountId, new Notice("{0} already has the role {1}.", user.Email!, role));
            }

            if (current.Any(c => c.Name == Roles.Admin) && role != Roles.Admin && !await LastAdminGuard.AnotherActiveAdminAsync(scope, accountId, ct))
            {
                return LastAdminGuard.Refusal("Role", user);
            }

            scope.Db.UserRoles.RemoveRange(current.Select(c => c.ur));
            scope.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = accountId, RoleId = await AccountChange.RoleIdAsync(scope, role, ct) });
            if (role != Roles.Owner && user.ResellerId is not null)
            {
                await ResellerNumbers.FollowResellerAsync(scope, [accountId], null, ct);
                user.ResellerId = null;
            }

            // A new role takes effect at once: the old cookies carry the old role.
            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.RoleChanged, AuditSubjects.Account, accountId,
                $"{string.Join(", ", current.Select(c => c.Name))} → {role}", why);
            return Outcome.Done(accountId, new Notice("{0} now has the role {1}.", user.Email!, role));
        }, cancellationToken);
    }

    /// <summary>Locks the account until an administrator unlocks it, and ends its sessions.</summary>
    public Task<Outcome<string>> LockAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        AccountChange.WithReason(reason, why => changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            if (accountId == actor.AccountId)
            {
                return Outcome.Refused(field: null, "You cannot lock yourself out.");
            }

            if (user.LockoutEnd == LockedUntilLifted)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is already locked.", user.Email!));
            }

            if (await AccountChange.HasRoleAsync(scope, accountId, Roles.Admin, ct) && !await LastAdminGuard.AnotherActiveAdminAsync(scope, accountId, ct))
            {
                return LastAdminGuard.Refusal(field: null, user);
            }

            user.LockoutEnabled = true;
            user.LockoutEnd = LockedUntilLifted;
            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.AccountLocked, AuditSubjects.Account, accountId, "locked until an administrator unlocks it; signed out everywhere", why);
            return Outcome.Done(accountId, new Notice("{0} is locked and signed out everywhere.", user.Email!));
        }, cancellationToken));

    /// <summary>Lifts a lock, an administrator's or one left by failed sign-ins.</summary>
    public Task<Outcome<string>> UnlockAsync(Actor actor, string accountId, CancellationToken cancellationToken) =>
        changes.OnAccountAsync<string>(actor, accountId, (scope, user) =>
        {
            if (user.LockoutEnd is null && user.AccessFailedCount == 0)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is not locked.", user.Email!));
            }

            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            scope.Audit(AuditActions.AccountUnlocked, AuditSubjects.Account, accountId, "lock lifted, failed sign-ins reset");
            return Outcome.Done(accountId, new Notice("{0} is unlocked.", user.Email!));
        }, cancellationToken);

    /// <summary>A new security stamp: every cookie of the account stops working at its next check.</summary>
    public Task<Outcome<string>> SignOutEverywhereAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        AccountChange.WithReason(reason, why => changes.OnAccountAsync<string>(actor, accountId, (scope, user) =>
        {
            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.SignedOutEverywhere, AuditSubjects.Account, accountId, "security stamp renewed", why);
            return Outcome.Done(accountId, new Notice("{0} is signed out everywhere.", user.Email!));
        }, cancellationToken));

    /// <summary>Turns two-factor sign-in off and forgets the authenticator key and recovery codes; the holder sets it up again.</summary>
    public Task<Outcome<string>> ResetTwoFactorAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        AccountChange.WithReason(reason, why => changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            var tokens = await scope.Db.UserTokens.Where(t => t.UserId == accountId).ToListAsync(ct);
            if (!user.TwoFactorEnabled && tokens.Count == 0)
            {
                return Outcome.Replayed(accountId, new Notice("{0} has no two-factor set-up.", user.Email!));
            }

            user.TwoFactorEnabled = false;
            scope.Db.UserTokens.RemoveRange(tokens);
            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.TwoFactorReset, AuditSubjects.Account, accountId, "two-factor off, authenticator key and recovery codes removed", why);
            return Outcome.Done(accountId, new Notice("Two-factor sign-in of {0} is reset.", user.Email!));
        }, cancellationToken));
}
