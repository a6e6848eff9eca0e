using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class RunningRuleTests
{
    private readonly RunningRule _rule = new();

    [Fact]
    public void Check_WhenRunningAndNotPastExpiry_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = InstanceStatus.Running;
        instance.ExpiresAt = TestData.Now.AddTicks(1);

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenExpiryIsExactlyNow_FailsAsExpired()
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = InstanceStatus.Running;
        instance.ExpiresAt = TestData.Now;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Running, failure.Rule);
        Assert.Equal("The instance has expired.", failure.ToEnglish());
    }

    [Theory]
    [InlineData(InstanceStatus.Stopped, "The instance is stopped for overdue payment.")]
    [InlineData(InstanceStatus.Expired, "The instance has expired.")]
    [InlineData(InstanceStatus.Released, "The instance has been released.")]
    public void Check_WhenNotRunning_FailsWithAMessageForEachStatus(InstanceStatus status, string expected)
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = status;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Running, failure.Rule);
        Assert.Equal(expected, failure.ToEnglish());
    }

    [Fact]
    public void Check_WhenStoppedAndPastExpiry_ReportsExpiredRatherThanStopped()
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = InstanceStatus.Stopped;
        instance.ExpiresAt = TestData.Now.AddDays(-1);

        Assert.Equal("The instance has expired.", _rule.Check(TestData.Context(instance))?.ToEnglish());
    }

    [Fact]
    public void Check_WhenReleasedEvenBeforeExpiry_ReportsReleased()
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = InstanceStatus.Released;
        instance.ExpiresAt = TestData.Now.AddDays(-1);

        Assert.Equal("The instance has been released.", _rule.Check(TestData.Context(instance))?.ToEnglish());
    }
}
