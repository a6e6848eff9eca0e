using IcpFiling.Core.Filings;

namespace IcpFiling.UnitTests.Filings;

/// <summary>What a filer may type as the website's domain, and what is stored: Unicode as written, ASCII for uniqueness.</summary>
public sealed class DomainNameTests
{
    private const string EmptyMessage = "Enter the website's domain name.";
    private const string SchemeMessage = "Enter the domain name only, without http:// or https://.";
    private const string PathMessage = "Enter the domain name only, without a path.";
    private const string PortMessage = "Enter the domain name only, without a port number.";
    private const string SpaceMessage = "A domain name cannot contain spaces.";
    private const string WildcardMessage = "Wildcard domain names are not accepted: enter one website's domain name.";
    private const string CharactersMessage =
        "A domain name may contain only letters, digits, hyphens and dots, and no label may start or end with a hyphen.";
    private const string TooLongMessage = "A domain name can be at most 253 characters long.";
    private const string LabelTooLongMessage = "Each part of a domain name between dots can be at most 63 characters long.";
    private const string ReservedHyphensMessage =
        "No part of a domain name may have two hyphens as its third and fourth characters (such as ab--cd): that form is reserved for internationalized names.";
    private const string BadPunycodeMessage = "A part of the domain name that starts with xn-- is not a valid internationalized name.";
    private const string NotFullMessage = "Enter a full domain name, such as example.cn.";

    private static readonly string Label63 = new('a', 63);

