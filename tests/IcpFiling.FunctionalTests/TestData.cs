using IcpFiling.Core.Changes;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>Arranges data the demo seed does not have (a second reseller and its customer), straight through the app's services.</summary>
internal static class TestData
{
    public static Task<string> AccountIdAsync(this IcpFilingWebFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    /// <summary>Issues <paramref name="numbers"/> numbers for an instance that exists, through the issuer; returns them.</summary>
    public static async Task<List<string>> AddNumbersAsync(this IcpFilingWebFactory factory, string ownerId, string instanceId, int numbers)
    {
        var issued = new List<string>();
        for (var i = 1; i <= numbers; i++)
        {
            var outcome = await factory.WithServiceAsync<ServiceNumberIssuer, Outcome<IssuedNumber>>((issuer, _) =>
                issuer.ApplyAsync(new ApplyRequest(ownerId, instanceId, Guid.NewGuid().ToString("N")), CancellationToken.None));
            issued.Add(Outcomes.Done(outcome).Number);
        }

        return issued;
    }

    /// <summary>Adds a qualified instance with <paramref name="numbers"/> unused numbers issued through the issuer; returns the numbers.</summary>
    public static async Task<List<string>> AddInstanceWithNumbersAsync(
        this IcpFilingWebFactory factory, string ownerId, string instanceId, int numbers, InstanceType type = InstanceType.Ecs)
    {
        await factory.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(ownerId, instanceId, DateTime.UtcNow, type));
            return await db.SaveChangesAsync();
        });
        return await factory.AddNumbersAsync(ownerId, instanceId, numbers);
    }

    /// <summary>The audit rows about <paramref name="subjectId"/>, without the seed's inventory rows (written by the system).</summary>
    public static Task<List<AuditEntry>> AuditAsync(this IcpFilingWebFactory factory, string subjectId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectId == subjectId && a.ActorId != Actor.System.AccountId)
            .OrderBy(a => a.Id)
            .ToListAsync());

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
            .ApplyAsync(NumberTransitions.MarkUsed, DateTime.UtcNow, CancellationToken.None));

    /// <summary>Runs <paramref name="action"/> with a service of a fresh scope of the app.</summary>
    public static async Task<T> WithServiceAsync<TService, T>(this IcpFilingWebFactory factory, Func<TService, IcpFilingDbContext, Task<T>> action)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>(), scope.ServiceProvider.GetRequiredService<IcpFilingDbContext>());
    }

    /// <summary>Submits a filing for the account by selecting its instance, through the real FilingCommands; returns the filing's ID.</summary>
    public static async Task<long> FileWithInstanceAsync(this IcpFilingWebFactory factory, string email, string instanceId, string domain)
    {
        var accountId = await factory.AccountIdAsync(email);
        var outcome = await factory.WithServiceAsync<FilingCommands, Outcome<SubmittedFiling>>((filings, _) => filings.SubmitWithInstanceAsync(
            new FilingRequest(accountId, domain, "Test subject") { InstanceId = instanceId, IdempotencyKey = Guid.NewGuid().ToString("N") },
            CancellationToken.None));
        return Outcomes.Done(outcome).FilingId;
    }
}
