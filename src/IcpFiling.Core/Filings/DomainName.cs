using System.Globalization;
using System.Text;

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

    private const string DisallowedCharacter =
        "A part of the domain name contains a character that domain names do not allow, such as an emoji or a symbol.";

    private const string OutOfContext =
        "A part of the domain name has a joining or punctuation character (such as a middle dot) where international domain names do not allow it.";

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

        // IdnMapping applies UTS #46, which still admits IDNA2003's symbols (emoji among them): every label, however it
        // was typed, is judged again by IDNA2008 as its A-label decodes.
        foreach (var label in labels.Where(l => l.StartsWith("xn--", StringComparison.Ordinal)))
        {
            if (Idna2008.Check(Idn.GetUnicode(label)) is { } error)
            {
                return Fail(error == Idna2008.Fault.Disallowed ? DisallowedCharacter : OutOfContext);
            }
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

/// <summary>
/// IDNA2008's validity of a U-label (RFC 5891 §5.4): each code point's derived property by RFC 5892 §3 (computed from
/// its Unicode category and the RFC's exception and block lists, as the IANA table is), and the contextual rules of
/// RFC 5892 Appendix A for the joiners (CONTEXTJ) and the punctuation and digits (CONTEXTO) IDNA admits only in place.
/// Stricter than the RFC in one place: a ZERO WIDTH NON-JOINER is admitted only after a virama (its Arabic joining-type
/// rule is not applied), which no Chinese filing needs. The bidi rule (RFC 5893) is left to IdnMapping.
/// </summary>
internal static class Idna2008
{
    public enum Fault
    {
        Disallowed,
        Context,
    }

    public static Fault? Check(string label)
    {
        if (!label.IsNormalized(NormalizationForm.FormC))
        {
            return Fault.Disallowed;
        }

        var runes = label.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            switch (PropertyOf(runes[i]))
            {
                case Property.Disallowed:
                    return Fault.Disallowed;
                case Property.ContextJ when !IsAfterVirama(runes, i):
                case Property.ContextO when !ContextOHolds(runes, i):
                    return Fault.Context;
            }
        }

        return null;
    }

    private enum Property
    {
        Valid,
        ContextJ,
        ContextO,
        Disallowed,
    }

    /// <summary>RFC 5892 §3's rules in their order: exceptions, unassigned, LDH, join controls, unstable, ignorable, old jamo, letters and digits.</summary>
    private static Property PropertyOf(Rune rune)
    {
        var value = rune.Value;
        switch (value)
        {
            case 0x00DF or 0x03C2 or 0x06FD or 0x06FE or 0x0F0B or 0x3007:
                return Property.Valid;
            case 0x00B7 or 0x0375 or 0x05F3 or 0x05F4 or 0x30FB or (>= 0x0660 and <= 0x0669) or (>= 0x06F0 and <= 0x06F9):
                return Property.ContextO;
            case 0x0640 or 0x07FA or 0x302E or 0x302F or (>= 0x3031 and <= 0x3035) or 0x303B:
                return Property.Disallowed;
            case 0x200C or 0x200D:
                return Property.ContextJ;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category == UnicodeCategory.OtherNotAssigned)
        {
            return Property.Disallowed;
        }

        if (rune.IsAscii)
        {
            return char.IsAsciiLetterLower((char)value) || char.IsAsciiDigit((char)value) || value == '-' ? Property.Valid : Property.Disallowed;
        }

        // Unstable: changed by case folding and compatibility normalisation (upper case, full width, ligatures).
        var text = rune.ToString();
        if (text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormKC) != text)
        {
            return Property.Disallowed;
        }

        // Ignorable properties (white space, default ignorables, noncharacters) and ignorable blocks; old Hangul jamo.
        if (category is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            || (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE
            || value is (>= 0x20D0 and <= 0x20FF) or (>= 0x1D100 and <= 0x1D24F)
            || value is (>= 0x1100 and <= 0x11FF) or (>= 0xA960 and <= 0xA97F) or (>= 0xD7B0 and <= 0xD7FF))
        {
            return Property.Disallowed;
        }

        return category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ModifierLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            ? Property.Valid
            : Property.Disallowed;
    }

    /// <summary>The viramas (canonical combining class 9) of the scripts that join with ZWJ/ZWNJ (RFC 5892 A.1, A.2).</summary>
    private static readonly HashSet<int> Viramas =
    [
        0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D, 0x0DCA, 0x0E3A, 0x0EBA,
        0x0F84, 0x1039, 0x103A, 0x1714, 0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806,
        0xA8C4, 0xA953, 0xA9C0, 0xAAF6, 0xABED, 0x10A3F, 0x11046, 0x1107F, 0x110B9, 0x11133, 0x11134, 0x111C0, 0x11235,
        0x112EA, 0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839, 0x119E0, 0x11A34, 0x11A47,
        0x11A99, 0x11C3F, 0x11D44, 0x11D45, 0x11D97,
    ];

    private static bool IsAfterVirama(Rune[] runes, int i) => i > 0 && Viramas.Contains(runes[i - 1].Value);

    /// <summary>RFC 5892 Appendix A.3–A.9.</summary>
    private static bool ContextOHolds(Rune[] runes, int i) => runes[i].Value switch
    {
        // MIDDLE DOT: only between two l (Catalan l·l).
        0x00B7 => i > 0 && i < runes.Length - 1 && runes[i - 1].Value == 'l' && runes[i + 1].Value == 'l',
        // GREEK KERAIA: followed by a Greek character.
        0x0375 => i < runes.Length - 1 && IsGreek(runes[i + 1].Value),
        // HEBREW GERESH and GERSHAYIM: after a Hebrew character.
        0x05F3 or 0x05F4 => i > 0 && runes[i - 1].Value is >= 0x0590 and <= 0x05FF,
        // KATAKANA MIDDLE DOT: the label has Hiragana, Katakana or Han besides it.
        0x30FB => runes.Any(r => r.Value != 0x30FB && IsKanaOrHan(r.Value)),
        // ARABIC-INDIC DIGITS and EXTENDED ARABIC-INDIC DIGITS: never the two kinds in one label.
        >= 0x0660 and <= 0x0669 => !runes.Any(r => r.Value is >= 0x06F0 and <= 0x06F9),
        >= 0x06F0 and <= 0x06F9 => !runes.Any(r => r.Value is >= 0x0660 and <= 0x0669),
        _ => false,
    };

    private static bool IsGreek(int value) => value is (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF);

    private static bool IsKanaOrHan(int value) =>
        value is (>= 0x3040 and <= 0x309F) or (>= 0x30A0 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF);
}

public sealed record DomainNameParseResult(DomainName? Domain, string? Error)
{
    public bool IsValid => Domain is not null;
}