    [Theory]
    [InlineData("example.cn", "example.cn")]
    [InlineData("Example-Shop.CN", "example-shop.cn")]
    [InlineData("example.cn.", "example.cn")]
    [InlineData("  WWW.Example.com.cn  ", "www.example.com.cn")]
    [InlineData("1example.cn", "1example.cn")]
    public void Parse_ValidAsciiName_IsLowerCasedWithoutTrailingDotAndSameInBothForms(string input, string expected)
    {
        var result = DomainName.Parse(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.Equal(new DomainName(expected, expected), result.Domain);
    }

    [Fact]
    public void Parse_ChineseIdn_KeepsUnicodeAndGivesPunycode()
    {
        var domain = Valid("例子.中国");

        Assert.Equal("例子.中国", domain.Unicode);
        Assert.Equal("xn--fsqu00a.xn--fiqs8s", domain.Ascii);
        Assert.Equal("例子.中国", domain.ToString());
    }

    [Theory]
    [InlineData("例子.CN", "例子.cn", "xn--fsqu00a.cn")]
    [InlineData("EXAMPLE.中国", "example.中国", "example.xn--fiqs8s")]
    [InlineData("Bücher.DE", "bücher.de", "xn--bcher-kva.de")]
    [InlineData("例子.中国.", "例子.中国", "xn--fsqu00a.xn--fiqs8s")]
    public void Parse_MixedCaseIdn_IsLowerCasedInBothForms(string input, string unicode, string ascii)
    {
        Assert.Equal(new DomainName(unicode, ascii), Valid(input));
    }

    [Theory]
    [InlineData("例子。中国")]
    [InlineData("例子．中国")]
    [InlineData("ｅｘａｍｐｌｅ.cn", "example.cn", "example.cn")]
    public void Parse_FullWidthCharactersAndIdeographicFullStop_AreMappedAsIdnaSays(string input, string unicode = "例子.中国", string ascii = "xn--fsqu00a.xn--fiqs8s")
    {
        Assert.Equal(new DomainName(unicode, ascii), Valid(input));
    }

    [Fact]
    public void Parse_TrailingIdeographicFullStop_IsDroppedLikeATrailingDot()
    {
        // A Chinese input method types "。" for "."; "例子.中国." is accepted, so "例子.中国。" should be too.
        Assert.Equal(Valid("例子.中国."), Valid("例子.中国。"));
    }

    [Theory]
    [InlineData("xn--fsqu00a.xn--fiqs8s")]
    [InlineData("XN--FSQU00A.XN--FIQS8S")]
    public void Parse_PunycodeInput_IsTheSameDomainAsItsUnicodeForm(string input)
    {
        Assert.Equal(Valid("例子.中国"), Valid(input));
    }

    [Fact]
    public void Parse_LongestLabelAndLongestName_AreAccepted()
    {
        Valid(Label63 + ".cn");
        var longest = string.Join('.', Label63, Label63, Label63, new string('b', 61));
        Assert.Equal(DomainName.MaxLength, longest.Length);

        Assert.Equal(longest, Valid(longest).Ascii);
    }

    [Theory]
    [InlineData(null, EmptyMessage)]
    [InlineData("", EmptyMessage)]
    [InlineData("   ", EmptyMessage)]
    [InlineData("\t\n", EmptyMessage)]
    [InlineData("http://example.cn", SchemeMessage)]
    [InlineData("https://example.cn", SchemeMessage)]
    [InlineData("example.cn/path", PathMessage)]
    [InlineData("example.cn?x", PathMessage)]
    [InlineData("example.cn#top", PathMessage)]
    [InlineData("example.cn:8080", PortMessage)]
    [InlineData("exa mple.cn", SpaceMessage)]
    [InlineData("*.example.cn", WildcardMessage)]
    [InlineData("-example.cn", CharactersMessage)]
    [InlineData("example-.cn", CharactersMessage)]
    [InlineData("exa_mple.cn", CharactersMessage)]
    [InlineData("localhost", NotFullMessage)]
    [InlineData("1.2.3.4", NotFullMessage)]
    [InlineData("example.123", NotFullMessage)]
    public void Parse_InvalidInput_IsRefusedWithItsMessage(string? input, string message)
    {
        AssertRefused(input, message);
    }

    [Fact]
    public void Parse_LabelOf64Characters_IsRefusedAsTooLongNotAsBadCharacters()
    {
        AssertRefused(new string('a', 64) + ".cn", LabelTooLongMessage);
    }

    [Fact]
    public void Parse_NameOf254Characters_IsRefusedAsTooLongNotAsBadCharacters()
    {
        var name = string.Join('.', Label63, Label63, Label63, new string('b', 62));
        Assert.Equal(254, name.Length);

        AssertRefused(name, TooLongMessage);
    }

    [Fact]
    public void Parse_ChineseLabelWhosePunycodeIsOver63Characters_IsRefusedAsTooLong()
    {
        // 30 × 例子 is 60 characters, but its punycode (xn--…) is 71.
        AssertRefused(string.Concat(Enumerable.Repeat("例子", 30)) + ".cn", LabelTooLongMessage);
    }

    [Theory]
    [InlineData("example..cn")]
    [InlineData(".example.cn")]
    public void Parse_EmptyLabel_IsRefusedWithItsMessage(string input)
    {
        AssertRefused(input, "A domain name cannot contain empty parts (two dots in a row, or a leading dot).");
    }

    [Theory]
    [InlineData("ab--cd.cn")]
    [InlineData("zz--top.cn")]
    [InlineData("www.ab--cd.com.cn")]
    [InlineData("AB--CD.CN")]
    [InlineData("例子--ab.cn")]
    public void Parse_HyphensInThirdAndFourthPositions_AreReservedByIdnaAndRefused(string input)
    {
        // RFC 5891 §4.2.3.1 and UTS #46 CheckHyphens: "??--" labels are reserved; only valid A-labels use them.
        AssertRefused(input, ReservedHyphensMessage);
    }

    [Theory]
    [InlineData("xn--.cn")]
    [InlineData("xn--zz.cn")]
    [InlineData("xn--abc-.cn")]
    [InlineData("www.xn--a.cn")]
    [InlineData("xn--example-.cn")]
    public void Parse_XnLabelThatIsNotValidPunycode_IsRefused(string input)
    {
        AssertRefused(input, BadPunycodeMessage);
    }

    [Theory]
    [InlineData("a--b.cn", "a--b.cn")]
    [InlineData("abc--d.cn", "abc--d.cn")]
    [InlineData("a-b-c.cn", "a-b-c.cn")]
    [InlineData("ab-cd.cn", "ab-cd.cn")]
    public void Parse_DoubleHyphenElsewhereInALabel_IsAnOrdinaryName(string input, string expected)
    {
        Assert.Equal(new DomainName(expected, expected), Valid(input));
    }

    [Fact]
    public void Parse_ValidALabel_IsStillAccepted()
    {
        Assert.Equal(new DomainName("bücher.cn", "xn--bcher-kva.cn"), Valid("xn--bcher-kva.cn"));
    }

    private static DomainName Valid(string input)
    {
        var result = DomainName.Parse(input);
        Assert.True(result.IsValid, $"'{input}' was refused: {result.Error}");
        return result.Domain!;
    }

    private static void AssertRefused(string? input, string message)
    {
        var result = DomainName.Parse(input);

        Assert.False(result.IsValid);
        Assert.Null(result.Domain);
        Assert.Equal(message, result.Error);
    }
}
