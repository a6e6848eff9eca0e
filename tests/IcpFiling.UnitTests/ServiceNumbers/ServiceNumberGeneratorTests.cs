using System.Text.RegularExpressions;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

public sealed partial class ServiceNumberGeneratorTests
{
    private const int SampleSize = 100_000;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Version4Lowercase();

    [Fact]
    public void NewNumber_IsALowerCaseVersion4Uuid()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var number = ServiceNumberGenerator.NewNumber();
            Assert.Matches(Version4Lowercase(), number);
            Assert.Equal(ServiceNumber.NumberLength, number.Length);
        }
    }

    [Fact]
    public void NewNumber_HundredThousandNumbers_AreAllDistinctAndWellFormed()
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < SampleSize; i++)
        {
            var number = ServiceNumberGenerator.NewNumber();
            Assert.True(Version4Lowercase().IsMatch(number), $"Malformed number {number}");
            numbers.Add(number);
        }

        Assert.Equal(SampleSize, numbers.Count);
    }

    /// <summary>
    /// Of the 32 hex digits, the version digit is fixed and the variant digit carries two random bits;
    /// the other 30 should each be uniform over 0-f. Chi-square with 15 degrees of freedom has mean 15
    /// and standard deviation about 5.5; the bound of 80 is about 12 deviations out, so a sound generator
    /// cannot reach it in practice, while a digit that is stuck or skips a value scores in the thousands.
    /// </summary>
    [Fact]
    public void NewNumber_EachRandomHexDigitPosition_IsRoughlyUniform()
    {
        const double Bound = 80.0;
        var hexPositions = Enumerable.Range(0, 36).Where(i => i is not (8 or 13 or 18 or 23)).ToArray();
        const int VersionPosition = 14;
        const int VariantPosition = 19;
        var randomPositions = hexPositions.Where(i => i is not (VersionPosition or VariantPosition)).ToArray();
        Assert.Equal(30, randomPositions.Length);

        var counts = new int[36, 16];
        for (var n = 0; n < SampleSize; n++)
        {
            var number = ServiceNumberGenerator.NewNumber();
            foreach (var position in hexPositions)
            {
                counts[position, Convert.ToInt32(number[position].ToString(), 16)]++;
            }
        }

        const double Expected = SampleSize / 16.0;
        foreach (var position in randomPositions)
        {
            var chiSquare = 0.0;
            for (var digit = 0; digit < 16; digit++)
            {
                var difference = counts[position, digit] - Expected;
                chiSquare += difference * difference / Expected;
            }

            Assert.True(chiSquare < Bound, $"Hex digit at position {position} looks non-uniform: chi-square {chiSquare:F1} over 15 degrees of freedom.");
        }

        // The variant digit: 8, 9, a, b each about a quarter of the time (3 degrees of freedom).
        const double VariantExpected = SampleSize / 4.0;
        var variantChiSquare = new[] { 8, 9, 10, 11 }
            .Select(digit => counts[VariantPosition, digit] - VariantExpected)
            .Sum(difference => difference * difference / VariantExpected);
        Assert.True(variantChiSquare < 50.0, $"Variant digit looks non-uniform: chi-square {variantChiSquare:F1}.");
        Assert.Equal(SampleSize, counts[VersionPosition, 4]);
    }

    [Theory]
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d0", "32a43232-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData("  32a43232-a888-48e8-b9ec-00888be8c1d0\t\n", "32a43232-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData("32A43232-A888-48E8-B9EC-00888BE8C1D0", "32a43232-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData(" 32A43232-a888-48E8-b9ec-00888BE8c1d0 ", "32a43232-a888-48e8-b9ec-00888be8c1d0")]
    public void Normalize_TrimsAndLowerCases(string input, string expected)
    {
        Assert.Equal(expected, ServiceNumberGenerator.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a service number")]
    [InlineData("32a43232a88848e8b9ec00888be8c1d0")] // no dashes
    [InlineData("{32a43232-a888-48e8-b9ec-00888be8c1d0}")] // braces
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d")] // one digit short
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d00")] // one digit long
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1dg")] // not hex
    [InlineData("32a43232-a888-48e8-b9ec 00888be8c1d0")] // space instead of dash
    [InlineData("32a43232-a888-48e8-b9ec-00888be8c1d0; DROP TABLE ServiceNumbers")]
    [InlineData("-2a43232-a888-48e8-b9ec-00888be8c1d0")] // minus sign
    [InlineData("32a43232-a888-48e8-b9ec-\u0660\u0661888be8c1d0")] // Arabic-Indic digits
    [InlineData("32a43232-a888-48e8-b9ec-\uff10\uff11888be8c1d0")] // full-width digits
    public void Normalize_WhenInputIsNotUuidShaped_ReturnsNull(string? input)
    {
        Assert.Null(ServiceNumberGenerator.Normalize(input));
    }

    /// <summary>Guid parsing would accept a sign or a hex prefix inside a group and turn a typo into another number.</summary>
    [Theory]
    [InlineData("+2a43232-a888-48e8-b9ec-00888be8c1d0")] // becomes 02a43232-…
    [InlineData("0x432323-a888-48e8-b9ec-00888be8c1d0")] // becomes 00432323-…
    [InlineData("0X432323-a888-48e8-b9ec-00888be8c1d0")]
    [InlineData("32a43232-+888-48e8-b9ec-00888be8c1d0")] // becomes 32a43232-0888-…
    [InlineData("32a43232-0xa8-48e8-b9ec-00888be8c1d0")] // becomes 32a43232-00a8-…
    [InlineData("32a43232-a888-48e8-b9ec-0x888be8c1d0")] // becomes …-00888be8c1d0
    public void Normalize_WhenAGroupHasASignOrHexPrefix_ReturnsNull(string input)
    {
        Assert.Null(ServiceNumberGenerator.Normalize(input));
    }

    [Fact]
    public void Normalize_OfAGeneratedNumber_IsTheSameNumber()
    {
        var number = ServiceNumberGenerator.NewNumber();

        Assert.Equal(number, ServiceNumberGenerator.Normalize(number));
        Assert.Equal(number, ServiceNumberGenerator.Normalize(number.ToUpperInvariant()));
    }
}
