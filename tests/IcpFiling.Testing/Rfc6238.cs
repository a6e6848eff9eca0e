using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace IcpFiling.Testing;

/// <summary>
/// What an authenticator app computes (RFC 6238 TOTP: HMAC-SHA1 over 30-second steps, 6 digits), written from the
/// RFC so the tests check the console against the standard, not against Identity's own code.
/// </summary>
public static class Rfc6238
{
    /// <summary>The code shown now for a key as the console displays it (Base32, grouped with spaces, any case).</summary>
    public static string CodeFor(string key) =>
        Code(Base32(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>The code for a raw secret at a Unix time.</summary>
    public static string Code(byte[] secret, long unixSeconds, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, unixSeconds / 30);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % (int)Math.Pow(10, digits);
        return value.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>A code that is surely wrong now (not the current code).</summary>
    public static string WrongCodeFor(string key) => CodeFor(key) == "000000" ? "111111" : "000000";

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
