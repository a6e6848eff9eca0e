using System.Security.Cryptography;
using System.Text;

namespace IcpFiling.Core.Accounts;

/// <summary>A key as handed out once: its public id (which finds the row), the full text, and the hash that is stored.</summary>
public sealed record NewSecretKey(string KeyId, string Text, string SecretHash);

/// <summary>
/// Keys of the form <c>{prefix}{keyId}_{secret}</c>: a public id that finds the row, and a 256-bit secret of which
/// only a SHA-256 hash is stored. The same shape for API clients' keys and people's access tokens.
/// </summary>
public static class SecretKeys
{
    public const int KeyIdLength = 16;

    /// <summary>Longer text is refused before any parsing or hashing.</summary>
    private const int MaxLength = 200;

    /// <summary>A hash no secret has: compared when the key id is unknown, so the answer takes the same time.</summary>
    private static readonly string NoHash = new('0', 64);

    public static NewSecretKey New(string prefix) => Rekey(prefix, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2)));

    /// <summary>A new secret under an existing key id (a rotation).</summary>
    public static NewSecretKey Rekey(string prefix, string keyId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new NewSecretKey(keyId, $"{prefix}{keyId}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key; false for anything not of the shape.</summary>
    public static bool TryParse(string? text, string prefix, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (text is null || text.Length > MaxLength || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != KeyIdLength || parts[1].Length == 0)
        {
            return false;
        }

        (keyId, secret) = (parts[0], parts[1]);
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/> (null: no such key), in constant time.</summary>
    public static bool Matches(string? storedHash, string secret)
    {
        var expected = Convert.FromHexString(storedHash ?? NoHash);
        var matches = CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(Hash(secret)));
        return storedHash is not null && matches;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
