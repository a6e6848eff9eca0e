namespace IcpFiling.Core.ServiceNumbers;

/// <summary>Unused → Used is final; an unused number becomes Invalid when its instance dies or support voids it.</summary>
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
