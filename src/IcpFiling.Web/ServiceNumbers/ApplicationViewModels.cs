using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Application; every filter lives in the URL.</summary>
public sealed class InstanceListQuery
{
    [StringLength(Instance.NameMaxLength)]
    public string? Search { get; set; }

    public InstanceType? Type { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }
}

public sealed record ApplicationPageModel(
    InstanceListQuery Query,
    Paged<InstanceStanding> Instances,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types,
    Func<string> NewIdempotencyKey);

/// <summary>The Apply form: which instance, and the key that makes a replayed post harmless.</summary>
public sealed class ApplyForm
{
    [Required(ErrorMessage = "Choose an instance.")]
    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    [Required(ErrorMessage = IssuerMessages.FormIncomplete)]
    [RegularExpression(InputLimits.IdempotencyKeyPattern, ErrorMessage = IssuerMessages.FormIncomplete)]
    public string? IdempotencyKey { get; set; }
}

public sealed record ConfirmPageModel(InstanceStanding Item, ApplyForm Form);
