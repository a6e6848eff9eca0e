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

/// <summary>How a number came to be: applied for on the ICP No. Application page, or issued while filing.</summary>
public enum IssueChannel
{
    ApplicationPage,
    Filing,
}

/// <summary>Why a number was made Invalid for good.</summary>
public enum InvalidCause
{
    /// <summary>Support staff voided it, with a reason.</summary>
    Voided,

    /// <summary>Its instance expired or was released; renewing the instance does not bring it back.</summary>
    InstanceEnded,
}
