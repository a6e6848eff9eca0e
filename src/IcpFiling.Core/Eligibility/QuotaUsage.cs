namespace IcpFiling.Core.Eligibility;

/// <summary>How many numbers a quota key has issued, out of how many.</summary>
public sealed record QuotaUsage(string QuotaKey, int Used, int Total)
{
    public bool IsUsedUp => Used >= Total;

    public int Free => Math.Max(0, Total - Used);

    /// <summary>
    /// Numbers are never deleted, so an issued number keeps its slot even when the quota is later lowered
    /// (the type table changed): the total shown is then the slots taken, never less than what is used.
    /// </summary>
    public static QuotaUsage Of(string quotaKey, int used, int limit) => new(quotaKey, used, Math.Max(limit, used));
}
