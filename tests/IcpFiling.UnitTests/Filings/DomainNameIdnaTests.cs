using IcpFiling.Core.Filings;

namespace IcpFiling.UnitTests.Filings;

/// <summary>
/// IDNA2008's validity rules (RFC 5891, RFC 5892) on every label, typed in Unicode or as punycode: letters, digits and
/// marks are valid; symbols such as emoji are disallowed; the joiners and the few punctuation characters IDNA allows
/// (CONTEXTJ, CONTEXTO) only where their rule allows them.
/// </summary>
public sealed class DomainNameIdnaTests
{
    private const string DisallowedMessage =
        "A part of the domain name contains a character that domain names do not allow, such as an emoji or a symbol.";

    private const string ContextMessage =
        "A part of the domain name has a joining or punctuation character (such as a middle dot) where international domain names do not allow it.";

    [Theory]
    [InlineData("例子.中国", "xn--fsqu00a.xn--fiqs8s")]
    [InlineData("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s")]
    [InlineData("中文网站.公司", "xn--fiq228c37oz8d.xn--55qx5d")]
    [InlineData("北京大学.cn", "xn--1lq90ic7fzpc.cn")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("l·l.cat", "xn--ll-0ea.cat")]
    [InlineData("ア・イ.jp", "xn--ccke4x.jp")]
    [InlineData("xn--ccke4x.jp", "xn--ccke4x.jp")]
    [InlineData("ß.de", "xn--zca.de")]
    [InlineData("ελληνικά.gr", "xn--hxargifdar.gr")]
    [InlineData("١٢٣.com", "xn--9hbcd.com")]
    public void ValidInternationalNames_AreAccepted_InEitherForm(string input, string ascii)
    {
        var result = DomainName.Parse(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(ascii, result.Domain!.Ascii);
    }

    [Theory]
    [InlineData("xn--ls8h.cn")]      // 💩 as punycode
    [InlineData("💩.cn")]
    [InlineData("xn--g6h.cn")]       // ♥
    [InlineData("♥.cn")]
    [InlineData("例子☺.cn")]
    [InlineData("xn--74h.xn--fiqs8s")] // ☺.中国
    [InlineData("www.😀.com")]
    [InlineData("a€b.cn")]           // a currency symbol
    [InlineData("例子〒.cn")]         // a CJK symbol (postal mark)
    [InlineData("x\u0640y.cn")]      // Arabic tatweel, disallowed by exception
    [InlineData("\u1100.cn")]        // a conjoining Hangul jamo on its own (one that composes with the next is a syllable)
    public void Symbols_AndOtherDisallowedCodePoints_AreRefused_InEitherForm(string input)
    {
        Assert.Equal(DisallowedMessage, DomainName.Parse(input).Error);
    }

    [Theory]
    [InlineData("a·b.cn")]           // middle dot not between two l
    [InlineData("xn--ab-0ea.cn")]    // the same as punycode
    [InlineData("·l.cat")]
    [InlineData("a・b.cn")]          // katakana middle dot without kana or Han
    [InlineData("xn--ab-3n4a.cn")]
    [InlineData("a\u0375b.gr")]      // Greek keraia not before Greek
    [InlineData("a\u05F3.il")]       // Hebrew geresh not after Hebrew
    [InlineData("١۱.com")]           // Arabic-Indic and extended Arabic-Indic digits mixed
    public void ContextualCharacters_OutOfTheirContext_AreRefused(string input)
    {
        Assert.Equal(ContextMessage, DomainName.Parse(input).Error);
    }

    [Fact]
    public void AJoiner_OutsideAViramaContext_IsRefused_AsPunycode()
    {
        // a, ZERO WIDTH JOINER, b. Typed in Unicode the mapping step drops the joiner; as an A-label it is no valid name.
        Assert.False(DomainName.Parse("xn--ab-m1t.cn").IsValid);
    }

    [Fact]
    public void AJoiner_AfterAVirama_IsAccepted()
    {
        // क्‍ष: Devanagari KA, VIRAMA, ZERO WIDTH JOINER, SSA (RFC 5892 A.2).
        var result = DomainName.Parse("xn--11b2ezcw70k.in");

        Assert.True(result.IsValid, result.Error);
    }
}
