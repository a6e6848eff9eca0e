namespace IcpFiling.Core.Audit;

/// <summary>The reason a person gives for a change: required, trimmed, at most <see cref="InputLimits.ReasonMaxLength"/> characters.</summary>
public static class AuditReason
{
    public const string Required = "Enter a reason.";

    /// <summary>{1} is the limit, as in a StringLength attribute's message ({0} is the field).</summary>
    public const string TooLong = "The reason can be at most {1} characters long.";

    /// <summary>The trimmed reason, or null with the problem (about the request's <c>Reason</c> field).</summary>
    public static string? Normalize(string? input, out Changes.Problem? problem)
    {
        var trimmed = input?.Trim();
        problem = string.IsNullOrEmpty(trimmed) ? Problem(new(Required))
            : trimmed.Length > InputLimits.ReasonMaxLength ? Problem(new(TooLong, "Reason", InputLimits.ReasonMaxLength))
            : null;
        return problem is null ? trimmed : null;

        static Changes.Problem Problem(Changes.Notice message) => new("Reason", message);
    }
}
