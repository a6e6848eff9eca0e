using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

/// <summary>docs/RULES.md (service identification numbers): Used is final; an unused number of an instance that expired or was released is Invalid.</summary>
public sealed class ServiceNumberStatusTests
{
    private static readonly DateTime Future = TestData.Now.AddMonths(1);

    [Theory]
    [InlineData(ServiceNumberStatus.Unused, InstanceStatus.Running, ServiceNumberStatus.Unused)]
    [InlineData(ServiceNumberStatus.Unused, InstanceStatus.Stopped, ServiceNumberStatus.Unused)]
    [InlineData(ServiceNumberStatus.Unused, InstanceStatus.Expired, ServiceNumberStatus.Invalid)]
    [InlineData(ServiceNumberStatus.Unused, InstanceStatus.Released, ServiceNumberStatus.Invalid)]
    [InlineData(ServiceNumberStatus.Used, InstanceStatus.Released, ServiceNumberStatus.Used)]
    [InlineData(ServiceNumberStatus.Used, InstanceStatus.Expired, ServiceNumberStatus.Used)]
    [InlineData(ServiceNumberStatus.Invalid, InstanceStatus.Running, ServiceNumberStatus.Invalid)]
    public void EffectiveStatus_FollowsTheInstance(ServiceNumberStatus stored, InstanceStatus instanceStatus, ServiceNumberStatus expected)
    {
        Assert.Equal(expected, ServiceNumber.EffectiveStatusOf(stored, instanceStatus, Future, TestData.Now));
    }

    [Fact]
    public void EffectiveStatus_WhenInstanceExpiryIsExactlyNow_UnusedBecomesInvalid()
    {
        Assert.Equal(
            ServiceNumberStatus.Invalid,
            ServiceNumber.EffectiveStatusOf(ServiceNumberStatus.Unused, InstanceStatus.Running, TestData.Now, TestData.Now));
    }

    [Fact]
    public void HasEffectiveStatus_AgreesWithEffectiveStatus_ForEveryCombination()
    {
        DateTime[] expiries = [TestData.Now.AddDays(-1), TestData.Now, Future];
        foreach (var filter in Enum.GetValues<ServiceNumberStatus>())
        {
            foreach (var stored in Enum.GetValues<ServiceNumberStatus>())
            {
                foreach (var instanceStatus in Enum.GetValues<InstanceStatus>())
                {
                    foreach (var expiresAt in expiries)
                    {
                        var number = Number(stored, instanceStatus, expiresAt);
                        // The query tests the number's instance among the instances it is given (both ids unset: 0).
                        var predicate = ServiceNumber.HasEffectiveStatus(filter, TestData.Now, new[] { number.Instance }.AsQueryable()).Compile();
                        var shown = ServiceNumber.EffectiveStatusOf(stored, instanceStatus, expiresAt, TestData.Now);
                        var expected = shown == filter;
                        Assert.True(
                            predicate(number) == expected,
                            $"filter {filter}, stored {stored}, instance {instanceStatus}, expires {expiresAt:O}: query says {!expected}, page shows {shown}");
                    }
                }
            }
        }
    }

    private static ServiceNumber Number(ServiceNumberStatus stored, InstanceStatus instanceStatus, DateTime expiresAt)
    {
        var instance = TestData.QualifiedInstance();
        instance.Status = instanceStatus;
        instance.ExpiresAt = expiresAt;
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
        // Stored statuses are reached only by the number's own changes.
        var refused = stored switch
        {
            ServiceNumberStatus.Used => number.MarkUsed(TestData.Now),
            ServiceNumberStatus.Invalid => number.Void("leaked", TestData.Now),
            _ => null,
        };
        Assert.Null(refused);
        return number;
    }
}
