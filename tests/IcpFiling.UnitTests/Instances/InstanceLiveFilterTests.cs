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
}
