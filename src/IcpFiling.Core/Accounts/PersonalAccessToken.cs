namespace IcpFiling.Core.Accounts;

/// <summary>What a personal access token may do on the API.</summary>
public static class TokenScopes
{
    public const string NumbersRead = "numbers:read";
    public const string NumbersApply = "numbers:apply";
    public const string NumbersGrant = "numbers:grant";

    /// <summary>Resellers only: their customers and the customers' numbers.</summary>
    public const string CustomersRead = "customers:read";

    public static IReadOnlyList<string> All { get; } = [NumbersRead, NumbersApply, NumbersGrant, CustomersRead];

    /// <summary>The scopes an account in <paramref name="role"/> may give its tokens.</summary>
    public static IReadOnlyList<string> For(string? role) => role switch
    {
        Roles.Owner => [NumbersRead, NumbersApply, NumbersGrant],
        Roles.Reseller => [CustomersRead],
        _ => [],
    };
}

/// <summary>
/// A token an owner or reseller makes on their account page to use the API as themselves. Shown once; only a hash of
/// its secret is stored. It expires (at most a year after it was made), and can be revoked at any time.
/// </summary>
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;
    public const int MaxLifetimeDays = 365;

    public int Id { get; private set; }

    public required string AccountId { get; init; }

    public required string Name { get; init; }

    /// <summary>Space-separated scopes, e.g. <c>numbers:read numbers:apply</c>.</summary>
    public required string Scopes { get; init; }

    /// <summary>The public part of the token, which finds it.</summary>
    public required string KeyId { get; init; }

    /// <summary>SHA-256 of the secret part, hex.</summary>
    public required string SecretHash { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsActiveAt(DateTime utcNow) => RevokedAt is null && ExpiresAt > utcNow;
}
