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

    /// <summary>Only instances Apply is offered for.</summary>
    public bool Qualified { get; set; }

    /// <summary>The column to sort by (an <see cref="InstanceSort"/> name); anything else sorts by instance id.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Sort { get; set; }

    /// <summary>asc or desc.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Dir { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }

    public InstanceFilter ToFilter() => new(Search, Type, Qualified);

    public ListSort<InstanceSort> ToSort() => ListSort<InstanceSort>.Parse(Sort, Dir, OwnerInstancesQuery.DefaultSort);
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
