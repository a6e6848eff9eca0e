using System.Security.Cryptography;
using System.Text;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Inventory;

/// <summary>A new client and its key, which is never shown again.</summary>
public sealed record CreatedApiClient(int Id, string Name, IReadOnlyList<string> Scopes, string Key);

/// <summary>A client as it authenticates: who, and what it may do.</summary>
public sealed record ApiCaller(int ClientId, string Name, IReadOnlyList<string> Scopes);

/// <summary>Creates, revokes, lists and verifies API clients and their keys (<c>icpk_{keyId}_{secret}</c>).</summary>
public sealed class ApiClients(ChangeRunner changes, IcpFilingDbContext db, TimeProvider time)
{
    private const string Prefix = "icpk_";

    /// <summary>How often a client's last-use time is written at most: a busy client must not write on every call.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public Task<Outcome<CreatedApiClient>> CreateAsync(Actor actor, string? name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scopes);
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ApiClient.NameMaxLength)
        {
            return Task.FromResult<Outcome<CreatedApiClient>>(
                Outcome.Invalid("Name", "Give the client a name of at most {0} characters.", ApiClient.NameMaxLength));
        }

        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            return Task.FromResult<Outcome<CreatedApiClient>>(
                Outcome.Invalid("Scopes", "Give one or more scopes of: {0}.", string.Join(", ", ApiScopes.All)));
        }

        return changes.RunAsync(actor, async (scope, ct) =>
        {
            var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(ApiClient.KeyIdLength / 2));
            var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
            var client = new ApiClient
            {
                Name = trimmed,
                Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                KeyId = keyId,
                SecretHash = Hash(secret),
                CreatedAt = scope.UtcNow,
                CreatedBy = actor.AccountId,
            };
            scope.Db.ApiClients.Add(client);
            await scope.Db.SaveChangesAsync(ct);
            scope.Audit(AuditActions.ApiClientCreated, AuditSubjects.ApiClient, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{client.Name}; scopes {client.Scopes}");
            return Outcome.Done(
                new CreatedApiClient(client.Id, client.Name, client.ScopeList, $"{Prefix}{keyId}_{secret}"),
                new Notice("API client {0} was created. Copy its key now: it is not shown again.", client.Name));
        }, cancellationToken);
    }

    public Task<Outcome<int>> RevokeAsync(Actor actor, int clientId, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
        {
            var changed = await scope.Db.ApiClients.Where(c => c.Id == clientId && c.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, scope.UtcNow), ct);
            if (changed != 1)
            {
                return await scope.Db.ApiClients.AnyAsync(c => c.Id == clientId, ct)
                    ? Outcome.Refused(field: null, "API client {0} is already revoked.", clientId)
                    : Outcome.NotFound;
            }

            scope.Audit(AuditActions.ApiClientRevoked, AuditSubjects.ApiClient, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), "key no longer accepted");
            return Outcome.Done(clientId, new Notice("API client {0} is revoked: its key is no longer accepted.", clientId));
        }, cancellationToken);

    public Task<List<ApiClient>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiClients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>The caller a key belongs to; null for a malformed, unknown or revoked key (indistinguishable on purpose).</summary>
    public async Task<ApiCaller?> VerifyAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }

        var parts = key[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != ApiClient.KeyIdLength)
        {
            return null;
        }

        var keyId = parts[0];
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.KeyId == keyId, cancellationToken);
        // The hash is compared in constant time, and a missing client costs a hash too, so timing says nothing.
        var expected = Convert.FromHexString(client?.SecretHash ?? new string('0', 64));
        var matches = CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(Hash(parts[1])));
        if (client is null || !matches || client.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - LastUseResolution;
        await db.ApiClients.Where(c => c.Id == client.Id && (c.LastUsedAt == null || c.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), cancellationToken);
        return new ApiCaller(client.Id, client.Name, client.ScopeList);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
