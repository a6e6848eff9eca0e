using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>Makes unguessable numbers shaped like a version-4 UUID, from the cryptographic random source.</summary>
public static partial class ServiceNumberGenerator
{
    public static string NewNumber()
    {
        // Guid.NewGuid is not documented as cryptographically random, so draw the bytes ourselves.
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>Trims and lower-cases user input; null when it is not number-shaped.</summary>
    public static string? Normalize(string? input)
    {
        // Guid parsing tolerates '+' and '0x' inside groups, which would turn a typo into another number:
        // accept exactly 8-4-4-4-12 hex digits and nothing else.
        var trimmed = input?.Trim();
        return trimmed is not null && NumberShape().IsMatch(trimmed) ? trimmed.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShape();
}
