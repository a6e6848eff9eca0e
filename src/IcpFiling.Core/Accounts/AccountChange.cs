using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>What the account commands share: the account loaded inside the change (or NotFound), its roles, the reason.</summary>
internal static class AccountChange
{
    /// <summary>Runs <paramref name="change"/> on the account, read (tracked) inside the change; an unknown id answers NotFound.</summary>
    public static Task<Outcome<T>> OnAccountAsync<T>(
        this ChangeRunner changes, Actor actor, string accountId,
        Func<ChangeScope, ApplicationUser, CancellationToken, Task<Outcome<T>>> change, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
            await scope.Db.Users.SingleOrDefaultAsync(u => u.Id == accountId, ct) is { } user
                ? await change(scope, user, ct)
                : Outcome.NotFound, cancellationToken);

    /// <summary>The same, for a change that decides without reading anything more.</summary>
    public static Task<Outcome<T>> OnAccountAsync<T>(
        this ChangeRunner changes, Actor actor, string accountId,
        Func<ChangeScope, ApplicationUser, Outcome<T>> change, CancellationToken cancellationToken) =>
        changes.OnAccountAsync(actor, accountId, (scope, user, _) => Task.FromResult(change(scope, user)), cancellationToken);

    /// <summary>Runs <paramref name="change"/> with the normalized reason, or answers Invalid when the reason is missing or too long.</summary>
    public static Task<Outcome<string>> WithReason(string? reason, Func<string, Task<Outcome<string>>> change)
    {
        var why = AuditReason.Normalize(reason, out var problem);
        return problem is null ? change(why!) : Invalid(problem);
    }

    public static Task<Outcome<T>> Invalid<T>(Problem problem) => Task.FromResult<Outcome<T>>(Outcome.Invalid(problem));

    public static Task<Outcome<string>> Invalid(Problem problem) => Invalid<string>(problem);

    /// <summary>The id of one of the console's roles, which start-up creates; a missing one is a bug.</summary>
    public static async Task<string> RoleIdAsync(ChangeScope scope, string role, CancellationToken cancellationToken)
    {
        var normalized = role.ToUpperInvariant();
        return await scope.Db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The role {role} does not exist; start-up creates it.");
    }

    public static Task<bool> HasRoleAsync(ChangeScope scope, string accountId, string role, CancellationToken cancellationToken) =>
        scope.Db.UserRoles.AnyAsync(ur => ur.UserId == accountId && scope.Db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role), cancellationToken);
}
