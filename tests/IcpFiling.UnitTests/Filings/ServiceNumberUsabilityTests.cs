using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.Filings;

/// <summary>docs/RULES.md (service identification numbers): who may use a number in a filing, and why not.</summary>
public sealed class ServiceNumberUsabilityTests
{
    private const string Filer = TestData.Owner;
    private const string Someone = TestData.OtherAccount;

    [Fact]
    public void Refusal_NoSuchNumber_IsNotFound()
    {
        Assert.Equal(ServiceNumberUsability.NotFound, ServiceNumberUsability.Refusal(null, Filer, TestData.Now));
    }

    [Fact]
    public void Refusal_UnusedNumberOfALiveRunningInstance_IsNone()
    {
        Assert.Null(ServiceNumberUsability.Refusal(Number(), Filer, TestData.Now));
    }

    [Fact]
    public void Refusal_UsedNumber_IsAlreadyUsed()
    {
        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Refusal(Number(n => n.MarkUsed(TestData.Now))));
    }

    [Fact]
    public void Refusal_UsedNumberOfAReleasedInstance_IsStillAlreadyUsed()
    {
        var number = Number(n => n.MarkUsed(TestData.Now), i => i.Status = InstanceStatus.Released);

        Assert.Equal(ServiceNumberUsability.AlreadyUsed, Refusal(number));
    }

    [Fact]
    public void Refusal_VoidedNumber_IsVoided()
    {
        var number = Number(n => n.Void("leaked", TestData.Now.AddDays(-1)));

        Assert.Equal(ServiceNumberUsability.Voided, Refusal(number));
    }

    [Fact]
    public void Refusal_InstanceStatusExpired_IsInstanceGone()
    {
        Assert.Equal(ServiceNumberUsability.InstanceGone, Refusal(Number(instance: i => i.Status = InstanceStatus.Expired)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24 * 30)]
    public void Refusal_InstanceExpiresAtNowOrEarlier_IsInstanceGone(int minutesFromNow)
    {
        var number = Number(instance: i => i.ExpiresAt = TestData.Now.AddMinutes(minutesFromNow));

        Assert.Equal(ServiceNumberUsability.InstanceGone, Refusal(number));
    }

    [Fact]
    public void Refusal_InstanceExpiresJustAfterNow_IsNone()
    {
        Assert.Null(Refusal(Number(instance: i => i.ExpiresAt = TestData.Now.AddSeconds(1))));
    }

    [Fact]
    public void Refusal_InstanceReleased_IsInstanceGone()
    {
        Assert.Equal(ServiceNumberUsability.InstanceGone, Refusal(Number(instance: i => i.Status = InstanceStatus.Released)));
    }

    [Fact]
    public void Refusal_InstanceStopped_IsInstanceNotRunning()
    {
        Assert.Equal(ServiceNumberUsability.InstanceNotRunning, Refusal(Number(instance: i => i.Status = InstanceStatus.Stopped)));
    }

    [Fact]
    public void Refusal_RestrictedToAnotherAccount_IsRestrictedToOther()
    {
        var number = Number(n => n.RestrictTo(Someone, note: null, TestData.Now));

        Assert.Equal(ServiceNumberUsability.RestrictedToOther, Refusal(number));
    }

    [Fact]
    public void Refusal_RestrictedToAnotherAccount_IsRestrictedToOtherEvenForTheOwner()
    {
        var number = Number(n => n.RestrictTo(Someone, note: null, TestData.Now));

        Assert.Equal(ServiceNumberUsability.RestrictedToOther, ServiceNumberUsability.Refusal(number, number.AccountId, TestData.Now));
    }

    [Fact]
    public void Refusal_RestrictedToThisAccount_IsNone()
    {
        var number = Number(n => n.RestrictTo(Someone, note: null, TestData.Now));

        Assert.Null(ServiceNumberUsability.Refusal(number, Someone, TestData.Now));
    }

    [Fact]
    public void Refusal_UnrestrictedNumberIssuedToAnotherAccount_IsNone()
    {
        var number = Number();
        Assert.Equal(Filer, number.AccountId);

        Assert.Null(ServiceNumberUsability.Refusal(number, Someone, TestData.Now));
    }

    private static string? Refusal(ServiceNumber number) => ServiceNumberUsability.Refusal(number, Filer, TestData.Now);

    /// <summary>An unused, unrestricted number issued to <see cref="TestData.Owner"/> for an instance that meets every rule.</summary>
    private static ServiceNumber Number(Action<ServiceNumber>? change = null, Action<Instance>? instance = null)
    {
        var owned = TestData.QualifiedInstance();
        instance?.Invoke(owned);
        var number = new ServiceNumber
        {
            Number = ServiceNumberGenerator.NewNumber(),
            Instance = owned,
            InstanceType = owned.Type,
            AccountId = owned.OwnerId,
            IssuedAt = TestData.Now.AddDays(-10),
            Channel = IssueChannel.ApplicationPage,
            QuotaKey = "instance:" + owned.InstanceId,
            Slot = 1,
            IdempotencyKey = "k",
        };
        change?.Invoke(number);
        return number;
    }
}
