using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>An account an administrator creates by hand. Without a password: its holder is invited to set one.</summary>
public sealed record NewAccount(string? Email, string? DisplayName, string? Role, string? AccountId = null, string? ResellerEmail = null, string? Language = null);

/// <summary>Whom a set-password link is for, and whether it is an invitation (no password yet) or a reset.</summary>
public sealed record PasswordLinkTarget(string AccountId, string Email, string Language, bool Invitation);

/// <summary>
/// What administrators do to accounts. Each is one change with its audit row (the acting admin, and the reason where
/// it removes or blocks something). Two guards hold whatever the order of requests: the console always keeps an
/// administrator who can sign in, and an administrator cannot lock themselves out (lock, demote themselves).
/// </summary>
public sealed class AccountCommands(ChangeRunner changes)
{
    /// <summary>Identity's locked-for-good: a lock an administrator sets lasts until one lifts it.</summary>
    public static readonly DateTimeOffset LockedUntilLifted = DateTimeOffset.MaxValue;

    public Task<Outcome<string>> CreateAsync(Actor actor, NewAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<Problem>();
        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0 || email.Length > InputLimits.EmailMaxLength || !InventoryValidation.IsEmail(email))
        {
            problems.Add(new("Email", new Notice("Give a valid e-mail address of at most {0} characters.", InputLimits.EmailMaxLength)));
        }

        var displayName = request.DisplayName?.Trim() ?? "";
        if (displayName.Length > ApplicationUser.DisplayNameMaxLength)
        {
            problems.Add(new("DisplayName", new Notice("The name can be at most {0} characters long.", ApplicationUser.DisplayNameMaxLength)));
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            problems.Add(new("Role", new Notice("Choose a role.")));
        }

        var accountId = string.IsNullOrWhiteSpace(request.AccountId) ? null : request.AccountId.Trim();
        if (accountId is not null && !InventoryValidation.IsId(accountId))
        {
            problems.Add(new("AccountId", new Notice(InventoryValidation.IdMessage)));
        }

        var resellerEmail = string.IsNullOrWhiteSpace(request.ResellerEmail) ? null : request.ResellerEmail.Trim();
        if (resellerEmail is not null && request.Role != Roles.Owner)
        {
            problems.Add(new("ResellerEmail", new Notice("Only an owner account can be a reseller's customer.")));
        }

        var language = string.IsNullOrEmpty(request.Language) ? AccountLanguages.English : request.Language;
        if (!AccountLanguages.All.Contains(language))
        {
            problems.Add(new("Language", new Notice("Choose a language.")));
        }

