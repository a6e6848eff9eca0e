using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Support;
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
    RegionCatalog regions,
    SupportCommands supportCommands,
    TimeProvider time,
    ChinaCalendar calendar,
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

    // Fixed account ids (documented in README) so the inventory API walk can name the demo owner without a look-up.
    public const string OwnerId = "demo-owner";
    public const string Owner2Id = "demo-owner2";
    public const string ResellerId = "demo-reseller";
    public const string SupportId = "demo-support";
    public const string AdminId = "demo-admin";

    private const string ExpiredInstanceId = "i-demo-ecs-expired";

    public async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        // One plain read of the stored names: at every start but the first, all roles exist and Identity's queries need not run.
        var stored = await StartupReads.RoleNormalizedNamesAsync(db, cancellationToken);
        foreach (var role in Roles.All.Where(r => stored?.Contains(roles.NormalizeKey(r) ?? r) != true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                // Another node starting at the same moment made it between the check and the create: it exists, as wanted.
                if (!created.Succeeded && created.Errors.All(e => e.Code == nameof(IdentityErrorDescriber.DuplicateRoleName)))
                {
                    continue;
                }

                Check(created, role);
            }
        }
    }

    public async Task SeedDemoDataAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var reseller = await CreateUserAsync(ResellerId, ResellerEmail, "Demo Reseller", Roles.Reseller, resellerId: null);
        var owner = await CreateUserAsync(OwnerId, OwnerEmail, "Demo Owner", Roles.Owner, reseller.Id);
        var owner2 = await CreateUserAsync(Owner2Id, Owner2Email, "Second Demo Owner", Roles.Owner, reseller.Id);
        await CreateUserAsync(SupportId, SupportEmail, "Demo Support", Roles.Support, resellerId: null);
        await CreateUserAsync(AdminId, AdminEmail, "Demo Admin", Roles.Admin, resellerId: null);

        // Instances come in as the provider's systems sent them when they were bought (before any number was
        // issued), through the inventory's own commands.
        var now = time.GetUtcNow().UtcDateTime;
        var records = OwnerInstances(owner.Id, now, calendar).Concat(Owner2Instances(owner2.Id, now, calendar)).ToList();
        await InventoryAsync(records, now.AddDays(-400), cancellationToken);

        // Numbers issued before today, through the issuer as it ran then, so quotas, statuses and history show at once.
        var seeded = 0;
        async Task IssueAsync(string instanceId, string ownerId, int count, int daysAgo)
        {
            for (var i = 1; i <= count; i++)
            {
                var then = new FixedTime(now.AddDays(-daysAgo).AddHours(i));
                var issuer = new ServiceNumberIssuer(new ChangeRunner(db, then, loggers.CreateLogger<ChangeRunner>()), standings, loggers.CreateLogger<ServiceNumberIssuer>());
                var outcome = await issuer.ApplyAsync(new ApplyRequest(ownerId, instanceId, $"demo-seed-{++seeded}"), cancellationToken);
                if (outcome.Kind != OutcomeKind.Done)
                {
                    throw new InvalidOperationException($"The demo seed could not issue a number for {instanceId}: "
                        + string.Join(" ", outcome.Problems.Select(p => p.Message.ToEnglish())));
                }
            }
        }

        await IssueAsync("i-demo-ecs-full", owner.Id, 5, daysAgo: 40);
        await IssueAsync(ExpiredInstanceId, owner.Id, 1, daysAgo: 300);
        await IssueAsync("ewh-demo-shop", owner.Id, 2, daysAgo: 20);
        await IssueAsync("ewh-demo-blog", owner.Id, 1, daysAgo: 10);
        await IssueAsync("i-demo2-ecs-1", owner2.Id, 2, daysAgo: 5);

        // The expired instance got its number while it ran; the provider then reports it expired, which ends the number.
        var expired = records.Single(r => r.InstanceId == ExpiredInstanceId);
        await InventoryAsync([expired with { Status = InstanceStatus.Expired, Version = expired.Version + 1 }], now, cancellationToken);

        // Support put one instance on hold.
        var support = await db.Users.Where(u => u.Email == SupportEmail).Select(u => u.Id).SingleAsync(cancellationToken);
        Expect(await supportCommands.PlaceHoldAsync(Actor.Support(support, null), "i-demo-ecs-hold", "Abuse report under review", cancellationToken));

        logger.LogInformation("Seeded demo data: {AccountCount} accounts, {InstanceCount} instances, {NumberCount} numbers",
            5, records.Count, seeded);
    }

    private async Task InventoryAsync(IReadOnlyList<InstanceRecord> records, DateTime at, CancellationToken cancellationToken)
    {
        var inventory = new InventoryCommands(new ChangeRunner(db, new FixedTime(at), loggers.CreateLogger<ChangeRunner>()), regions, loggers.CreateLogger<InventoryCommands>());
        Expect(await inventory.ApplyAsync(Actor.System, [.. records.Select(r => new InventoryItem(Instance: r))], cancellationToken));
    }

    private static void Expect<T>(Outcome<T> outcome)
    {
        if (outcome.Kind != OutcomeKind.Done)
        {
            throw new InvalidOperationException("The demo seed was refused: "
                + string.Join(" ", outcome.Problems.Select(p => $"{p.Field}: {p.Message.ToEnglish()}")));
        }
    }

    private async Task<ApplicationUser> CreateUserAsync(string id, string email, string displayName, string role, string? resellerId)
    {
        var user = new ApplicationUser
        {
            Id = id,
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

    private static List<InstanceRecord> OwnerInstances(string ownerId, DateTime now, ChinaCalendar calendar)
    {
        InstanceRecord Make(string id, string name, InstanceType type, Func<InstanceRecord, InstanceRecord>? adjust = null) =>
            (adjust ?? (r => r))(Qualified(id, name, type, ownerId, now, calendar));

        // A subscription ends its purchased months after it starts, counted on the console's calendar.
        InstanceRecord Bought(InstanceRecord r, DateTime startsAt, int months) =>
            r with { SubscriptionStartsAt = startsAt, PurchasedMonths = months, ExpiresAt = calendar.AddMonths(startsAt, months) };

        return
        [
            Make("i-demo-ecs-web01", "web-prod-01", InstanceType.Ecs),
            Make("i-demo-ecs-web02", "web-prod-02", InstanceType.Ecs),
            Make("i-demo-ecs-api", "api-gateway", InstanceType.Ecs),
            Make("i-demo-ecs-full", "legacy-portal (quota used up)", InstanceType.Ecs),
            Make("i-demo-ecs-payg", "batch-worker (pay-as-you-go)", InstanceType.Ecs, r => r with { Billing = BillingMethod.PayAsYouGo }),
            // Running until the seed has issued its number, then reported Expired (see SeedDemoDataAsync).
            // A year bought a year and ten days ago: it ended ten days ago, after its number was issued.
            Make(ExpiredInstanceId, "old-site (expired)", InstanceType.Ecs, r => Bought(r, calendar.AddMonths(now.AddDays(-10), -12), 12)),
            Make("i-demo-ecs-noip", "internal-db (no public IP)", InstanceType.Ecs, r => r with { PublicIps = [] }),
            Make("i-demo-ecs-hk", "hk-mirror (Hong Kong)", InstanceType.Ecs, r => r with { RegionId = "cn-hongkong" }),
            Make("i-demo-ecs-other", "partner-hosted (other provider)", InstanceType.Ecs, r => r with { Provider = HostingProvider.OtherProvider }),
            Make("i-demo-ecs-trial", "trial-box (free trial)", InstanceType.Ecs, r => r with { Trial = true }),
            Make("i-demo-ecs-hold", "campaign-site (on hold)", InstanceType.Ecs),
            // A year bought eleven months ago: one month left, less than the three a number needs.
            Make("i-demo-ecs-short", "promo (renewal due)", InstanceType.Ecs, r => Bought(r, calendar.AddMonths(now, -11), 12)),
            Make("i-demo-ecs-1month", "sandbox (1-month purchase)", InstanceType.Ecs, r => Bought(r, now.AddDays(-10), 1)),
            Make("sas-demo-blog", "blog (Simple Application Server)", InstanceType.SimpleApplicationServer),
            Make("ewh-demo-shop", "shop (Elastic Web Hosting)", InstanceType.ElasticWebHosting),
            Make("ewh-demo-blog", "news (Elastic Web Hosting)", InstanceType.ElasticWebHosting),
            Make("mkt-demo-site", "site builder (marketplace)", InstanceType.Marketplace, r => r with { OrderAmount = 199m }),
            Make("mkt-demo-cheap", "starter site (marketplace, RMB 49)", InstanceType.Marketplace, r => r with { OrderAmount = 49m }),
            Make("ngw-demo-egress", "egress (NAT Gateway)", InstanceType.NatGateway),
            Make("cwh-demo-docs", "docs (Cloud Web Hosting)", InstanceType.CloudWebHosting),
            Make("ens-demo-edge", "edge-cache (ENS)", InstanceType.Ens),
            Make("ipv6-demo-gw", "ipv6-gateway (IPv6 Translation)", InstanceType.Ipv6Translation, r => r with
            {
                PublicIps = ["240e:3b7:3273:2b40::1"],
            }),
        ];
    }

    private static List<InstanceRecord> Owner2Instances(string ownerId, DateTime now, ChinaCalendar calendar) =>
    [
        Qualified("i-demo2-ecs-1", "owner2-web", InstanceType.Ecs, ownerId, now, calendar),
        Qualified("cwh-demo2-site", "owner2-hosting", InstanceType.CloudWebHosting, ownerId, now, calendar),
    ];

    /// <summary>
    /// An instance that meets every rule: a year's subscription bought two months ago (before the oldest number the
    /// seed issues on a running instance), ten months left, running, public IP.
    /// </summary>
    private static InstanceRecord Qualified(string id, string name, InstanceType type, string ownerId, DateTime now, ChinaCalendar calendar) => new()
    {
        InstanceId = id,
        Name = name,
        Type = type,
        OwnerId = ownerId,
        Provider = HostingProvider.ThisProvider,
        RegionId = "cn-hangzhou",
        Billing = BillingMethod.Subscription,
        SubscriptionStartsAt = calendar.AddMonths(now, -2),
        PurchasedMonths = 12,
        ExpiresAt = calendar.AddMonths(calendar.AddMonths(now, -2), 12),
        PublicIps = [$"47.96.{id.Sum(c => c) % 250}.{(id.Length * 7 % 250) + 1}"],
        Status = InstanceStatus.Running,
        Trial = false,
        OrderAmount = type == InstanceType.Marketplace ? 199m : null,
        Version = 1,
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
