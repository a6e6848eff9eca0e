using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Resellers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>
/// Whose customer an owner account is: an administrator links it to a reseller or unlinks it (the inventory API sets
/// the same link). The account's numbers follow it in the same change (<see cref="ResellerNumbers"/>).
/// </summary>
public sealed class ResellerLinkCommands(ChangeRunner changes)
{
    /// <summary>Makes an owner account a customer of a reseller.</summary>
    public Task<Outcome<string>> LinkResellerAsync(Actor actor, string accountId, string? resellerEmail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(resellerEmail) || resellerEmail.Length > InputLimits.EmailMaxLength)
        {
            return AccountChange.Invalid(new Problem("ResellerEmail", new Notice("Enter the reseller's e-mail address.")));
        }

        var email = resellerEmail.Trim();
        return changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            if (!await AccountChange.HasRoleAsync(scope, accountId, Roles.Owner, ct))
            {
                return Outcome.Refused("ResellerEmail", "Only an owner account can be a reseller's customer.");
            }

            var resellerId = await ResellerIdAsync(scope, email, ct);
            if (resellerId is null)
            {
                return Outcome.Refused("ResellerEmail", "No reseller account has the e-mail address {0}.", email);
            }

            if (user.ResellerId == resellerId)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is already a customer of {1}.", user.Email!, email));
            }

            var previous = user.ResellerId;
            await ResellerNumbers.FollowResellerAsync(scope, [accountId], resellerId, ct);
            user.ResellerId = resellerId;
            scope.Audit(AuditActions.ResellerLinked, AuditSubjects.Account, accountId, $"reseller {resellerId} (before: {previous ?? "none"})");
            return Outcome.Done(accountId, new Notice("{0} is now a customer of {1}.", user.Email!, email));
        }, cancellationToken);
    }

    public Task<Outcome<string>> UnlinkResellerAsync(Actor actor, string accountId, string? reason, CancellationToken cancellationToken) =>
        AccountChange.WithReason(reason, why => changes.OnAccountAsync(actor, accountId, async (scope, user, ct) =>
        {
            if (user.ResellerId is not { } previous)
            {
                return Outcome.Replayed(accountId, new Notice("{0} is not a reseller's customer.", user.Email!));
            }

            await ResellerNumbers.FollowResellerAsync(scope, [accountId], null, ct);
            user.ResellerId = null;
            scope.Audit(AuditActions.ResellerUnlinked, AuditSubjects.Account, accountId, $"reseller {previous}", why);
            return Outcome.Done(accountId, new Notice("{0} is no longer a reseller's customer.", user.Email!));
        }, cancellationToken));

    /// <summary>The id of the reseller account with this e-mail address, if there is one.</summary>
    internal static async Task<string?> ResellerIdAsync(ChangeScope scope, string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        var resellerRole = await AccountChange.RoleIdAsync(scope, Roles.Reseller, cancellationToken);
        return await scope.Db.Users
            .Where(u => u.NormalizedEmail == normalized && scope.Db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == resellerRole))
            .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
