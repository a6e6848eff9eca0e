using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

/// <summary>
/// docs/RULES.md (service identification numbers): an unused number is used once by a filing, voided by support, or
/// ends with its instance; Used and Invalid are final. A refused change says why with a stable code and changes nothing.
/// </summary>
public sealed class NumberTransitionsTests
{
    private static readonly DateTime Later = TestData.Now.AddHours(1);

    public static TheoryData<ServiceNumberStatus, ServiceNumberStatus> EveryPair()
    {
        var pairs = new TheoryData<ServiceNumberStatus, ServiceNumberStatus>();
        foreach (var from in Enum.GetValues<ServiceNumberStatus>())
        {
            foreach (var to in Enum.GetValues<ServiceNumberStatus>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Allows_OnlyUnusedToUsedOrInvalid(ServiceNumberStatus from, ServiceNumberStatus to)
    {
        var expected = (from, to) is (ServiceNumberStatus.Unused, ServiceNumberStatus.Used) or (ServiceNumberStatus.Unused, ServiceNumberStatus.Invalid);

        Assert.Equal(expected, NumberTransitions.Allows(from, to));
    }

    [Fact]
    public void UsedAndInvalid_AreFinal_UnusedIsNot()
    {
        Assert.True(NumberTransitions.IsFinal(ServiceNumberStatus.Used));
        Assert.True(NumberTransitions.IsFinal(ServiceNumberStatus.Invalid));
        Assert.False(NumberTransitions.IsFinal(ServiceNumberStatus.Unused));
    }

    [Fact]
    public void TheTable_HasThreeNamedChanges_EachOutOfUnused()
    {
        Assert.Equal(
            [
                ("MarkUsed", ServiceNumberStatus.Unused, ServiceNumberStatus.Used, (InvalidCause?)null),
                ("Void", ServiceNumberStatus.Unused, ServiceNumberStatus.Invalid, InvalidCause.Voided),
                ("EndWithInstance", ServiceNumberStatus.Unused, ServiceNumberStatus.Invalid, InvalidCause.InstanceEnded),
            ],
            NumberTransitions.All.Select(t => (t.Name, t.From, t.To, t.Cause)));
    }

    [Fact]
    public void RefusalCodes_NameTheStatusInTheWay()
    {
        Assert.Equal("NumberUsed", NumberTransitions.RefusalCode(ServiceNumberStatus.Used));
        Assert.Equal("NumberInvalid", NumberTransitions.RefusalCode(ServiceNumberStatus.Invalid));
    }

    [Fact]
    public void Stamp_SaysWhatEachChangeWrites()
    {
        Assert.Equal(new NumberStamp(ServiceNumberStatus.Used, Later, null, null, null), NumberTransitions.MarkUsed.Stamp(Later, "ignored"));
        Assert.Equal(new NumberStamp(ServiceNumberStatus.Invalid, null, InvalidCause.Voided, Later, "leaked"), NumberTransitions.Void.Stamp(Later, "leaked"));
        Assert.Equal(new NumberStamp(ServiceNumberStatus.Invalid, null, InvalidCause.InstanceEnded, Later, null), NumberTransitions.EndWithInstance.Stamp(Later));
    }

    [Fact]
    public void MarkUsed_OfAnUnusedNumber_MakesItUsedAtThatTime()
    {
        var number = Number();

        Assert.Null(number.MarkUsed(Later));

        Assert.Equal(ServiceNumberStatus.Used, number.Status);
        Assert.Equal(Later, number.UsedAt);
        Assert.Null(number.InvalidCause);
    }

    [Fact]
    public void MarkUsed_OfAUsedNumber_IsRefusedAsAlreadyUsed_AndChangesNothing()
    {
        var number = Number(ServiceNumberStatus.Used);

        var refused = number.MarkUsed(Later);

        AssertRefused(refused, "NumberUsed", ServiceNumberUsability.AlreadyUsed);
        Assert.Equal(TestData.Now, number.UsedAt);
    }

    [Fact]
    public void MarkUsed_OfAVoidedNumber_IsRefusedAsVoided()
    {
        var number = Number(ServiceNumberStatus.Invalid);

        AssertRefused(number.MarkUsed(Later), "NumberInvalid", ServiceNumberUsability.Voided);
        Assert.Equal(ServiceNumberStatus.Invalid, number.Status);
        Assert.Null(number.UsedAt);
    }

    [Fact]
    public void MarkUsed_OfANumberThatEndedWithItsInstance_IsRefusedAsInstanceGone()
    {
        var number = Number();
        Assert.Null(number.EndWithInstance(TestData.Now));

        AssertRefused(number.MarkUsed(Later), "NumberInvalid", ServiceNumberUsability.InstanceGone);
    }

    [Fact]
    public void Void_OfAnUnusedNumber_MakesItInvalidForEver_WithTheReasonAndTime()
    {
        var number = Number();

        Assert.Null(number.Void("leaked in a forum post", Later));

        Assert.Equal(ServiceNumberStatus.Invalid, number.Status);
        Assert.Equal(InvalidCause.Voided, number.InvalidCause);
        Assert.Equal("leaked in a forum post", number.VoidReason);
        Assert.Equal(Later, number.VoidedAt);
    }

    [Fact]
    public void Void_OfAUsedNumber_IsRefused_AndTheNumberStaysUsed()
    {
        var number = Number(ServiceNumberStatus.Used);

        var refused = number.Void("leaked", Later);

        AssertRefused(refused, "NumberUsed", NumberMessages.VoidUsed);
        Assert.Equal([number.Number], refused!.Message.Arguments);
        Assert.Equal(ServiceNumberStatus.Used, number.Status);
        Assert.Null(number.VoidReason);
    }

    [Fact]
    public void Void_OfAVoidedNumber_IsRefusedAsAlreadyInvalid_AndKeepsTheFirstReason()
    {
        var number = Number();
        Assert.Null(number.Void("first", TestData.Now));

        AssertRefused(number.Void("second", Later), "NumberInvalid", NumberMessages.VoidInvalid);
        Assert.Equal("first", number.VoidReason);
        Assert.Equal(TestData.Now, number.VoidedAt);
    }

    [Fact]
    public void EndWithInstance_OfAnUnusedNumber_MakesItInvalidAsInstanceEnded()
    {
        var number = Number();

        Assert.Null(number.EndWithInstance(Later));

        Assert.Equal(ServiceNumberStatus.Invalid, number.Status);
        Assert.Equal(InvalidCause.InstanceEnded, number.InvalidCause);
        Assert.Equal(Later, number.VoidedAt);
        Assert.Null(number.VoidReason);
    }

    [Theory]
    [InlineData(ServiceNumberStatus.Used, "NumberUsed")]
    [InlineData(ServiceNumberStatus.Invalid, "NumberInvalid")]
    public void EndWithInstance_OfAUsedOrInvalidNumber_IsRefused_AndChangesNothing(ServiceNumberStatus status, string code)
    {
        var number = Number(status);

        AssertRefused(number.EndWithInstance(Later), code, NumberMessages.EndRefused);
        Assert.Equal(status, number.Status);
        Assert.NotEqual(InvalidCause.InstanceEnded, number.InvalidCause);
    }

    [Fact]
    public void EveryChange_SucceedsExactlyWhereTheTableAllowsIt()
    {
        var changes = new (NumberTransition Transition, Func<ServiceNumber, Problem?> Make)[]
        {
            (NumberTransitions.MarkUsed, n => n.MarkUsed(Later)),
            (NumberTransitions.Void, n => n.Void("reason", Later)),
            (NumberTransitions.EndWithInstance, n => n.EndWithInstance(Later)),
        };
        Assert.Equal(NumberTransitions.All, changes.Select(c => c.Transition));
        foreach (var (transition, make) in changes)
        {
            foreach (var from in Enum.GetValues<ServiceNumberStatus>())
            {
                var number = Number(from);

                var done = make(number) is null;

                Assert.True(done == (from == transition.From && NumberTransitions.Allows(from, transition.To)), $"{transition.Name} from {from}");
                Assert.Equal(done ? transition.To : from, number.Status);
            }
        }
    }

    [Fact]
    public void RestrictTo_OfAnUnusedNumber_NamesTheAccountAndKeepsTheNote()
    {
        var number = Number();

        Assert.Null(number.RestrictTo(TestData.OtherAccount, "for the agency", Later));

        Assert.Equal(TestData.OtherAccount, number.RestrictedToAccountId);
        Assert.Equal("for the agency", number.RestrictionNote);
        Assert.Equal(Later, number.RestrictedAt);
    }

    [Fact]
    public void RestrictTo_NoAccount_LiftsTheRestrictionAndDropsTheNote()
    {
        var number = Number();
        Assert.Null(number.RestrictTo(TestData.OtherAccount, "for the agency", TestData.Now));

        Assert.Null(number.RestrictTo(null, "ignored", Later));

        Assert.Null(number.RestrictedToAccountId);
        Assert.Null(number.RestrictionNote);
        Assert.Null(number.RestrictedAt);
    }

    [Theory]
    [InlineData(ServiceNumberStatus.Used, "NumberUsed")]
    [InlineData(ServiceNumberStatus.Invalid, "NumberInvalid")]
    public void RestrictTo_OfAUsedOrInvalidNumber_IsRefused_AndChangesNothing(ServiceNumberStatus status, string code)
    {
        var number = Number(status);

        AssertRefused(number.RestrictTo(TestData.OtherAccount, null, Later), code, NumberMessages.RestrictRefused);
        Assert.Null(number.RestrictedToAccountId);
    }

    private static void AssertRefused(Problem? refused, string code, string message)
    {
        Assert.NotNull(refused);
        Assert.Equal(code, refused.Code);
        Assert.Equal(message, refused.Message.Format);
    }

    /// <summary>A number issued to the owner, brought to <paramref name="status"/> at <see cref="TestData.Now"/> by its own changes.</summary>
    private static ServiceNumber Number(ServiceNumberStatus status = ServiceNumberStatus.Unused)
    {
        var instance = TestData.QualifiedInstance();
        var number = new ServiceNumber
        {
            Number = ServiceNumberGenerator.NewNumber(),
            Instance = instance,
            InstanceType = instance.Type,
            AccountId = instance.OwnerId,
            IssuedAt = TestData.Now.AddDays(-10),
            Channel = IssueChannel.ApplicationPage,
            QuotaKey = "instance:" + instance.InstanceId,
            Slot = 1,
            IdempotencyKey = "k",
        };
        var refused = status switch
        {
            ServiceNumberStatus.Used => number.MarkUsed(TestData.Now),
            ServiceNumberStatus.Invalid => number.Void("leaked", TestData.Now),
            _ => null,
        };
        Assert.Null(refused);
        return number;
    }
}
