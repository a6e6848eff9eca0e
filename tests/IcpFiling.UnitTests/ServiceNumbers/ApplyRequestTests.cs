using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

public sealed class ApplyRequestTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("click_2026-11-26_ABC")]
    public void IsValidIdempotencyKey_AcceptsAsciiLettersDigitsDashAndUnderscore(string key)
    {
        Assert.True(ApplyRequest.IsValidIdempotencyKey(key));
    }

    [Fact]
    public void IsValidIdempotencyKey_AcceptsExactlyTheMaximumLength()
    {
        Assert.True(ApplyRequest.IsValidIdempotencyKey(new string('k', ServiceNumber.IdempotencyKeyMaxLength)));
        Assert.False(ApplyRequest.IsValidIdempotencyKey(new string('k', ServiceNumber.IdempotencyKeyMaxLength + 1)));
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
        Assert.False(ApplyRequest.IsValidIdempotencyKey(key));
    }
}
