using System.Linq.Expressions;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Instances;

/// <summary>The "instance is live" rule as a query filter: it needs the path to the instance.</summary>
public sealed class InstanceLiveFilterTests
{
    [Fact]
    public void IsLive_WithoutThePathToTheInstance_ThrowsNamingIt()
    {
        var thrown = Assert.Throws<ArgumentNullException>(
            () => Instance.IsLive((Expression<Func<Instance, Instance>>)null!, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal("instance", thrown.ParamName);
    }

    [Fact]
    public void IsDueToEnd_IsExactlyNotLive_ForAnInstanceNotYetMarkedExpiredOrReleased()
    {
        var now = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var isDue = Instance.IsDueToEnd(now).Compile();
        foreach (var status in Enum.GetValues<InstanceStatus>())
        {
            foreach (var expiresAt in new[] { now.AddDays(-1), now, now.AddDays(1) })
            {
                var instance = TestData.QualifiedInstance();
                instance.Status = status;
                instance.ExpiresAt = expiresAt;
                var markedEnded = status is InstanceStatus.Expired or InstanceStatus.Released;

                Assert.True(isDue(instance) == (!markedEnded && !instance.IsLive(now)), $"{status}, expires {expiresAt:O}");
            }
        }
    }
}
