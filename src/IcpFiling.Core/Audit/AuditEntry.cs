using IcpFiling.Core.Changes;

namespace IcpFiling.Core.Audit;

/// <summary>One line of the append-only history. Written in the transaction of the change it records.</summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int ActorRoleMaxLength = 32;
    public const int SubjectTypeMaxLength = 32;
    public const int SubjectIdMaxLength = 128;
    public const int DetailMaxLength = 1000;
    public const int CorrelationIdMaxLength = 128;

    public long Id { get; private set; }

    public required DateTime At { get; init; }

    public required string ActorId { get; init; }

    /// <summary>The role the actor acted in (Owner, Support, …), for reading the history.</summary>
    public string? ActorRole { get; init; }

    public required string Action { get; init; }

    public required string SubjectType { get; init; }

    public required string SubjectId { get; init; }

    public string? Reason { get; init; }

    public string? Detail { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>How the change arrived; null on rows written before the channel was kept.</summary>
    public AuditChannel? Channel { get; init; }

    /// <summary>The one way an audit row is made: who (with role and request), what, to what, and why.</summary>
    public static AuditEntry Record(
        DateTime at, Actor actor, string action, string subjectType, string subjectId, string? detail = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry
        {
            At = at,
            ActorId = actor.AccountId,
            ActorRole = actor.Role,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Detail = detail,
            Reason = reason,
            CorrelationId = actor.CorrelationId,
            Channel = actor.Channel,
        };
    }
}

/// <summary>Audit action names; stored as text, so never renamed.</summary>
public static class AuditActions
{
    public const string NumberIssued = "number.issued";
    public const string NumberUsed = "number.used";
    public const string NumberRestricted = "number.restricted";
    public const string NumberRestrictionChanged = "number.restriction-changed";
    public const string NumberRestrictionLifted = "number.restriction-lifted";
    public const string NumberVoided = "number.voided";
    public const string NumberEnded = "number.ended";
    public const string FilingSubmitted = "filing.submitted";
    public const string FilingCancelled = "filing.cancelled";
    public const string FilingProviderRemoved = "filing.provider-removed";
    public const string HoldPlaced = "instance.hold-placed";
    public const string HoldReleased = "instance.hold-released";
    public const string QuotaOverrideSet = "instance.quota-override-set";
    public const string QuotaOverrideCleared = "instance.quota-override-cleared";
    public const string InstanceCreated = "instance.created";
    public const string InstanceUpdated = "instance.updated";
    public const string InstanceExpired = "instance.expired";
    public const string AccountCreated = "account.created";
    public const string AccountUpdated = "account.updated";
    public const string ApiClientCreated = "api-client.created";
    public const string ApiClientRevoked = "api-client.revoked";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignedIn = "account.signed-in";
    public const string PasswordChanged = "account.password-changed";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string TwoFactorDisabled = "account.two-factor-disabled";
    public const string RecoveryCodesGenerated = "account.recovery-codes-generated";

    // The administrators' console (issue 10).
    public const string AccountAdded = "account.added";
    public const string RoleChanged = "account.role-changed";
    public const string ResellerLinked = "account.reseller-linked";
    public const string ResellerUnlinked = "account.reseller-unlinked";
    public const string AccountLocked = "account.locked";
    public const string AccountUnlocked = "account.unlocked";
    public const string SignedOutEverywhere = "account.signed-out-everywhere";
    public const string TwoFactorReset = "account.two-factor-reset";
    public const string InvitationIssued = "account.invitation-issued";
    public const string PasswordResetIssued = "account.password-reset-issued";
    public const string PasswordSet = "account.password-set";
    public const string ApiClientRotated = "api-client.rotated";
}

public static class AuditSubjects
{
    public const string Instance = "instance";
    public const string ServiceNumber = "number";
    public const string Filing = "filing";
    public const string Account = "account";
    public const string ApiClient = "api-client";
    public const string Token = "token";
}
