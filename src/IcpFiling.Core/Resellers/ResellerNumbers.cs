using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Resellers;

/// <summary>
/// Keeps <see cref="ServiceNumbers.ServiceNumber.ResellerId"/> equal to the reseller of the number's account
/// (docs/RULES.md, "Resellers"). Every command that changes an account's reseller calls this in its own change, so the
/// rewrite commits or rolls back with the account; the issuer copies the account's reseller into each new number.
/// </summary>
public static class ResellerNumbers
{
    /// <summary>
    /// Gives all the numbers of <paramref name="accountIds"/> the reseller <paramref name="resellerId"/> (null: none).
    /// Call it before the accounts' own rows are saved. On a database server the accounts' instances are touched first:
    /// an Apply touches its instance before it reads the account's reseller, so it either finishes (and its number is
    /// rewritten here) or waits and then reads the new reseller. On SQLite the single writer already orders the two.
    /// </summary>
    public static async Task FollowResellerAsync(ChangeScope scope, IReadOnlyCollection<string> accountIds, string? resellerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(accountIds);
        if (accountIds.Count == 0)
        {
            return;
        }

        var db = scope.Db;
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await db.Instances.Where(i => accountIds.Contains(i.OwnerId))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, i => i.OnHold), cancellationToken);
        }

        await db.ServiceNumbers.Where(n => accountIds.Contains(n.AccountId) && n.ResellerId != resellerId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ResellerId, resellerId), cancellationToken);
    }
}
