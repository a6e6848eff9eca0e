using IcpFiling.Core.Accounts;
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

    /// <summary>
    /// How long a client's previous key keeps working after a rotation: a day, so the calling system can roll the new
    /// key out to all its nodes without an outage, short enough that a leaked key does not live on.
    /// </summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);

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
            var key = SecretKeys.New(Prefix);
            var client = new ApiClient
            {
                Name = trimmed,
                Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                KeyId = key.KeyId,
                SecretHash = key.SecretHash,
                CreatedAt = scope.UtcNow,
                CreatedBy = actor.AccountId,
            };
            scope.Db.ApiClients.Add(client);
            await scope.Db.SaveChangesAsync(ct);
            scope.Audit(AuditActions.ApiClientCreated, AuditSubjects.ApiClient, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{client.Name}; scopes {client.Scopes}");
            return Outcome.Done(
                new CreatedApiClient(client.Id, client.Name, client.ScopeList, key.Text),
                new Notice("API client {0} was created. Copy its key now: it is not shown again.", client.Name));
        }, cancellationToken);
    }

    /// <summary>
    /// A new key for the client (shown once); the previous key keeps working for <see cref="RotationGrace"/>. Rotating
    /// again within the grace ends the oldest key at once: only the last two keys ever work.
    /// </summary>
    public Task<Outcome<CreatedApiClient>> RotateAsync(Actor actor, int clientId, CancellationToken cancellationToken) =>
        changes.RunAsync(actor, async (scope, ct) =>
        {
            var client = await scope.Db.ApiClients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
            if (client is null)
            {
                return Outcome.NotFound;
            }

            if (client.RevokedAt is not null)
            {
                return Outcome.Refused(field: null, "API client {0} is revoked; create a new client instead.", client.Name);
            }

            var key = SecretKeys.Rekey(Prefix, client.KeyId);
            client.PreviousSecretHash = client.SecretHash;
            client.PreviousSecretValidUntil = scope.UtcNow + RotationGrace;
            client.SecretHash = key.SecretHash;
            client.RotatedAt = scope.UtcNow;
            scope.Audit(AuditActions.ApiClientRotated, AuditSubjects.ApiClient, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{client.Name}; previous key accepted until {client.PreviousSecretValidUntil:yyyy-MM-ddTHH:mm:ssZ}"));
            return Outcome.Done(
                new CreatedApiClient(client.Id, client.Name, client.ScopeList, key.Text),
                new Notice("API client {0} has a new key. Copy it now: it is not shown again. The previous key works for {1} more hours.", client.Name, (int)RotationGrace.TotalHours));
        }, cancellationToken);

    public Task<Outcome<int>> RevokeAsync(Actor actor, int clientId, CancellationToken cancellationToken) =>
        RevokeAsync(actor, clientId, reason: null, cancellationToken);

    /// <summary>Ends every key of the client at once; the reason (an administrator's) goes into the audit trail.</summary>
    public Task<Outcome<int>> RevokeAsync(Actor actor, int clientId, string? reason, CancellationToken cancellationToken) =>
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

            scope.Audit(AuditActions.ApiClientRevoked, AuditSubjects.ApiClient, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), "key no longer accepted", reason);
            return Outcome.Done(clientId, new Notice("API client {0} is revoked: its key is no longer accepted.", clientId));
        }, cancellationToken);

    public Task<List<ApiClient>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiClients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>The caller a key belongs to; null for a malformed, unknown or revoked key (indistinguishable on purpose).</summary>
    public async Task<ApiCaller?> VerifyAsync(string? key, CancellationToken cancellationToken)
    {
        if (!SecretKeys.TryParse(key, Prefix, out var keyId, out var secret))
        {
            return null;
        }

        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.KeyId == keyId, cancellationToken);
        // Both hashes are compared in constant time, also for a missing client, so timing says nothing.
        var now = time.GetUtcNow().UtcDateTime;
        var matchesCurrent = SecretKeys.Matches(client?.SecretHash, secret);
        // The key before the last rotation, during its grace.
        var matchesPrevious = SecretKeys.Matches(client?.PreviousSecretHash, secret) && client?.PreviousSecretValidUntil > now;
        if (client is null || !(matchesCurrent || matchesPrevious) || client.RevokedAt is not null)
        {
            return null;
        }

        var stale = now - LastUseResolution;
        await db.ApiClients.Where(c => c.Id == client.Id && (c.LastUsedAt == null || c.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), cancellationToken);
        return new ApiCaller(client.Id, client.Name, client.ScopeList);
    }
}
