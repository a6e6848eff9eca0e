using IcpFiling.Core.Audit;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// Unused → Used is final; an unused number becomes Invalid when its instance dies or support voids it.
/// The changes allowed are the table <see cref="NumberTransitions"/>; nothing else writes a status.
/// </summary>
public enum ServiceNumberStatus
{
    Unused,
    Used,
    Invalid,
}

/// <summary>
/// How a number came to be: applied for one instance at a time or in a batch on the ICP No. Application page,
/// through the owner API, or issued while filing. Stored as text, so members are never renamed.
/// </summary>
public enum IssueChannel
{
    ApplicationPage,
    Filing,
    Batch,
    OwnerApi,
}

public static class IssueChannels
{
    /// <summary>The audit channel a number's issue arrived by: every channel but the owner API is a console page.</summary>
    public static AuditChannel Arrival(this IssueChannel channel) =>
        channel == IssueChannel.OwnerApi ? AuditChannel.OwnerApi : AuditChannel.Console;
}

/// <summary>Why a number was made Invalid for good.</summary>
public enum InvalidCause
{
    /// <summary>Support staff voided it, with a reason.</summary>
    Voided,

    /// <summary>Its instance expired or was released; renewing the instance does not bring it back.</summary>
    InstanceEnded,
}
