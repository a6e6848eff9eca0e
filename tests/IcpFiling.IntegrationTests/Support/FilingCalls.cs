using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// Filing and restriction requests as the web app serves them: a DbContext of its own for every call, and
/// the <see cref="FilingCommands"/>'s issuer on that same DbContext (the service requires it).
/// </summary>
internal static class FilingCalls
{
    public const string Subject = "Hangzhou Example Network Technology Co., Ltd.";

    public static FilingRequest Request(string accountId, string? domain, string? subject = Subject, string? correlationId = null) =>
        new(accountId, domain, subject, correlationId);

    public static FilingCommands Service(this TestDatabase database, IcpFilingDbContext db)
    {
        var runner = database.Runner(db);
        return new(runner, database.Issuer(db, runner), NullLogger<FilingCommands>.Instance);
    }

    public static async Task<Outcome<SubmittedFiling>> SubmitWithNumberAsync(
        this TestDatabase database, FilingRequest request, string? number, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
        return await database.Service(db).SubmitWithNumberAsync(request with { ServiceNumber = number }, CancellationToken.None);
    }

    public static async Task<Outcome<SubmittedFiling>> SubmitWithInstanceAsync(
        this TestDatabase database, FilingRequest request, string? instanceId, string? idempotencyKey, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
        return await database.Service(db).SubmitWithInstanceAsync(
            request with { InstanceId = instanceId, IdempotencyKey = idempotencyKey }, CancellationToken.None);
    }

    public static async Task<Outcome<long>> CloseAsync(this TestDatabase database, string accountId, long filingId, FilingStatus to)
    {
        await using var db = database.NewContext();
        return await database.Service(db).CloseAsync(accountId, filingId, to, "corr-close", CancellationToken.None);
    }

    public static async Task<Outcome<RestrictionChange>> RestrictAsync(this TestDatabase database, string ownerId, string? number, string? email)
    {
        await using var db = database.NewContext();
        var restrictions = new RestrictionCommands(database.Runner(db), NullLogger<RestrictionCommands>.Instance);
        return await restrictions.RestrictAsync(new RestrictionRequest(ownerId, number, email, "corr-restrict"), CancellationToken.None);
    }

    /// <summary>Issues a number on the ICP No. Application page and returns it.</summary>
    public static async Task<string> IssueAsync(this TestDatabase database, string ownerId, string instanceId, string idempotencyKey) =>
        Outcomes.Done(await database.ApplyAsync(new ApplyRequest(ownerId, instanceId, idempotencyKey))).Number;

    public static async Task<ServiceNumber> NumberAsync(this TestDatabase database, string number)
    {
        await using var db = database.NewContext();
        return await db.ServiceNumbers.AsNoTracking().SingleAsync(n => n.Number == number);
    }

    public static async Task<List<Filing>> FilingsAsync(this TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Filings.AsNoTracking().OrderBy(f => f.Id).ToListAsync();
    }

    /// <summary>The audit trail in the order it was written.</summary>
    public static async Task<List<AuditEntry>> AuditAsync(this TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }
}
