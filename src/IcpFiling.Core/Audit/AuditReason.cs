namespace IcpFiling.Core.Audit;

/// <summary>The reason a person gives for a change: required, trimmed, at most <see cref="AuditEntry.ReasonMaxLength"/> characters.</summary>
public static class AuditReason
{
    public const string Required = "Enter a reason.";
    public const string TooLong = "The reason can be at most 500 characters long.";

    /// <summary>The trimmed reason, or null with the (English, localization key) error.</summary>
    public static string? Normalize(string? input, out string? error)
    {
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = Required;
            return null;
        }

        if (trimmed.Length > AuditEntry.ReasonMaxLength)
        {
            error = TooLong;
            return null;
        }

        error = null;
        return trimmed;
    }
}
