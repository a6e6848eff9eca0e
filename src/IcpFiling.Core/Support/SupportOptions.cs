using System.ComponentModel.DataAnnotations;

namespace IcpFiling.Core.Support;

/// <summary>Limits on what support staff may set; bound from configuration (section <c>Support</c>).</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    /// <summary>The highest per-instance quota override support staff may set.</summary>
    [Range(1, 100_000)]
    public int MaxQuotaOverride { get; set; } = 100;
}
