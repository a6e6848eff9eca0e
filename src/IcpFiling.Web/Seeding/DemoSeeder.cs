using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Web.Seeding;

/// <summary>
/// Roles for every environment; demo accounts and instances for development only (Demo:SeedData),
/// and only into a database that has no accounts yet.
/// </summary>
internal sealed class DemoSeeder(
    IcpFilingDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    InstanceStandings standings,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The demo password. Development seed only; documented in README.</summary>
    public const string DemoPassword = "IcpDemo#2026";

    public const string OwnerEmail = "owner@demo.test";
    public const string Owner2Email = "owner2@demo.test";
    public const string ResellerEmail = "reseller@demo.test";
    public const string SupportEmail = "support@demo.test";
    public const string AdminEmail = "admin@demo.test";

    private const string ExpiredInstanceId = "i-demo-ecs-expired";

    public async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    public async Task SeedDemoDataAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var reseller = await CreateUserAsync(ResellerEmail, "Demo Reseller", Roles.Reseller, resellerId: null);
        var owner = await CreateUserAsync(OwnerEmail, "Demo Owner", Roles.Owner, reseller.Id);
        var owner2 = await CreateUserAsync(Owner2Email, "Second Demo Owner", Roles.Owner, reseller.Id);
        await CreateUserAsync(SupportEmail, "Demo Support", Roles.Support, resellerId: null);
        await CreateUserAsync(AdminEmail, "Demo Admin", Roles.Admin, resellerId: null);

        var now = time.GetUtcNow().UtcDateTime;
        var ownerInstances = OwnerInstances(owner.Id, now);
        var owner2Instances = Owner2Instances(owner2.Id, now);
        db.Instances.AddRange(ownerInstances);
        db.Instances.AddRange(owner2Instances);
        await db.SaveChangesAsync(cancellationToken);

        // Numbers issued before today, through the issuer as it ran then, so quotas, statuses and history show at once.
        var seeded = 0;
        async Task IssueAsync(Instance instance, int count, int daysAgo)
        {
            for (var i = 1; i <= count; i++)
            {
                var then = new FixedTime(now.AddDays(-daysAgo).AddHours(i));
                var issuer = new ServiceNumberIssuer(new ChangeRunner(db, then, loggers.CreateLogger<ChangeRunner>()), standings, loggers.CreateLogger<ServiceNumberIssuer>());
                var outcome = await issuer.ApplyAsync(new ApplyRequest(instance.OwnerId, instance.InstanceId, $"demo-seed-{++seeded}"), cancellationToken);
                if (outcome.Kind != OutcomeKind.Done)
                {
                    throw new InvalidOperationException($"The demo seed could not issue a number for {instance.InstanceId}: "
                        + string.Join(" ", outcome.Problems.Select(p => p.Message.ToEnglish())));
                }
            }
        }

        await IssueAsync(ownerInstances.Single(i => i.InstanceId == "i-demo-ecs-full"), 5, daysAgo: 40);
        await IssueAsync(ownerInstances.Single(i => i.InstanceId == ExpiredInstanceId), 1, daysAgo: 300);
        await IssueAsync(ownerInstances.Single(i => i.InstanceId == "ewh-demo-shop"), 2, daysAgo: 20);
        await IssueAsync(ownerInstances.Single(i => i.InstanceId == "ewh-demo-blog"), 1, daysAgo: 10);
        await IssueAsync(owner2Instances.Single(i => i.InstanceId == "i-demo2-ecs-1"), 2, daysAgo: 5);

        // The expired instance got its number while it ran; it expired ten days ago (its unused number is Invalid now).
        await db.Instances.Where(i => i.InstanceId == ExpiredInstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Expired), cancellationToken);

        logger.LogInformation("Seeded demo data: {AccountCount} accounts, {InstanceCount} instances, {NumberCount} numbers",
            5, ownerInstances.Count + owner2Instances.Count, seeded);
    }

    private async Task<ApplicationUser> CreateUserAsync(string email, string displayName, string role, string? resellerId)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            ResellerId = resellerId,
        };
        Check(await users.CreateAsync(user, DemoPassword), email);
        Check(await users.AddToRoleAsync(user, role), email);
        return user;
    }

    private static List<Instance> OwnerInstances(string ownerId, DateTime now)
    {
        Instance Make(string id, string name, InstanceType type, Action<Instance>? adjust = null)
        {
            var instance = Qualified(id, name, type, ownerId, now);
            adjust?.Invoke(instance);
            return instance;
        }

        return
        [
            Make("i-demo-ecs-web01", "web-prod-01", InstanceType.Ecs),
            Make("i-demo-ecs-web02", "web-prod-02", InstanceType.Ecs),
            Make("i-demo-ecs-api", "api-gateway", InstanceType.Ecs),
            Make("i-demo-ecs-full", "legacy-portal (quota used up)", InstanceType.Ecs),
            Make("i-demo-ecs-payg", "batch-worker (pay-as-you-go)", InstanceType.Ecs, i => i.Billing = BillingMethod.PayAsYouGo),
            // Running until the seed has issued its number, then Expired (see SeedDemoDataAsync).
            Make(ExpiredInstanceId, "old-site (expired)", InstanceType.Ecs, i =>
            {
                i.SubscriptionStartsAt = now.AddMonths(-12).AddDays(-10);
                i.ExpiresAt = now.AddDays(-10);
            }),
            Make("i-demo-ecs-noip", "internal-db (no public IP)", InstanceType.Ecs, i => i.PublicIp = null),
            Make("i-demo-ecs-hk", "hk-mirror (Hong Kong)", InstanceType.Ecs, i =>
            {
                i.Region = "cn-hongkong";
                i.RegionInMainlandChina = false;
            }),
            Make("i-demo-ecs-other", "partner-hosted (other provider)", InstanceType.Ecs, i => i.Provider = HostingProvider.OtherProvider),
            Make("i-demo-ecs-trial", "trial-box (free trial)", InstanceType.Ecs, i => i.IsTrial = true),
            Make("i-demo-ecs-hold", "campaign-site (on hold)", InstanceType.Ecs, i =>
            {
                i.OnHold = true;
                i.HoldReason = "Abuse report under review";
            }),
            Make("i-demo-ecs-short", "promo (renewal due)", InstanceType.Ecs, i => i.ExpiresAt = now.AddMonths(1)),
            Make("i-demo-ecs-1month", "sandbox (1-month purchase)", InstanceType.Ecs, i =>
            {
                i.PurchasedMonths = 1;
                i.SubscriptionStartsAt = now.AddDays(-10);
            }),
            Make("sas-demo-blog", "blog (Simple Application Server)", InstanceType.SimpleApplicationServer),
            Make("ewh-demo-shop", "shop (Elastic Web Hosting)", InstanceType.ElasticWebHosting),
            Make("ewh-demo-blog", "news (Elastic Web Hosting)", InstanceType.ElasticWebHosting),
            Make("mkt-demo-site", "site builder (marketplace)", InstanceType.Marketplace, i => i.OrderAmount = 199m),
            Make("mkt-demo-cheap", "starter site (marketplace, RMB 49)", InstanceType.Marketplace, i => i.OrderAmount = 49m),
            Make("ngw-demo-egress", "egress (NAT Gateway)", InstanceType.NatGateway),
            Make("cwh-demo-docs", "docs (Cloud Web Hosting)", InstanceType.CloudWebHosting),
            Make("ens-demo-edge", "edge-cache (ENS)", InstanceType.Ens),
            Make("ipv6-demo-gw", "ipv6-gateway (IPv6 Translation)", InstanceType.Ipv6Translation),
        ];
    }

    private static List<Instance> Owner2Instances(string ownerId, DateTime now) =>
    [
        Qualified("i-demo2-ecs-1", "owner2-web", InstanceType.Ecs, ownerId, now),
        Qualified("cwh-demo2-site", "owner2-hosting", InstanceType.CloudWebHosting, ownerId, now),
    ];

    /// <summary>An instance that meets every rule: a year's subscription, eleven months left, running, public IP.</summary>
    private static Instance Qualified(string id, string name, InstanceType type, string ownerId, DateTime now) => new()
    {
        InstanceId = id,
        Name = name,
        Type = type,
        OwnerId = ownerId,
        Provider = HostingProvider.ThisProvider,
        Region = "cn-hangzhou",
        RegionInMainlandChina = true,
        Billing = BillingMethod.Subscription,
        SubscriptionStartsAt = now.AddMonths(-1),
        PurchasedMonths = 12,
        ExpiresAt = now.AddMonths(11),
        PublicIp = $"47.96.{id.Sum(c => c) % 250}.{(id.Length * 7 % 250) + 1}",
        Status = InstanceStatus.Running,
        IsTrial = false,
        OrderAmount = type == InstanceType.Marketplace ? 199m : null,
    };

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>The clock of a moment in the past, for numbers the seed issues as if then.</summary>
    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
