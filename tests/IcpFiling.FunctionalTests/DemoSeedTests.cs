using IcpFiling.Core.Instances;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// The development seed tells stories relative to "now"; each must add up the way the provider's systems would
/// have made it: a subscription ends its purchased months after it starts, numbers are issued while an instance
/// runs, expired instances expired in the past, and a filing comes after the number it uses.
/// </summary>
public sealed class DemoSeedTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task DemoSeed_GivesEveryDemoAccountTheAccountIdReadmeDocuments()
    {
        var ids = await factory.WithDbAsync(db => db.Users.AsNoTracking()
            .Where(u => u.Email!.EndsWith("@demo.test")).ToDictionaryAsync(u => u.Email!, u => u.Id));

        Assert.Equal(new Dictionary<string, string>
        {
            ["owner@demo.test"] = "demo-owner",
            ["owner2@demo.test"] = "demo-owner2",
            ["reseller@demo.test"] = "demo-reseller",
            ["support@demo.test"] = "demo-support",
            ["admin@demo.test"] = "demo-admin",
        }, ids);
    }

    [Fact]
    public async Task DemoSeed_EveryInstanceNumberAndFiling_AddsUpRelativeToNow()
    {
        var calendar = factory.Services.GetRequiredService<ChinaCalendar>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var (instances, numbers, filings) = await factory.WithDbAsync(async db => (
            await db.Instances.AsNoTracking().ToListAsync(),
            await db.ServiceNumbers.AsNoTracking().Include(n => n.Instance).ToListAsync(),
            await db.Filings.AsNoTracking().Include(f => f.ServiceNumber).ToListAsync()));
        Assert.NotEmpty(instances);
        Assert.NotEmpty(numbers);

        var problems = new List<string>();
        foreach (var instance in instances.Where(i => i.Billing == BillingMethod.Subscription))
        {
            if (calendar.AddMonths(instance.SubscriptionStartsAt, instance.PurchasedMonths) != instance.ExpiresAt)
            {
                problems.Add($"{instance.InstanceId}: starts {instance.SubscriptionStartsAt:u} + {instance.PurchasedMonths} months is not its expiry {instance.ExpiresAt:u}");
            }
        }

        foreach (var instance in instances)
        {
            if (instance.SubscriptionStartsAt > now)
            {
                problems.Add($"{instance.InstanceId}: starts in the future ({instance.SubscriptionStartsAt:u})");
            }

            if (instance.Status == InstanceStatus.Expired && instance.ExpiresAt >= now)
            {
                problems.Add($"{instance.InstanceId}: is Expired but expires {instance.ExpiresAt:u}, not before now {now:u}");
            }

            if (instance.Status == InstanceStatus.Running && instance.Billing == BillingMethod.Subscription && instance.ExpiresAt <= now)
            {
                problems.Add($"{instance.InstanceId}: is Running but expired {instance.ExpiresAt:u}");
            }
        }

        foreach (var number in numbers)
        {
            var instance = number.Instance;
            var end = instance.Billing == BillingMethod.Subscription && instance.ExpiresAt < now ? instance.ExpiresAt : now;
            if (number.IssuedAt < instance.SubscriptionStartsAt || number.IssuedAt > end)
            {
                problems.Add($"{number.Number} of {instance.InstanceId}: issued {number.IssuedAt:u}, outside {instance.SubscriptionStartsAt:u} .. {end:u}");
            }
        }

        foreach (var filing in filings)
        {
            if (filing.SubmittedAt < filing.ServiceNumber.IssuedAt || filing.SubmittedAt > now)
            {
                problems.Add($"filing {filing.Domain}: submitted {filing.SubmittedAt:u}, not between its number's issue {filing.ServiceNumber.IssuedAt:u} and now");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
