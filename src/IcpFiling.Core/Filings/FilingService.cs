using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Filings;

/// <summary>
/// Submits and closes ICP filings. A number goes from Unused to Used by a conditional update that must
/// touch exactly one row, and a filing's number is unique in the database, so two filings racing for one
/// number cannot both win. Filing with an instance goes through <see cref="ServiceNumberIssuer"/>.
/// </summary>
public sealed class FilingService(
    IcpFilingDbContext db,
    ServiceNumberIssuer issuer,
    TimeProvider time,
    ILogger<FilingService> logger)
{
    public const string DomainTakenMessage = "The domain {0} already has a submitted ICP filing.";

    /// <summary>"I already have a service number": use it for this filing.</summary>
    public async Task<FilingResult> SubmitWithNumberAsync(FilingRequest request, string? numberInput, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var domain, out var subject);
        var number = ServiceNumberGenerator.Normalize(numberInput);
        if (number is null)
        {
            errors["ServiceNumber"] = "This is not a valid service identification number.";
        }

        if (errors.Count > 0)
        {
            return new FilingResult.Invalid(errors);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(ct => UseNumberOnceAsync(request, domain!, subject!, number!, ct), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A unique index decided a race (the number or the domain was taken a moment ago); say which.
            db.ChangeTracker.Clear();
            if (await db.ServiceNumbers.AnyAsync(n => n.Number == number && n.Status == ServiceNumberStatus.Used, cancellationToken))
            {
                return new FilingResult.NumberRefused(ServiceNumberUsability.AlreadyUsed);
            }

            if (await DomainHasSubmittedFilingAsync(domain!.Ascii, cancellationToken))
            {
                return new FilingResult.DomainTaken(domain.Unicode);
            }

            throw;
        }
    }

    /// <summary>"Select one of your instances": issue a number for it and use it, in one transaction.</summary>
    public async Task<FilingResult> SubmitWithInstanceAsync(
        FilingRequest request, string? instanceId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var domain, out var subject);
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            errors["InstanceId"] = "Choose one of your instances.";
        }

        if (!ApplyRequest.IsValidIdempotencyKey(idempotencyKey))
        {
            errors["InstanceId"] = "The form is incomplete; reload the page and try again.";
        }

        if (errors.Count > 0)
        {
            return new FilingResult.Invalid(errors);
        }

        long filingId = 0;
        var applied = await issuer.ApplyAsync(
            new ApplyRequest(request.AccountId, instanceId!, idempotencyKey!, IssueChannel.Filing, request.CorrelationId),
            async (number, now, ct) =>
            {
                if (await DomainHasSubmittedFilingAsync(domain!.Ascii, ct))
                {
                    return DomainTakenMessage;
                }

                number.Status = ServiceNumberStatus.Used;
                number.UsedAt = now;
                filingId = await AddFilingAsync(request, domain, subject!, number, now, ct);
                return null;
            },
            cancellationToken);

        switch (applied)
        {
            case ApplyResult.Issued issued:
                return new FilingResult.Submitted(filingId, issued.Number.Number, Replayed: false);
            case ApplyResult.Replayed replayed:
                var earlier = await db.Filings.AsNoTracking()
                    .Where(f => f.ServiceNumber.Number == replayed.Number.Number)
                    .Select(f => (long?)f.Id)
                    .SingleOrDefaultAsync(cancellationToken);
                return earlier is { } id
                    ? new FilingResult.Submitted(id, replayed.Number.Number, Replayed: true)
                    : new FilingResult.Invalid(new Dictionary<string, string> { ["InstanceId"] = "The form is incomplete; reload the page and try again." });
            case ApplyResult.Refused refused:
                return new FilingResult.InstanceRefused(refused.Reasons);
            case ApplyResult.Stopped:
                return new FilingResult.DomainTaken(domain!.Unicode);
            case ApplyResult.KeyReused:
                return new FilingResult.Invalid(new Dictionary<string, string> { ["InstanceId"] = "The form is incomplete; reload the page and try again." });
            default:
                return new FilingResult.NotFound();
        }
    }

    /// <summary>Closes a submitted filing. Its number stays Used: there is no way back to Unused.</summary>
    public async Task<FilingChangeResult> CloseAsync(
        string accountId, long filingId, FilingStatus to, string? correlationId, CancellationToken cancellationToken)
    {
        if (!Filing.CanChange(FilingStatus.Submitted, to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A filing can only be cancelled or have its provider removed.");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var changed = await db.Filings
                .Where(f => f.Id == filingId && f.AccountId == accountId && f.Status == FilingStatus.Submitted)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, to).SetProperty(f => f.ClosedAt, now), ct);
            if (changed != 1)
            {
                return await db.Filings.AnyAsync(f => f.Id == filingId && f.AccountId == accountId, ct)
                    ? FilingChangeResult.NotSubmitted
                    : FilingChangeResult.NotFound;
            }

            db.AuditEntries.Add(FilerAudit(accountId, correlationId, now,
                to == FilingStatus.Cancelled ? AuditActions.FilingCancelled : AuditActions.FilingProviderRemoved,
                AuditSubjects.Filing, filingId.ToString(System.Globalization.CultureInfo.InvariantCulture), "service number stays Used"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Filing {FilingId} of account {AccountId} changed to {FilingStatus}", filingId, accountId, to);
            return FilingChangeResult.Changed;
        }, cancellationToken);
    }

    private async Task<FilingResult> UseNumberOnceAsync(
        FilingRequest request, DomainName domain, string subject, string number, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var candidate = await db.ServiceNumbers.Include(n => n.Instance).SingleOrDefaultAsync(n => n.Number == number, cancellationToken);
        if (ServiceNumberUsability.Refusal(candidate, request.AccountId, now) is { } refusal)
        {
            return new FilingResult.NumberRefused(refusal);
        }

        if (await DomainHasSubmittedFilingAsync(domain.Ascii, cancellationToken))
        {
            return new FilingResult.DomainTaken(domain.Unicode);
        }

        // The check above can be stale by now; this update is the decision: exactly one filing wins the number.
        var claimed = await db.ServiceNumbers
            .Where(n => n.Id == candidate!.Id && n.Status == ServiceNumberStatus.Unused
                && (n.RestrictedToAccountId == null || n.RestrictedToAccountId == request.AccountId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, ServiceNumberStatus.Used).SetProperty(n => n.UsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return new FilingResult.NumberRefused(ServiceNumberUsability.AlreadyUsed);
        }

        var filingId = await AddFilingAsync(request, domain, subject, candidate!, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FilingResult.Submitted(filingId, number, Replayed: false);
    }

    /// <summary>Adds the filing and its audit rows to the current transaction; returns the filing's ID.</summary>
    private async Task<long> AddFilingAsync(
        FilingRequest request, DomainName domain, string subject, ServiceNumber number, DateTime now, CancellationToken cancellationToken)
    {
        var filing = new Filing
        {
            Domain = domain.Unicode,
            DomainAscii = domain.Ascii,
            SubjectName = subject,
            AccountId = request.AccountId,
            ServiceNumberRef = number.Id,
            ServiceNumber = number,
            SubmittedAt = now,
        };
        db.Filings.Add(filing);
        await db.SaveChangesAsync(cancellationToken);

        var filingKey = filing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        db.AuditEntries.Add(FilerAudit(request.AccountId, request.CorrelationId, now,
            AuditActions.NumberUsed, AuditSubjects.ServiceNumber, number.Number, $"filing={filingKey}; domain={domain.Ascii}"));
        db.AuditEntries.Add(FilerAudit(request.AccountId, request.CorrelationId, now,
            AuditActions.FilingSubmitted, AuditSubjects.Filing, filingKey, $"domain={domain.Ascii}; number={number.Number}"));
        logger.LogInformation(
            "Filing {FilingId} for {Domain} submitted by account {AccountId} with service number {ServiceNumber}",
            filing.Id, domain.Ascii, request.AccountId, number.Number);
        return filing.Id;
    }

    /// <summary>An audit row for what the filing account did.</summary>
    private static AuditEntry FilerAudit(
        string accountId, string? correlationId, DateTime at, string action, string subjectType, string subjectId, string detail) => new()
        {
            At = at,
            ActorId = accountId,
            ActorRole = Roles.Owner,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Detail = detail,
            CorrelationId = correlationId,
        };

    private Task<bool> DomainHasSubmittedFilingAsync(string ascii, CancellationToken cancellationToken) =>
        db.Filings.AnyAsync(f => f.DomainAscii == ascii && f.Status == FilingStatus.Submitted, cancellationToken);

    private static Dictionary<string, string> Validate(FilingRequest request, out DomainName? domain, out string? subject)
    {
        var errors = new Dictionary<string, string>();
        var parsed = DomainName.Parse(request.Domain);
        domain = parsed.Domain;
        if (parsed.Error is { } error)
        {
            errors["Domain"] = error;
        }

        subject = request.SubjectName?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            errors["SubjectName"] = "Enter the filing subject: the organisation or person filing.";
        }
        else if (subject.Length > Filing.SubjectNameMaxLength)
        {
            errors["SubjectName"] = "The filing subject can be at most 200 characters long.";
        }

        return errors;
    }
}
