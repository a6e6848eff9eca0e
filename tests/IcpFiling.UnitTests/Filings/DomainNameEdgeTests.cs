using IcpFiling.Core.Filings;

namespace IcpFiling.UnitTests.Filings;

/// <summary>
/// DomainName at the edges its main tests leave open: non-ASCII labels refused for their characters (not their
/// length), input that starts with a path, mixed ASCII and Chinese labels at exactly 63 ASCII characters, and
/// code points Unicode has not assigned.
/// </summary>
public sealed class DomainNameEdgeTests
{
    private const string PathMessage = "Enter the domain name only, without a path.";
    private const string CharactersMessage =
        "A domain name may contain only letters, digits, hyphens and dots, and no label may start or end with a hyphen.";
    private const string LabelTooLongMessage = "Each part of a domain name between dots can be at most 63 characters long.";

    [Theory]
    [InlineData("例子-.cn")]
    [InlineData("-例子.cn")]
    [InlineData("例_子.cn")]
    [InlineData("例子!.cn")]
    [InlineData("例子.-中国")]
    public void Parse_ChineseLabelWithAForbiddenCharacterOrHyphenAtAnEnd_IsRefusedForItsCharactersNotItsLength(string input)
    {
        AssertRefused(input, CharactersMessage);
    }

    [Theory]
    [InlineData("/example.cn")]
    [InlineData("?example.cn")]
    [InlineData("#example.cn")]
    [InlineData("/")]
    public void Parse_InputStartingWithAPathQueryOrFragment_IsRefusedAsAPath(string input)
    {
        AssertRefused(input, PathMessage);
    }

    [Fact]
    public void Parse_MixedLabelWhosePunycodeIsExactly63Characters_IsAccepted()
    {
        var label = new string('a', 53) + "例";

        var parsed = DomainName.Parse(label + ".cn");

        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal("xn--" + new string('a', 53) + "-ib60g.cn", parsed.Domain!.Ascii);
        Assert.Equal(label + ".cn", parsed.Domain.Unicode);
    }

    [Theory]
    [InlineData(54)]
    [InlineData(60)]
    public void Parse_MixedLabelWhosePunycodeIsOver63Characters_IsRefusedAsTooLong(int asciiLetters)
    {
        AssertRefused(new string('a', asciiLetters) + "例.cn", LabelTooLongMessage);
    }

    [Fact]
    public void Parse_MixedLabelWithInnerHyphensWhosePunycodeIsOver63Characters_IsRefusedAsTooLongNotForItsHyphens()
    {
        AssertRefused("a-" + new string('b', 52) + "-c例.cn", LabelTooLongMessage);
    }

    [Fact]
    public void Parse_MixedLabelWithDigitsWhosePunycodeIsOver63Characters_IsRefusedAsTooLong()
    {
        AssertRefused(new string('7', 60) + "例.cn", LabelTooLongMessage);
    }

    [Theory]
    [InlineData("a\u0378.cn")]
    [InlineData("例\u0378.cn")]
    public void Parse_UnassignedCodePoint_IsRefusedForItsCharacters(string input)
    {
        AssertRefused(input, CharactersMessage);
    }

    [Fact]
    public void Parse_UnassignedCodePointInALongLabel_IsRefusedForItsCharactersNotItsLength()
    {
        AssertRefused(new string('a', 60) + "\u0378.cn", CharactersMessage);
    }

    private static void AssertRefused(string input, string message)
    {
        var result = DomainName.Parse(input);
        Assert.False(result.IsValid, $"'{input}' was accepted as {result.Domain?.Ascii}");
        Assert.Null(result.Domain);
        Assert.Equal(message, result.Error);
    }
}
