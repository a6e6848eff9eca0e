using System.Globalization;

namespace IcpFiling.Core.Filings;

/// <summary>A website's host name, in Unicode (as people write it) and ASCII/punycode (as DNS and the registry need it).</summary>
public sealed record DomainName(string Unicode, string Ascii)
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    private const string BadCharacters =
        "A domain name may contain only letters, digits, hyphens and dots, and no label may start or end with a hyphen.";

    private const string LabelTooLong = "Each part of a domain name between dots can be at most 63 characters long.";

    private const string ReservedHyphens =
        "No part of a domain name may have two hyphens as its third and fourth characters (such as ab--cd): that form is reserved for internationalized names.";

    private const string BadPunycode = "A part of the domain name that starts with xn-- is not a valid internationalized name.";

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

        // Ideographic and full-width full stops are how Chinese input methods type '.'; a trailing dot is
        // the DNS root, not part of the name people file.
        text = text.Replace('\u3002', '.').Replace('\uFF0E', '.').Replace('\uFF61', '.').TrimEnd('.').ToLowerInvariant();

        // IdnMapping also refuses over-long names, so measure each label's ASCII form first to say which
        // rule was broken.
        var asciiLabels = new List<string>();
        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0)
            {
                return Fail("A domain name cannot contain empty parts (two dots in a row, or a leading dot).");
            }

            if (ReservedHyphenError(label) is { } reserved)
            {
                return Fail(reserved);
            }

            string asciiLabel;
            try
            {
                asciiLabel = label.All(char.IsAscii) ? label : Idn.GetAscii(label);
            }
            catch (ArgumentException)
            {
                // Refused either for its characters or because its punycode is over 63 characters.
                return Fail(HasOnlyValidCharacters(label) ? LabelTooLong : BadCharacters);
            }

            if (asciiLabel.Length > MaxLabelLength)
            {
                return Fail(LabelTooLong);
            }

            asciiLabels.Add(asciiLabel);
        }

        if (asciiLabels.Sum(l => l.Length) + asciiLabels.Count - 1 > MaxLength)
        {
            return Fail("A domain name can be at most 253 characters long.");
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text);
        }
        catch (ArgumentException)
        {
            return Fail(BadCharacters);
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return Fail("Enter a full domain name, such as example.cn.");
        }

        string unicode;
        try
        {
            unicode = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            // Every label passed the checks above; this is a last guard so no input can escape as an exception.
            return Fail(BadCharacters);
        }

        return new DomainNameParseResult(new DomainName(unicode, ascii), null);

        static DomainNameParseResult Fail(string error) => new(null, error);
    }

    public override string ToString() => Unicode;

    /// <summary>
    /// RFC 5891 §4.2.3.1 and UTS #46 (CheckHyphens) reserve "--" in positions 3 and 4 of a label: such a label is
    /// an A-label ("xn--", valid only if its punycode decodes to a valid U-label) or a reserved LDH label that
    /// IDNA forbids (RFC 5890 §2.3.1), so ab--cd.cn is refused rather than guessed at.
    /// </summary>
    private static string? ReservedHyphenError(string label)
    {
        if (label.Length < 4 || label[2] != '-' || label[3] != '-')
        {
            return null;
        }

        if (!label.StartsWith("xn--", StringComparison.Ordinal))
        {
            return ReservedHyphens;
        }

        try
        {
            var unicode = Idn.GetUnicode(label);
            // "xn--" must encode non-ASCII text (RFC 5891 §5.4): a round trip to the same label proves it.
            return unicode.All(char.IsAscii) || Idn.GetAscii(unicode) != label ? BadPunycode : null;
        }
        catch (ArgumentException)
        {
            return BadPunycode;
        }
    }

    private static bool HasOnlyValidCharacters(string label) =>
        !label.StartsWith('-') && !label.EndsWith('-') && label.EnumerateRunes().All(rune =>
            rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '-'
                : TryGetAscii(rune.ToString()));

    private static bool TryGetAscii(string text)
    {
        try
        {
            Idn.GetAscii(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

public sealed record DomainNameParseResult(DomainName? Domain, string? Error)
{
    public bool IsValid => Domain is not null;
}
