using IcpFiling.Core;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcpFiling.UnitTests.ServiceNumbers;

/// <summary>A malformed batch is refused whole, field by field, before any number is asked for.</summary>
public sealed class BatchApplicationValidationTests
{
    // Nothing behind the issuer and no database: a malformed batch must never reach them (they would throw).
    private static readonly BatchApplication Batches = new(new ServiceNumberIssuer(null!, null!, NullLogger<ServiceNumberIssuer>.Instance), null!);

    public static TheoryData<BatchApplyLine[], string> MalformedLines => new()
    {
        { [], "Lines" },
        { [.. Enumerable.Range(1, InputLimits.BatchMaxInstances + 1).Select(i => new BatchApplyLine($"i-{i}", 1))], "Lines" },
        { [new("i-a", 1), new("i-a", 2)], "Lines[1].InstanceId" },
        { [new("", 1)], "Lines[0].InstanceId" },
        { [new(new string('i', 200), 1)], "Lines[0].InstanceId" },
        { [new("i-a", 0)], "Lines[0].Quantity" },
        { [new("i-a", InputLimits.BatchMaxQuantity + 1)], "Lines[0].Quantity" },
        { [new("i-a", 1), new("i-b", -3)], "Lines[1].Quantity" },
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public async Task Apply_WithMalformedLines_IsInvalid_NamingTheField(BatchApplyLine[] lines, string field)
    {
        var outcome = await Batches.ApplyAsync(new BatchApplyRequest("owner", "batch", lines), CancellationToken.None);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Contains(outcome.Problems, p => p.Field == field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("x-0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task Apply_WithABadBatchKey_IsInvalid(string key)
    {
        var outcome = await Batches.ApplyAsync(new BatchApplyRequest("owner", key, [new("i-a", 1)]), CancellationToken.None);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(nameof(BatchApplyRequest.BatchKey), Assert.Single(outcome.Problems).Field);
    }

    [Fact]
    public void UnitKey_IsAValidIdempotencyKey_StableForTheBatch_AndDifferentForEachNumber()
    {
        var keys = new[]
        {
            BatchApplication.UnitKey("batch", "i-a", 1),
            BatchApplication.UnitKey("batch", "i-a", 2),
            BatchApplication.UnitKey("batch", "i-b", 1),
            BatchApplication.UnitKey("other", "i-a", 1),
            // The separator keeps "ab" + "c" apart from "a" + "bc".
            BatchApplication.UnitKey("ab", "c", 1),
            BatchApplication.UnitKey("a", "bc", 1),
        };

        Assert.All(keys, key => Assert.True(InputLimits.IsValidIdempotencyKey(key), key));
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(keys[0], BatchApplication.UnitKey("batch", "i-a", 1));
    }
}