        if (problems.Count > 0)
        {
            return Task.FromResult<Outcome<string>>(Outcome.Invalid(problems));
        }

        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var normalized = email.ToUpperInvariant();
            if (await scope.Db.Users.AnyAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, ct))
            {
                return Outcome.Refused("Email", "Another account uses the e-mail address {0}.", email);
            }

            var id = accountId ?? Guid.NewGuid().ToString();
            if (accountId is not null && await scope.Db.Users.AnyAsync(u => u.Id == accountId, ct))
            {
                return Outcome.Refused("AccountId", "An account with the id {0} exists already.", accountId);
            }

            string? resellerId = null;
            if (resellerEmail is not null)
            {
                resellerId = await ResellerIdAsync(scope, resellerEmail, ct);
                if (resellerId is null)
                {
                    return Outcome.Refused("ResellerEmail", "No reseller account has the e-mail address {0}.", resellerEmail);
                }
            }

            scope.Db.Users.Add(new ApplicationUser
            {
                Id = id,
                UserName = email,
                NormalizedUserName = normalized,
                Email = email,
                NormalizedEmail = normalized,
                EmailConfirmed = true,
                DisplayName = displayName,
                ResellerId = resellerId,
                Language = language,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
            scope.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = await RoleIdAsync(scope, request.Role!, ct) });
            scope.Audit(AuditActions.AccountAdded, AuditSubjects.Account, id, $"{email}; role {request.Role}; reseller {resellerEmail ?? "none"}");
            return Outcome.Done(id, new Notice("Account {0} was created.", email));
        }, cancellationToken);
    }

    /// <summary>Gives the account exactly one role. The last administrator who can sign in keeps the role; nobody changes their own.</summary>
    public Task<Outcome<string>> ChangeRoleAsync(Actor actor, string accountId, string? role, string? reason, CancellationToken cancellationToken)
    {
        var why = AuditReason.Normalize(reason, out var problem);
        if (problem is not null || role is null || !Roles.All.Contains(role))
        {
            return Invalid(problem ?? new Problem("Role", new Notice("Choose a role.")));
        }

        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

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

            if (current.Any(c => c.Name == Roles.Admin) && role != Roles.Admin && !await AnotherActiveAdminAsync(scope, accountId, ct))
            {
                return Outcome.Refused("Role", "{0} is the last administrator who can sign in; make another administrator first.", user.Email!);
            }

            scope.Db.UserRoles.RemoveRange(current.Select(c => c.ur));
            scope.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = accountId, RoleId = await RoleIdAsync(scope, role, ct) });
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

    /// <summary>Makes an owner account a customer of a reseller (the inventory API sets the same link).</summary>
    public Task<Outcome<string>> LinkResellerAsync(Actor actor, string accountId, string? resellerEmail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(resellerEmail) || resellerEmail.Length > InputLimits.EmailMaxLength)
        {
            return Invalid(new Problem("ResellerEmail", new Notice("Enter the reseller's e-mail address.")));
        }

        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            if (!await HasRoleAsync(scope, accountId, Roles.Owner, ct))
            {
                return Outcome.Refused("ResellerEmail", "Only an owner account can be a reseller's customer.");
            }

            var resellerId = await ResellerIdAsync(scope, resellerEmail.Trim(), ct);
            if (resellerId is null)
            {
                return Outcome.Refused("ResellerEmail", "No reseller account has the e-mail address {0}.", resellerEmail.Trim());
            }

            if (user.ResellerId == resellerId)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is already a customer of {1}.", user.Email!, resellerEmail.Trim()));
            }

            var previous = user.ResellerId;
            await ResellerNumbers.FollowResellerAsync(scope, [accountId], resellerId, ct);
            user.ResellerId = resellerId;
            scope.Audit(AuditActions.ResellerLinked, AuditSubjects.Account, accountId, $"reseller {resellerId} (before: {previous ?? "none"})");
            return Outcome.Done(accountId, new Notice("{0} is now a customer of {1}.", user.Email!, resellerEmail.Trim()));
        }, cancellationToken);
    }

    public Task<Outcome<string>> UnlinkResellerAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        WithReason(reason, why => changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            if (user.ResellerId is not { } previous)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is not a reseller's customer.", user.Email!));
            }

            await ResellerNumbers.FollowResellerAsync(scope, [accountId], null, ct);
            user.ResellerId = null;
            scope.Audit(AuditActions.ResellerUnlinked, AuditSubjects.Account, accountId, $"reseller {previous}", why);
            return Outcome.Done(accountId, new Notice("{0} is no longer a reseller's customer.", user.Email!));
        }, cancellationToken));

    /// <summary>Locks the account until an administrator unlocks it, and ends its sessions.</summary>
    public Task<Outcome<string>> LockAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        WithReason(reason, why => changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            if (accountId == actor.AccountId)
            {
                return Outcome.Refused(field: null, "You cannot lock yourself out.");
            }

            if (user.LockoutEnd == LockedUntilLifted)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is already locked.", user.Email!));
            }

            if (await HasRoleAsync(scope, accountId, Roles.Admin, ct) && !await AnotherActiveAdminAsync(scope, accountId, ct))
            {
                return Outcome.Refused(field: null, "{0} is the last administrator who can sign in; make another administrator first.", user.Email!);
            }

            user.LockoutEnabled = true;
            user.LockoutEnd = LockedUntilLifted;
            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.AccountLocked, AuditSubjects.Account, accountId, "locked until an administrator unlocks it; signed out everywhere", why);
            return Outcome.Done(accountId, new Notice("{0} is locked and signed out everywhere.", user.Email!));
        }, cancellationToken));

    /// <summary>Lifts a lock, an administrator's or one left by failed sign-ins.</summary>
    public Task<Outcome<string>> UnlockAsync(Actor actor, string accountId, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

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
        WithReason(reason, why => changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            user.SecurityStamp = Guid.NewGuid().ToString();
            scope.Audit(AuditActions.SignedOutEverywhere, AuditSubjects.Account, accountId, "security stamp renewed", why);
            return Outcome.Done(accountId, new Notice("{0} is signed out everywhere.", user.Email!));
        }, cancellationToken));

    /// <summary>Turns two-factor sign-in off and forgets the authenticator key and recovery codes; the holder sets it up again.</summary>
    public Task<Outcome<string>> ResetTwoFactorAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        WithReason(reason, why => changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

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

    /// <summary>
    /// Prepares a set-password link for the account: an invitation when it has no password yet (earlier invitation
    /// links are spent, since the security stamp they were made under is renewed), a reset otherwise (the holder's
    /// sessions go on until the password changes). The caller makes the link under the returned stamp.
    /// </summary>
    public Task<Outcome<PasswordLinkTarget>> IssuePasswordLinkAsync(Actor actor, string accountId, string how, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            if (user.Suspended)
            {
                return Outcome.Refused(field: null, "{0} is suspended by the provider and cannot sign in.", user.Email!);
            }

            var invitation = user.PasswordHash is null;
            if (invitation)
            {
                user.SecurityStamp = Guid.NewGuid().ToString();
            }

            scope.Audit(invitation ? AuditActions.InvitationIssued : AuditActions.PasswordResetIssued, AuditSubjects.Account, accountId, how);
            return Outcome.Done(
                new PasswordLinkTarget(accountId, user.Email!, user.Language ?? AccountLanguages.English, invitation),
                invitation ? new Notice("Invitation for {0} made.", user.Email!) : new Notice("Password reset link for {0} made.", user.Email!));
        }, cancellationToken);

    /// <summary>
    /// Stores a new password hash (the host checks the password policy and hashes it) and renews the security stamp,
    /// which spends every set-password link issued so far: a link works once, even when two submits race.
    /// <c>expectedStamp</c> is the stamp the link was made under; null when an operator sets it on the server.
    /// </summary>
    public Task<Outcome<string>> SetPasswordAsync(Actor actor, string accountId, string passwordHash, string? expectedStamp, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
        {
            var user = await scope.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == accountId, ct);
            if (user is null)
            {
                return Outcome.NotFound;
            }

            var stamp = Guid.NewGuid().ToString();
            // An administrator's lock outlives a new password; a lock left by failed sign-ins ends with it.
            var lockoutEnd = user.LockoutEnd == LockedUntilLifted ? user.LockoutEnd : null;
            var changed = await scope.Db.Users
                .Where(u => u.Id == accountId && (expectedStamp == null || u.SecurityStamp == expectedStamp))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.PasswordHash, passwordHash)
                    .SetProperty(u => u.SecurityStamp, stamp)
                    .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())
                    .SetProperty(u => u.AccessFailedCount, 0)
                    .SetProperty(u => u.LockoutEnd, lockoutEnd), ct);
            if (changed != 1)
            {
                return Outcome.Refused(field: null, "This link has been used or replaced. Ask for a new one.");
            }

            scope.Audit(AuditActions.PasswordSet, AuditSubjects.Account, accountId, user.PasswordHash is null ? "first password set" : "password reset");
            return Outcome.Done(accountId, new Notice("Your password is set. Sign in with it now."));
        }, cancellationToken);

    internal static async Task<string> RoleIdAsync(ChangeScope scope, string role, CancellationToken cancellationToken)
    {
        var normalized = role.ToUpperInvariant();
        return await scope.Db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The role {role} does not exist; start-up creates it.");
    }

    private static Task<bool> HasRoleAsync(ChangeScope scope, string accountId, string role, CancellationToken cancellationToken) =>
        scope.Db.UserRoles.AnyAsync(ur => ur.UserId == accountId && scope.Db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role), cancellationToken);

    private static async Task<string?> ResellerIdAsync(ChangeScope scope, string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        var resellerRole = await RoleIdAsync(scope, Roles.Reseller, cancellationToken);
        return await scope.Db.Users
            .Where(u => u.NormalizedEmail == normalized && scope.Db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == resellerRole))
            .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Whether an administrator other than <paramref name="accountId"/> can sign in: has a password, is not
    /// suspended and not locked by an administrator. Writing the Admin role's row first holds its lock to the end of
    /// the transaction, so two administrators removing each other at the same moment are judged one after the other.
    /// </summary>
    private static async Task<bool> AnotherActiveAdminAsync(ChangeScope scope, string accountId, CancellationToken cancellationToken)
    {
        var adminRole = await RoleIdAsync(scope, Roles.Admin, cancellationToken);
        var stamp = Guid.NewGuid().ToString();
        await scope.Db.Roles.Where(r => r.Id == adminRole).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, stamp), cancellationToken);
        var others = await scope.Db.Users
            .Where(u => u.Id != accountId && !u.Suspended && u.PasswordHash != null
                && scope.Db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole))
            .Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        return others.Any(end => end != LockedUntilLifted);
    }

    private static Task<Outcome<string>> WithReason(string? reason, Func<string, Task<Outcome<string>>> change)
    {
        var why = AuditReason.Normalize(reason, out var problem);
        return problem is null ? change(why!) : Invalid(problem);
    }

    private static Task<Outcome<string>> Invalid(Problem problem) => Task.FromResult<Outcome<string>>(Outcome.Invalid(problem));
}
