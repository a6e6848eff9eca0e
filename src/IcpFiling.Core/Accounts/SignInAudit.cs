using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>Why a sign-in was refused, as far as the audit trail is concerned (the person is told the same in every case).</summary>
public enum SignInFailure
{
    /// <summary>The account exists and the password was wrong.</summary>
    WrongPassword,

    /// <summary>The wrong password that used up the client address's attempts for this account.</summary>
    AddressThrottled,

    /// <summary>Refused without checking the password: the address is throttled for this account, or the account is locked.</summary>
    Refused,

    /// <summary>No account has the e-mail.</summary>
    UnknownEmail,
}

/// <summary>
/// The audit rows of failed sign-ins (never the password, never the e-mail typed for an unknown account).
/// Attempts refused without a password check and attempts on unknown e-mails are what an attacker can repeat at
/// will, so they are kept as one row per subject, client address and <see cref="Window"/>: the table cannot
/// grow faster than that however many requests arrive.
/// </summary>
public sealed class SignInAudit(ChangeRunner changes, Persistence.IcpFilingDbContext db, TimeProvider time)
{
    public const string UnknownSubjectId = "unknown";

    /// <summary>How long one row stands for all the repeated attempts it summarises.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// Notes a successful sign-in's time for administrators. Not an audit row and not a change of the account's
    /// data, so a plain update outside the change path, like an API client's last use.
    /// </summary>
    public Task RecordSuccessAsync(string accountId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, time.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task RecordAsync(
        string? accountId, SignInFailure failure, string clientAddress, string? correlationId, CancellationToken cancellationToken)
    {
        var actor = accountId is null ? Actor.Anonymous(correlationId) : new Actor(accountId, null, correlationId);
        var subjectId = accountId ?? UnknownSubjectId;
        var action = failure is SignInFailure.WrongPassword or SignInFailure.UnknownEmail ? AuditActions.SignInFailed : AuditActions.LockedOut;
        var detail = failure switch
        {
            SignInFailure.WrongPassword => $"wrong password from {clientAddress}",
            SignInFailure.AddressThrottled => $"too many failed sign-ins from {clientAddress}: that address is paused for this account",
            SignInFailure.Refused => $"sign-in refused without a password check (paused or locked) from {clientAddress}",
            _ => $"unknown e-mail from {clientAddress}",
        };
        if (detail.Length > AuditEntry.DetailMaxLength)
        {
            detail = detail[..AuditEntry.DetailMaxLength];
        }

        await changes.RunAsync(actor, async (scope, ct) =>
        {
            if (failure is SignInFailure.Refused or SignInFailure.UnknownEmail)
            {
                var windowStart = new DateTime(scope.UtcNow.Ticks - (scope.UtcNow.Ticks % Window.Ticks), DateTimeKind.Utc);
                if (await scope.Db.AuditEntries.AnyAsync(
                    a => a.SubjectType == AuditSubjects.Account && a.SubjectId == subjectId && a.Action == action
                        && a.At >= windowStart && a.Detail == detail,
                    ct))
                {
                    return Outcome.Replayed(false, new Notice("Already recorded in this window."));
                }
            }

            scope.Audit(action, AuditSubjects.Account, subjectId, detail);
            return Outcome.Done(true, new Notice("Recorded."));
        }, cancellationToken);
    }
}
