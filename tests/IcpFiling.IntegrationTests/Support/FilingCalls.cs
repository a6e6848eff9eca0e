using IcpFiling.Core.Audit;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// Filing and restriction requests as the web app serves them: a DbContext of its own for every call, and
/// the <see cref="FilingService"/>'s issuer on that same DbContext (the service requires it).
/// </summary>
internal static class FilingCalls
{
    public const string Subject = "Hangzhou Example Network Technology Co., Ltd.";

    public static FilingRequest Request(string accountId, string? domain, string? subject = Subject, string? correlationId = null) =>
        new(accountId, domain, subject, correlationId);

    public static FilingService Service(this TestDatabase database, IcpFilingDbContext db) =>
        new(
            db,
            new ServiceNumberIssuer(db, database.Catalog, database.Time, NullLogger<ServiceNumberIssuer>.Instance),
            database.Time,
            NullLogger<FilingService>.Instance);

    public static async Task<FilingResult> SubmitWithNumberAsync(
        this TestDatabase database, FilingRequest request, string? number, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
        return await database.Service(db).SubmitWithNumberAsync(request, number, CancellationToken.None);
    }

    public static async Task<FilingResult> SubmitWithInstanceAsync(
        this TestDatabase database, FilingRequest request, string? instanceId, string? idempotencyKey, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
        return await database.Service(db).SubmitWithInstanceAsync(request, instanceId, idempotencyKey, CancellationToken.None);
    }

    public static async Task<FilingChangeResult> CloseAsync(this TestDatabase database, string accountId, long filingId, FilingStatus to)
    {
        await using var db = database.NewContext();
        return await database.Service(db).CloseAsync(accountId, filingId, to, "corr-close", CancellationToken.None);
    }

    public static async Task<RestrictionOutcome> RestrictAsync(this TestDatabase database, string ownerId, string? number, string? email)
    {
        await using var db = database.NewContext();
        var restrictions = new NumberRestrictions(db, database.Time, NullLogger<NumberRestrictions>.Instance);
        return await restrictions.RestrictAsync(ownerId, number, email, "corr-restrict", CancellationToken.None);
    }

    /// <summary>Issues a number on the ICP No. Application page and returns it.</summary>
    public static async Task<string> IssueAsync(this TestDatabase database, string ownerId, string instanceId, string idempotencyKey)
    {
        var result = await database.ApplyAsync(new ApplyRequest(ownerId, instanceId, idempotencyKey));
        return Assert.IsType<ApplyResult.Issued>(result).Number.Number;
    }

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
