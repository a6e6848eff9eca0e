using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>One account as the administrators' list shows it.</summary>
public sealed record AccountListItem(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? ResellerId,
    string? ResellerEmail,
    bool Suspended,
    bool Locked,
    bool HasPassword,
    bool TwoFactorEnabled,
    DateTime? LastSignInAt,
    string? Language);

/// <summary>An account with the customers linked to it (when it is a reseller).</summary>
public sealed record AccountDetail(AccountListItem Account, IReadOnlyList<AccountListItem> Customers);

/// <summary>The columns the administrators' list of accounts can be ordered by.</summary>
public enum AccountSort
{
    Email,
    Name,
    LastSignIn,
}

/// <summary>Reads accounts for administrators: search by e-mail, name or id, filter by role, one page at a time.</summary>
public sealed class AccountDirectory(IcpFilingDbContext db, TimeProvider time)
{
    /// <summary>By e-mail, as the first column shows e-mails.</summary>
    public static readonly ListSort<AccountSort> DefaultSort = new(AccountSort.Email, Descending: false);

    public Task<Paged<AccountListItem>> SearchAsync(string? text, string? role, PageRequest page, CancellationToken cancellationToken) =>
        SearchAsync(text, role, DefaultSort, page, cancellationToken);

    public async Task<Paged<AccountListItem>> SearchAsync(
        string? text, string? role, ListSort<AccountSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = text.Trim();
            var upper = term.ToUpperInvariant();
            users = users.Where(u => u.Id == term || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)) || u.DisplayName.Contains(term));
        }

        if (role is not null && Roles.All.Contains(role))
        {
            var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }

        // Every order ends in the key, so accounts with equal values (never signed in, one name) keep one order.
        var ordered = (sort.Key, sort.Descending) switch
        {
            (AccountSort.Name, false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            (AccountSort.Name, true) => users.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.Id),
            (AccountSort.LastSignIn, false) => users.OrderBy(u => u.LastSignInAt).ThenBy(u => u.Id),
            (AccountSort.LastSignIn, true) => users.OrderByDescending(u => u.LastSignInAt).ThenByDescending(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenByDescending(u => u.Id),
            _ => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        };
        return await ordered
            .ToPagedAsync(page, (rows, ct) => ReadAsync(rows, ct), cancellationToken);
    }

    public async Task<AccountDetail?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(db.Users.AsNoTracking().Where(u => u.Id == accountId), cancellationToken);
        if (found is not [var account])
        {
            return null;
        }

        var customers = await ReadAsync(
            db.Users.AsNoTracking().Where(u => u.ResellerId == accountId).OrderBy(u => u.NormalizedEmail).Take(500), cancellationToken);
        return new AccountDetail(account, customers);
    }

    /// <summary>The id of the account with this e-mail, if any.</summary>
    public Task<string?> IdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>How many accounts have each role.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByRoleAsync(CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               group ur by r.Name into g
               select new { Role = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(g => g.Role, g => g.Count, cancellationToken);

    private async Task<List<AccountListItem>> ReadAsync(IQueryable<ApplicationUser> users, CancellationToken cancellationToken)
    {
        var rows = await users.Select(u => new
        {
            u.Id,
            u.Email,
            u.DisplayName,
            u.ResellerId,
            ResellerEmail = db.Users.Where(r => r.Id == u.ResellerId).Select(r => r.Email).FirstOrDefault(),
            u.Suspended,
            u.LockoutEnd,
            HasPassword = u.PasswordHash != null,
            u.TwoFactorEnabled,
            u.LastSignInAt,
            u.Language,
        }).ToListAsync(cancellationToken);
        // The page's roles in a second command: as a collection in the first, the page would be sorted again with them.
        var ids = rows.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name);
        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL: judged here, for one page.
        var now = time.GetUtcNow();
        return [.. rows.Select(u => new AccountListItem(
            u.Id, u.Email ?? "", u.DisplayName, [.. roles[u.Id].OfType<string>().Order(StringComparer.Ordinal)], u.ResellerId, u.ResellerEmail,
            u.Suspended, u.LockoutEnd > now, u.HasPassword, u.TwoFactorEnabled, u.LastSignInAt, u.Language))];
    }
}
