using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>Arranges data the demo seed does not have (a second reseller and its customer), straight through the app's services.</summary>
internal static class TestData
{
    public static Task<string> AccountIdAsync(this IcpFilingWebFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    /// <summary>Creates the account (password <see cref="DemoAccounts.Password"/>) unless it exists; returns its ID.</summary>
    public static async Task<string> EnsureAccountAsync(this IcpFilingWebFactory factory, string email, string role, string? resellerId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, ResellerId = resellerId };
        Check(await users.CreateAsync(user, DemoAccounts.Password));
        Check(await users.AddToRoleAsync(user, role));
        return user.Id;

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    /// <summary>Adds a qualified ECS instance with <paramref name="numbers"/> unused numbers issued; returns the numbers.</summary>
    public static Task<List<string>> AddInstanceWithNumbersAsync(
        this IcpFilingWebFactory factory, string ownerId, string instanceId, int numbers, InstanceType type = InstanceType.Ecs) =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var instance = new Instance
            {
                InstanceId = instanceId,
                Name = instanceId,
                Type = type,
                OwnerId = ownerId,
                Region = "cn-hangzhou",
                RegionInMainlandChina = true,
                Billing = BillingMethod.Subscription,
                SubscriptionStartsAt = now.AddMonths(-1),
                PurchasedMonths = 12,
                ExpiresAt = now.AddMonths(11),
                PublicIp = "203.0.113.7",
                Status = InstanceStatus.Running,
            };
            db.Instances.Add(instance);
            await db.SaveChangesAsync();
            var issued = new List<string>();
            for (var slot = 1; slot <= numbers; slot++)
            {
                var number = new ServiceNumber
                {
                    Number = ServiceNumberGenerator.NewNumber(),
                    InstanceRef = instance.Id,
                    InstanceType = type,
                    AccountId = ownerId,
                    IssuedAt = now.AddMinutes(-slot),
                    Channel = IssueChannel.ApplicationPage,
                    QuotaKey = $"instance:{instanceId}",
                    Slot = slot,
                    IdempotencyKey = Guid.NewGuid().ToString("N"),
                };
                db.ServiceNumbers.Add(number);
                issued.Add(number.Number);
            }

            await db.SaveChangesAsync();
            return issued;
        });

    public static Task<List<AuditEntry>> AuditAsync(this IcpFilingWebFactory factory, string subjectId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == subjectId).OrderBy(a => a.Id).ToListAsync());

    public static Task<Instance> InstanceAsync(this IcpFilingWebFactory factory, string instanceId) =>
        factory.WithDbAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId));

    public static Task<ServiceNumber> NumberAsync(this IcpFilingWebFactory factory, string number) =>
        factory.WithDbAsync(db => db.ServiceNumbers.AsNoTracking().SingleAsync(n => n.Number == number));

    /// <summary>An unused number of the instance (the demo seed's, or one added by a test).</summary>
    public static Task<string> UnusedNumberOfAsync(this IcpFilingWebFactory factory, string instanceId) =>
        factory.WithDbAsync(db => db.ServiceNumbers
            .Where(n => n.Instance.InstanceId == instanceId && n.Status == ServiceNumberStatus.Unused)
            .OrderBy(n => n.Slot).Select(n => n.Number).FirstAsync());

    public static Task MarkUsedAsync(this IcpFilingWebFactory factory, string number) =>
        factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, ServiceNumberStatus.Used).SetProperty(n => n.UsedAt, DateTime.UtcNow)));

    /// <summary>Runs <paramref name="action"/> with a service of a fresh scope of the app.</summary>
    public static async Task<T> WithServiceAsync<TService, T>(this IcpFilingWebFactory factory, Func<TService, IcpFilingDbContext, Task<T>> action)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>(), scope.ServiceProvider.GetRequiredService<IcpFilingDbContext>());
    }

    /// <summary>Submits a filing for the account by selecting its instance, through the real FilingService; returns the filing's ID.</summary>
    public static async Task<long> FileWithInstanceAsync(this IcpFilingWebFactory factory, string email, string instanceId, string domain)
    {
        var accountId = await factory.AccountIdAsync(email);
        var result = await factory.WithServiceAsync<FilingService, FilingResult>((filings, _) => filings.SubmitWithInstanceAsync(
            new FilingRequest(accountId, domain, "Test subject"), instanceId, Guid.NewGuid().ToString("N"), CancellationToken.None));
        return result is FilingResult.Submitted submitted
            ? submitted.FilingId
            : throw new InvalidOperationException($"Filing {domain} for {email} was not submitted: {result}");
    }
}
