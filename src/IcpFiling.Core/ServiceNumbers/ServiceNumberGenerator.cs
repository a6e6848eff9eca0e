using System.Security.Cryptography;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>Makes unguessable numbers shaped like a version-4 UUID, from the cryptographic random source.</summary>
public static class ServiceNumberGenerator
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
        var trimmed = input?.Trim();
        return trimmed is { Length: ServiceNumber.NumberLength } && Guid.TryParseExact(trimmed, "D", out var parsed)
            ? parsed.ToString("D")
            : null;
    }
}
