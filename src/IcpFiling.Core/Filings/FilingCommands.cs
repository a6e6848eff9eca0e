using System.Globalization;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Filings;

/// <summary>
/// Submits and closes ICP filings. A number goes from Unused to Used by a conditional update that must
/// touch exactly one row, and a filing's number and a submitted domain are unique in the database, so two
/// filings racing for one number or one domain cannot both win: the loser's change runs again and is
/// refused in plain words. Filing with an instance issues its number in the same change.
/// </summary>
public sealed class FilingCommands(ChangeRunner changes, ServiceNumberIssuer issuer, ILogger<FilingCommands> logger)
{
    public const string DomainTakenMessage = "The domain {0} already has a submitted ICP filing.";
    public const string SubmittedMessage = "The ICP filing was submitted with service identification number {0}.";
    public const string ReplayedMessage = "This filing was already submitted with service identification number {0}. Nothing new was submitted.";

    /// <summary>"I already have a service number": use <see cref="FilingRequest.ServiceNumber"/> for this filing.</summary>
    public async Task<Outcome<SubmittedFiling>> SubmitWithNumberAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Validate(request, out var domain, out var subject);
        var number = ServiceNumberGenerator.Normalize(request.ServiceNumber);
        if (number is null)
        {
            problems.Add(new Problem(nameof(FilingRequest.ServiceNumber), new Notice("This is not a valid service identification number.")));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        return await SubmitAsync(request, async (scope, ct) =>
        {
            var candidate = await scope.Db.ServiceNumbers.Include(n => n.Instance).SingleOrDefaultAsync(n => n.Number == number, ct);
            if (ServiceNumberUsability.Refusal(candidate, request.AccountId, scope.UtcNow) is { } refusal)
            {
                return Outcome.Refused(nameof(FilingRequest.ServiceNumber), refusal);
            }

            if (await DomainTakenAsync(scope, domain!, ct) is { } taken)
            {
                return taken;
            }

            // The check above can be stale by now; this update is the decision: exactly one filing wins the number.
            var claimed = await scope.Db.ServiceNumbers
                .Where(n => n.Id == candidate!.Id && (n.RestrictedToAccountId == null || n.RestrictedToAccountId == request.AccountId))
                .ApplyAsync(NumberTransitions.MarkUsed, scope.UtcNow, ct);
            if (claimed != 1)
            {
                return Outcome.Refused(summary: null, NumberTransitions.MarkUsed.Refusal(
                    ServiceNumberStatus.Used, new Notice(ServiceNumberUsability.AlreadyUsed), nameof(FilingRequest.ServiceNumber)));
            }

            return await AddFilingAsync(scope, domain!, subject!, candidate!, ct);
        }, cancellationToken);
    }

    /// <summary>"Select one of your instances": issue a number for <see cref="FilingRequest.InstanceId"/> and use it, in one change.</summary>
    public async Task<Outcome<SubmittedFiling>> SubmitWithInstanceAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Validate(request, out var domain, out var subject);
        if (string.IsNullOrWhiteSpace(request.InstanceId))
        {
            problems.Add(new Problem(nameof(FilingRequest.InstanceId), new Notice("Choose one of your instances.")));
        }

        if (!InputLimits.IsValidIdempotencyKey(request.IdempotencyKey))
        {
            problems.Add(new Problem(nameof(FilingRequest.IdempotencyKey), new Notice(IssuerMessages.FormIncomplete)));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var apply = new ApplyRequest(request.AccountId, request.InstanceId!, request.IdempotencyKey!, IssueChannel.Filing, request.CorrelationId);
        return await SubmitAsync(request, async (scope, ct) =>
        {
            var issued = await issuer.IssueAsync(scope, apply, ct);
            if (issued.Kind == OutcomeKind.Replayed)
            {
                // The same submission again: answer with the filing it made, if it made one.
                var earlier = await scope.Db.Filings.AsNoTracking()
                    .Where(f => f.ServiceNumberRef == issued.Value!.Id)
                    .Select(f => (long?)f.Id)
                    .SingleOrDefaultAsync(ct);
                return earlier is { } id
                    ? Outcome.Replayed(new SubmittedFiling(id, issued.Value!.Number), new Notice(ReplayedMessage, issued.Value.Number))
                    : Outcome.Invalid(nameof(FilingRequest.IdempotencyKey), IssuerMessages.FormIncomplete);
            }

            if (issued.Kind != OutcomeKind.Done)
            {
                // A refused instance lists its reasons under the instance, not above the whole form.
                return issued.Kind == OutcomeKind.Refused
                    ? Outcome.Refused(summary: null, issued.Problems)
                    : issued.Failure<SubmittedFiling>();
            }

            if (await DomainTakenAsync(scope, domain!, ct) is { } taken)
            {
                // Returning without Done rolls the change back: the number was never issued.
                return taken;
            }

            var number = issued.Value!;
            // Just issued, so Unused: the change cannot be refused, but a refusal would say why.
            if (number.MarkUsed(scope.UtcNow) is { } refused)
            {
                return Outcome.Refused(summary: null, refused with { Field = nameof(FilingRequest.ServiceNumber) });
            }

            return await AddFilingAsync(scope, domain!, subject!, number, ct);
        }, cancellationToken);
    }

