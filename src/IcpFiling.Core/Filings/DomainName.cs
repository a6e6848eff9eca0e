using System.Globalization;

namespace IcpFiling.Core.Filings;

/// <summary>A website's host name, in Unicode (as people write it) and ASCII/punycode (as DNS and the registry need it).</summary>
public sealed record DomainName(string Unicode, string Ascii)
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Validates and normalizes user input. The error is an English message (and localization key).</summary>
    public static DomainNameParseResult Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Fail("Enter the website's domain name.");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return Fail("Enter the domain name only, without http:// or https://.");
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return Fail("A domain name cannot contain spaces.");
        }

        if (text.Contains('*', StringComparison.Ordinal))
        {
            return Fail("Wildcard domain names are not accepted: enter one website's domain name.");
        }

        if (text.IndexOfAny(['/', '?', '#']) >= 0)
        {
            return Fail("Enter the domain name only, without a path.");
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return Fail("Enter the domain name only, without a port number.");
        }

        // A trailing dot is the DNS root, not part of the name people file.
        text = text.TrimEnd('.').ToLowerInvariant();
        string ascii;
        try
        {
            ascii = Idn.GetAscii(text);
        }
        catch (ArgumentException)
        {
            return Fail("A domain name may contain only letters, digits, hyphens and dots, and no label may start or end with a hyphen.");
        }

        if (ascii.Length > MaxLength)
        {
            return Fail("A domain name can be at most 253 characters long.");
        }

        var labels = ascii.Split('.');
        if (labels.Any(label => label.Length > MaxLabelLength))
        {
            return Fail("Each part of a domain name between dots can be at most 63 characters long.");
        }

        if (labels.Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return Fail("Enter a full domain name, such as example.cn.");
        }

        return new DomainNameParseResult(new DomainName(Idn.GetUnicode(ascii), ascii), null);

        static DomainNameParseResult Fail(string error) => new(null, error);
    }

    public override string ToString() => Unicode;
}

public sealed record DomainNameParseResult(DomainName? Domain, string? Error)
{
    public bool IsValid => Domain is not null;
}
