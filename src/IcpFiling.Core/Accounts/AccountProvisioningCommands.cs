using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>An account an administrator creates by hand. Without a password: its holder is invited to set one.</summary>
public sealed record NewAccount(string? Email, string? DisplayName, string? Role, string? AccountId = null, string? ResellerEmail = null, string? Language = null);

/// <summary>Whom a set-password link is for, and whether it is an invitation (no password yet) or a reset.</summary>
public sealed record PasswordLinkTarget(string AccountId, string Email, string Language, bool Invitation);

/// <summary>
/// Accounts an administrator (or the operator, on the command line) brings into being, and their passwords: the
/// account, the invitation or reset link its holder sets a password with, and the password itself. Each is one
/// change with its audit row.
/// </summary>
public sealed class AccountProvisioningCommands(ChangeRunner changes)
{
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
                resellerId = await ResellerLinkCommands.ResellerIdAsync(scope, resellerEmail, ct);
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
            scope.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = await AccountChange.RoleIdAsync(scope, request.Role!, ct) });
            scope.Audit(AuditActions.AccountAdded, AuditSubjects.Account, id, $"{email}; role {request.Role}; reseller {resellerEmail ?? "none"}");
            return Outcome.Done(id, new Notice("Account {0} was created.", email));
        }, cancellationToken);
    }

    /// <summary>
    /// Prepares a set-password link for the account: an invitation when it has no password yet (earlier invitation
    /// links are spent, since the security stamp they were made under is renewed), a reset otherwise (the holder's
    /// sessions go on until the password changes). The caller makes the link under the returned stamp.
    /// </summary>
    public Task<Outcome<PasswordLinkTarget>> IssuePasswordLinkAsync(Actor actor, string accountId, string how, CancellationToken cancellationToken) =>
        changes.OnAccountAsync<PasswordLinkTarget>(actor, accountId, (scope, user) =>
        {
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
        changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            var stamp = Guid.NewGuid().ToString();
            // An administrator's lock outlives a new password; a lock left by failed sign-ins ends with it.
            var lockoutEnd = user.LockoutEnd == AccountAccessCommands.LockedUntilLifted ? user.LockoutEnd : null;
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
}