    /// <summary>Closes a submitted filing. Its number stays Used: there is no way back to Unused.</summary>
    public async Task<Outcome<long>> CloseAsync(
        string accountId, long filingId, FilingStatus to, string? correlationId, CancellationToken cancellationToken)
    {
        if (!Filing.CanChange(FilingStatus.Submitted, to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A filing can only be cancelled or have its provider removed.");
        }

        var outcome = await changes.RunAsync(Actor.Owner(accountId, correlationId), async (scope, ct) =>
        {
            var changed = await scope.Db.Filings
                .Where(f => f.Id == filingId && f.AccountId == accountId && f.Status == FilingStatus.Submitted)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, to).SetProperty(f => f.ClosedAt, scope.UtcNow), ct);
            if (changed != 1)
            {
                return await scope.Db.Filings.AnyAsync(f => f.Id == filingId && f.AccountId == accountId, ct)
                    ? Outcome.Refused(field: null, "This filing is no longer submitted; nothing was changed.")
                    : Outcome.NotFound;
            }

            scope.Audit(
                to == FilingStatus.Cancelled ? AuditActions.FilingCancelled : AuditActions.FilingProviderRemoved,
                AuditSubjects.Filing, filingId.ToString(CultureInfo.InvariantCulture), "service number stays Used");
            return Outcome.Done(filingId, new Notice(to == FilingStatus.Cancelled
                ? "The filing was cancelled. Its service identification number stays used and cannot be used again."
                : "This service provider was removed from the filing. Its service identification number stays used and cannot be used again."));
        }, cancellationToken);
        if (outcome.Kind == OutcomeKind.Done)
        {
            logger.LogInformation("Filing {FilingId} of account {AccountId} changed to {FilingStatus}", filingId, accountId, to);
        }

        return outcome;
    }

    private async Task<Outcome<SubmittedFiling>> SubmitAsync(
        FilingRequest request, Func<ChangeScope, CancellationToken, Task<Outcome<SubmittedFiling>>> submit, CancellationToken cancellationToken)
    {
        var outcome = await changes.RunAsync(Actor.Owner(request.AccountId, request.CorrelationId), submit, cancellationToken);
        if (outcome is { Kind: OutcomeKind.Done, Value: { } filing })
        {
            logger.LogInformation(
                "Filing {FilingId} for {Domain} submitted by account {AccountId} with service number {ServiceNumber}",
                filing.FilingId, request.Domain, request.AccountId, filing.Number);
        }

        return outcome;
    }

    /// <summary>Adds the filing and its audit rows to the change.</summary>
    private static async Task<Outcome<SubmittedFiling>> AddFilingAsync(
        ChangeScope scope, DomainName domain, string subject, ServiceNumber number, CancellationToken cancellationToken)
    {
        var filing = new Filing
        {
            Domain = domain.Unicode,
            DomainAscii = domain.Ascii,
            SubjectName = subject,
            AccountId = scope.Actor.AccountId,
            ServiceNumberRef = number.Id,
            ServiceNumber = number,
            SubmittedAt = scope.UtcNow,
        };
        scope.Db.Filings.Add(filing);
        // Saved now (the change commits later) so the audit rows can name the filing by its id.
        await scope.Db.SaveChangesAsync(cancellationToken);

        var filingKey = filing.Id.ToString(CultureInfo.InvariantCulture);
        scope.Audit(AuditActions.NumberUsed, AuditSubjects.ServiceNumber, number.Number, $"filing={filingKey}; domain={domain.Ascii}");
        scope.Audit(AuditActions.FilingSubmitted, AuditSubjects.Filing, filingKey, $"domain={domain.Ascii}; number={number.Number}");
        return Outcome.Done(new SubmittedFiling(filing.Id, number.Number), new Notice(SubmittedMessage, number.Number));
    }

    private static async Task<Failure?> DomainTakenAsync(ChangeScope scope, DomainName domain, CancellationToken cancellationToken) =>
        await scope.Db.Filings.AnyAsync(f => f.DomainAscii == domain.Ascii && f.Status == FilingStatus.Submitted, cancellationToken)
            ? Outcome.Refused(nameof(FilingRequest.Domain), DomainTakenMessage, domain.Unicode)
            : null;

    private static List<Problem> Validate(FilingRequest request, out DomainName? domain, out string? subject)
    {
        var problems = new List<Problem>();
        var parsed = DomainName.Parse(request.Domain);
        domain = parsed.Domain;
        if (parsed.Error is { } error)
        {
            problems.Add(new Problem(nameof(FilingRequest.Domain), new Notice(error)));
        }

        subject = request.SubjectName?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            problems.Add(new Problem(nameof(FilingRequest.SubjectName), new Notice("Enter the filing subject: the organisation or person filing.")));
        }
        else if (subject.Length > InputLimits.SubjectNameMaxLength)
        {
            problems.Add(new Problem(nameof(FilingRequest.SubjectName), new Notice(FilingMessages.SubjectTooLong, nameof(FilingRequest.SubjectName), InputLimits.SubjectNameMaxLength)));
        }

        return problems;
    }
}

/// <summary>Filing messages that forms share with the commands (English, and the localization keys).</summary>
public static class FilingMessages
{
    // {1} is the limit, as in a StringLength attribute's message ({0} is the field).
    public const string SubjectTooLong = "The filing subject can be at most {1} characters long.";
    public const string DomainTooLong = "A domain name can be at most {1} characters long.";
}
