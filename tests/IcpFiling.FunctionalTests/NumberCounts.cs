using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

internal static class NumberCounts
{
    public static Task<int> ForInstanceAsync(this IcpFilingWebFactory factory, string instanceId) =>
        factory.WithDbAsync(db => db.ServiceNumbers.CountAsync(n => n.Instance.InstanceId == instanceId));

    public static Task<int> TotalAsync(this IcpFilingWebFactory factory) =>
        factory.WithDbAsync(db => db.ServiceNumbers.CountAsync());
}
