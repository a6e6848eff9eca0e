using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// The owner names the one account that may use a number (by e-mail), optionally with a note both accounts read;
/// no e-mail lifts the restriction (and drops the note).
/// </summary>
public sealed record RestrictionRequest(
    string OwnerId, string? Number, string? Email, string? CorrelationId = null, string? Note = null, AuditChannel Channel = AuditChannel.Console);

/// <summary>What a restriction did to the number.</summary>
public enum RestrictionChange
{
    Restricted,
    Changed,
    Lifted,
}

/// <summary>
/// Lets the owner of an unused number name the one account that may use it (the cross-account flow
/// of the seed, made safe against leaked numbers), change that account, or lift the restriction.
/// </summary>
public sealed class RestrictionCommands(ChangeRunner changes, ILogger<RestrictionCommands> logger)
{
    public async Task<Outcome<RestrictionChange>> RestrictAsync(RestrictionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = ServiceNumberGenerator.Normalize(request.Number);
        if (number is null)
        {
            return Outcome.NotFound;
        }

        var email = request.Email?.Trim();
        if (!InputLimits.IsValidGrantNote(request.Note))
        {
            return Outcome.Invalid(nameof(RestrictionRequest.Note), "Keep the note to {0} characters on one line.", InputLimits.GrantNoteMaxLength);
        }

        // A note belongs to a restriction: lifting one keeps none.
        var note = string.IsNullOrEmpty(email) || string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var outcome = await changes.RunAsync(Actor.Owner(request.OwnerId, request.CorrelationId) with { Channel = request.Channel }, async (scope, ct) =>
        {
            string? targetId = null;
            if (!string.IsNullOrEmpty(email))
            {
                var normalized = email.ToUpperInvariant();
                targetId = await scope.Db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
                if (targetId is null)
                {
                    return Outcome.Invalid(nameof(RestrictionRequest.Email), "No account uses that e-mail address.");
                }
            }

            var current = await scope.Db.ServiceNumbers
                .Where(n => n.Number == number && n.AccountId == request.OwnerId)
                .Select(n => new { n.Id, n.Status, n.RestrictedToAccountId, n.RestrictionNote })
                .SingleOrDefaultAsync(ct);
            if (current is null)
            {
                return Outcome.NotFound;
            }

            if (current.RestrictedToAccountId == targetId && current.RestrictionNote == note && current.Status == NumberTransitions.RestrictableIn)
            {
                return Outcome.Replayed(targetId is null ? RestrictionChange.Lifted : RestrictionChange.Restricted, new Notice("Nothing was changed."));
            }

            // Only while unused, and only if nobody changed it since we read it.
            var changed = await scope.Db.ServiceNumbers
                .Where(n => n.Id == current.Id && n.RestrictedToAccountId == current.RestrictedToAccountId)
                .RestrictAsync(targetId, note, scope.UtcNow, ct);
            if (changed != 1)
            {
                // Coded by the status read, unless that was still unused (another change got there first: no stable reason).
                return Outcome.Refused(summary: null, new Problem(null, new Notice(NumberMessages.RestrictRefused),
                    current.Status == NumberTransitions.RestrictableIn ? null : NumberTransitions.RefusalCode(current.Status)));
            }

            var change = (current.RestrictedToAccountId, targetId) switch
            {
                (null, _) => RestrictionChange.Restricted,
                (_, null) => RestrictionChange.Lifted,
                _ => RestrictionChange.Changed,
            };
            scope.Audit(
                change switch
                {
                    RestrictionChange.Restricted => AuditActions.NumberRestricted,
                    RestrictionChange.Lifted => AuditActions.NumberRestrictionLifted,
                    _ => AuditActions.NumberRestrictionChanged,
                },
                AuditSubjects.ServiceNumber, number, targetId is null ? "restriction lifted" : RestrictionDetail.Write(email!, note));
            return Outcome.Done(change, targetId is null
                ? new Notice("Number {0} can now be used by any account.", number)
                : new Notice("Number {0} can now be used only by {1}.", number, email!));
        }, cancellationToken);

        if (outcome is { Kind: OutcomeKind.Done, Value: var done })
        {
            logger.LogInformation("Service number {ServiceNumber} of account {AccountId}: {RestrictionChange}", number, request.OwnerId, done);
        }

        return outcome;
    }
}

/// <summary>
/// The audit detail of a restriction: "restricted to {e-mail}", and the note on its own line (a note holds no
/// control characters, so the line break cannot be part of it). HistoryDescriber reads it back.
/// </summary>
public static class RestrictionDetail
{
    private const string Prefix = "restricted to ";
    private const string NoteLine = "\nnote: ";

    public static string Write(string email, string? note)
    {
        var detail = note is null ? Prefix + email : Prefix + email + NoteLine + note;
        return detail.Length <= AuditEntry.DetailMaxLength ? detail : detail[..AuditEntry.DetailMaxLength];
    }

    /// <summary>The e-mail and the note (null when none) of a detail <see cref="Write"/> wrote; older rows have no note.</summary>
    public static (string Email, string? Note) Read(string? detail)
    {
        var text = detail is not null && detail.StartsWith(Prefix, StringComparison.Ordinal) ? detail[Prefix.Length..] : detail ?? "";
        var at = text.IndexOf(NoteLine, StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at], text[(at + NoteLine.Length)..]);
    }
}
