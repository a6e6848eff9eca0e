namespace IcpFiling.Core.Eligibility;

/// <summary>How many numbers a quota key has issued, out of how many.</summary>
public sealed record QuotaUsage(string QuotaKey, int Used, int Total)
{
    public bool IsUsedUp => Used >= Total;

    public int Free => Math.Max(0, Total - Used);
}
