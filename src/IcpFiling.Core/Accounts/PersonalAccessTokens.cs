using System.Globalization;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>A new token and its text, which is never shown again.</summary>
public sealed record CreatedToken(int Id, string Name, IReadOnlyList<string> Scopes, DateTime ExpiresAt, string Token);

/// <summary>Who calls the API with a token: the account (and its role), and what the token allows.</summary>
public sealed record TokenCaller(string AccountId, string? Role, int TokenId, string TokenName, IReadOnlyList<string> Scopes);

/// <summary>A token as its account's page lists it (never the secret).</summary>
public sealed record TokenListItem(int Id, string Name, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>People's API tokens (<c>icpt_{keyId}_{secret}</c>): made and revoked by their account, verified on every API call.</summary>
public sealed class PersonalAccessTokens(ChangeRunner changes, IcpFilingDbContext db, TimeProvider time, WriteGate? gate = null)
{
    public const string Prefix = "icpt_";

    /// <summary>Active tokens an account may hold: enough for every script, not a store of forgotten secrets.</summary>
    public const int MaxActivePerAccount = 20;

    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public Task<Outcome<CreatedToken>> CreateAsync(
        Actor actor, string? name, IReadOnlyCollection<string> scopes, int expiresInDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scopes);
        var trimmed = name?.Trim();
        var allowed = TokenScopes.For(actor.Role);
        var problems = new List<Problem>();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > PersonalAccessToken.NameMaxLength)
        {
            problems.Add(new Problem("Name", new Notice("Give the token a name of at most {0} characters.", PersonalAccessToken.NameMaxLength)));
        }

        if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s)))
        {
            problems.Add(new Problem("Scopes", new Notice("Choose one or more of: {0}.", string.Join(", ", allowed))));
        }

        if (expiresInDays is < 1 or > PersonalAccessToken.MaxLifetimeDays)
        {
            problems.Add(new Problem("ExpiresInDays", new Notice("A token lasts between 1 and {0} days.", PersonalAccessToken.MaxLifetimeDays)));
        }

        if (problems.Count > 0)
        {
            return Task.FromResult<Outcome<CreatedToken>>(Outcome.Invalid(problems));
        }

        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var active = await scope.Db.PersonalAccessTokens
                .CountAsync(t => t.AccountId == actor.AccountId && t.RevokedAt == null && t.ExpiresAt > scope.UtcNow, ct);
            if (active >= MaxActivePerAccount)
            {
                return Outcome.Refused(field: null, "You have {0} active tokens, the most an account may hold. Revoke one you no longer use.", active);
            }

            var key = SecretKeys.New(Prefix);
            var token = new PersonalAccessToken
            {
                AccountId = actor.AccountId,
                Name = trimmed!,
                Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                KeyId = key.KeyId,
                SecretHash = key.SecretHash,
                CreatedAt = scope.UtcNow,
                ExpiresAt = scope.UtcNow.AddDays(expiresInDays),
            };
            scope.Db.PersonalAccessTokens.Add(token);
            await scope.Db.SaveChangesAsync(ct);
            scope.Audit(AuditActions.TokenCreated, AuditSubjects.Token, token.Id.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{token.Name}; scopes {token.Scopes}; expires {token.ExpiresAt:yyyy-MM-dd}"));
            return Outcome.Done(
                new CreatedToken(token.Id, token.Name, token.ScopeList, token.ExpiresAt, key.Text),
                new Notice("Token {0} was created. Copy it now: it is not shown again.", token.Name));
        }, cancellationToken);
    }

    /// <summary>Revokes one of the actor's own tokens; another account's token is not found.</summary>
    public Task<Outcome<int>> RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var token = await scope.Db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.AccountId == actor.AccountId, ct);
            if (token is null)
            {
                return Outcome.NotFound;
            }

            if (token.RevokedAt is not null)
            {
                return Outcome.Replayed(tokenId, new Notice("Token {0} was already revoked.", token.Name));
            }

            token.RevokedAt = scope.UtcNow;
            scope.Audit(AuditActions.TokenRevoked, AuditSubjects.Token, tokenId.ToString(CultureInfo.InvariantCulture), token.Name);
            return Outcome.Done(tokenId, new Notice("Token {0} is revoked: it no longer works.", token.Name));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TokenListItem>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        (await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.AccountId == accountId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken))
        .Select(t => new TokenListItem(t.Id, t.Name, t.ScopeList, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
        .ToList();

    /// <summary>
    /// The caller a token belongs to; null for a malformed, unknown, revoked or expired token, or one whose account is
    /// suspended or locked out (indistinguishable on purpose).
    /// </summary>
    public async Task<TokenCaller?> VerifyAsync(string? text, CancellationToken cancellationToken)
    {
        if (!SecretKeys.TryParse(text, Prefix, out var keyId, out var secret))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await (
            from t in db.PersonalAccessTokens.AsNoTracking()
            where t.KeyId == keyId
            join u in db.Users on t.AccountId equals u.Id
            select new
            {
                Token = t,
                u.Suspended,
                u.LockoutEnd,
                Role = (from ur in db.UserRoles where ur.UserId == u.Id join r in db.Roles on ur.RoleId equals r.Id select r.Name).FirstOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken);
        if (!SecretKeys.Matches(found?.Token.SecretHash, secret) || found is null || !found.Token.IsActiveAt(now)
            || found.Suspended || found.LockoutEnd > new DateTimeOffset(now, TimeSpan.Zero))
        {
            return null;
        }

        var token = found.Token;
        var stale = now - LastUseResolution;
        // Most calls find the last use recent and write nothing: an UPDATE, even of no row, takes SQLite's one write lock.
        if (token.LastUsedAt is null || token.LastUsedAt < stale)
        {
            using (await (gate ?? WriteGate.Open).EnterAsync(cancellationToken))
            {
                await db.PersonalAccessTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            }
        }

        return new TokenCaller(token.AccountId, found.Role, token.Id, token.Name, token.ScopeList);
    }
}
