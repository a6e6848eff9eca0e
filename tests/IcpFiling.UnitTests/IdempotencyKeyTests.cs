using IcpFiling.Core;

namespace IcpFiling.UnitTests;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("click_2026-11-26_ABC")]
    public void IsValidIdempotencyKey_AcceptsAsciiLettersDigitsDashAndUnderscore(string key)
    {
        Assert.True(InputLimits.IsValidIdempotencyKey(key));
    }

    [Fact]
    public void IsValidIdempotencyKey_AcceptsExactlyTheMaximumLength()
    {
        Assert.True(InputLimits.IsValidIdempotencyKey(new string('k', InputLimits.IdempotencyKeyMaxLength)));
        Assert.False(InputLimits.IsValidIdempotencyKey(new string('k', InputLimits.IdempotencyKeyMaxLength + 1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("key;")]
    [InlineData("ключ")]
    [InlineData("键")]
    public void IsValidIdempotencyKey_RejectsEverythingElse(string? key)
    {
        Assert.False(InputLimits.IsValidIdempotencyKey(key));
    }
}
