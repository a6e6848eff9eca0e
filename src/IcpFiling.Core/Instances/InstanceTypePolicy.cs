using System.ComponentModel.DataAnnotations;

namespace IcpFiling.Core.Instances;

/// <summary>What one instance type needs and gets; bound from configuration (section <c>InstanceTypes</c>).</summary>
public sealed class InstanceTypePolicy
{
    [Required, StringLength(100)]
    public string DisplayName { get; set; } = "";

    [Range(1, 120)]
    public int MinimumPurchaseMonths { get; set; }

    [Range(1, 1000)]
    public int Quota { get; set; }

    public QuotaScope QuotaScope { get; set; } = QuotaScope.Instance;

    /// <summary>Minimum order amount in RMB, for types that have one (marketplace products).</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal? MinimumOrderAmount { get; set; }
}

/// <summary>The instance type table. Operators change it in configuration, without a rebuild.</summary>
public sealed class InstanceTypeOptions
{
    public const string SectionName = "InstanceTypes";

    public Dictionary<InstanceType, InstanceTypePolicy> Types { get; set; } = [];

    /// <summary>Subscription that must remain to get a number: this many months, or the type's minimum purchase when shorter.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24)]
    public int MinimumRemainingMonths { get; set; } = 3;
}
