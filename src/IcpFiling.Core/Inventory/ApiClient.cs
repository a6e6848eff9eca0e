namespace IcpFiling.Core.Inventory;

/// <summary>The scopes an API client may hold.</summary>
public static class ApiScopes
{
    public const string InventoryWrite = "inventory:write";
    public const string InventoryRead = "inventory:read";

    public static IReadOnlyList<string> All { get; } = [InventoryWrite, InventoryRead];
}

/// <summary>
/// A system that calls the API (the provider's billing, say). Its secret key is shown once, when made; only
/// a SHA-256 hash of the key's secret part is stored, next to a public key id that finds the client.
/// </summary>
public sealed class ApiClient
{
    public const int NameMaxLength = 100;
    public const int KeyIdLength = Accounts.SecretKeys.KeyIdLength;

    public int Id { get; private set; }

    public required string Name { get; init; }

    /// <summary>Space-separated scopes, e.g. <c>inventory:write inventory:read</c>.</summary>
    public required string Scopes { get; init; }

    /// <summary>The public part of the key, which finds the client.</summary>
    public required string KeyId { get; init; }

    /// <summary>SHA-256 of the secret part, hex.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The secret's hash before the last rotation: still accepted until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousSecretHash { get; set; }

    public DateTime? PreviousSecretValidUntil { get; set; }

    public DateTime? RotatedAt { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
