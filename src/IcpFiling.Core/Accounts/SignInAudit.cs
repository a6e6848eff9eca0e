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

    /// <summary>The password was right, the authenticator app's code was not.</summary>
    WrongAuthenticatorCode,

    /// <summary>The password was right, the recovery code was not (or was used before).</summary>
    WrongRecoveryCode,
}

/// <summary>How a sign-in was completed; stored in the audit row's detail, so never renamed.</summary>
public enum SignInMethod
{
    Password,
    AuthenticatorApp,
    RecoveryCode,
}

/// <summary>
/// The audit rows of failed sign-ins (never the password, never the e-mail typed for an unknown account).
/// Attempts refused without a password check and attempts on unknown e-mails are what an attacker can repeat at
/// will, so they are kept as one row per subject, client address and <see cref="Window"/>: the table cannot
/// grow faster than that however many requests arrive.
/// </summary>
public sealed class SignInAudit(ChangeRunner changes)
{
    public const string UnknownSubjectId = "unknown";

    /// <summary>How long one row stands for all the repeated attempts it summarises.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task RecordAsync(
        string? accountId, SignInFailure failure, string clientAddress, string? correlationId, CancellationToken cancellationToken)
    {
        var actor = accountId is null ? Actor.Anonymous(correlationId) : new Actor(accountId, null, correlationId);
        var subjectId = accountId ?? UnknownSubjectId;
        var action = failure is SignInFailure.AddressThrottled or SignInFailure.Refused ? AuditActions.LockedOut : AuditActions.SignInFailed;
        var detail = failure switch
        {
            SignInFailure.WrongPassword => $"wrong password from {clientAddress}",
            SignInFailure.AddressThrottled => $"too many failed sign-ins from {clientAddress}: that address is paused for this account",
            SignInFailure.Refused => $"sign-in refused without a password check (paused or locked) from {clientAddress}",
            SignInFailure.WrongAuthenticatorCode => $"wrong authenticator code from {clientAddress}",
            SignInFailure.WrongRecoveryCode => $"wrong recovery code from {clientAddress}",
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

    /// <summary>
    /// A completed sign-in: an audit row (the account's "Recent sign-ins" and its history read these) and the
    /// account's last sign-in time for administrators, in one transaction.
    /// </summary>
    public Task RecordSuccessAsync(string accountId, SignInMethod method, string clientAddress, string? correlationId, CancellationToken cancellationToken) =>
        changes.RunAsync(new Actor(accountId, null, correlationId), async (scope, ct) =>
        {
            await scope.Db.Users.Where(u => u.Id == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, scope.UtcNow), ct);
            scope.Audit(AuditActions.SignedIn, AuditSubjects.Account, accountId, $"with={method}; from={clientAddress}");
            return Outcome.Done(true, new Notice("Recorded."));
        }, cancellationToken);

    /// <summary>A change to how the account signs in (password, two-factor), made by the account itself.</summary>
    public Task RecordAsync(string accountId, string action, string? detail, string? correlationId, CancellationToken cancellationToken) =>
        changes.RunAsync(new Actor(accountId, null, correlationId), (scope, _) =>
        {
            scope.Audit(action, AuditSubjects.Account, accountId, detail is { Length: > AuditEntry.DetailMaxLength } ? detail[..AuditEntry.DetailMaxLength] : detail);
            return Task.FromResult(Outcome.Done(true, new Notice("Recorded.")));
        }, cancellationToken);
}
