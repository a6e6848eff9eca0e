using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Application; every filter lives in the URL.</summary>
public sealed class InstanceListQuery
{
    [StringLength(Instance.NameMaxLength)]
    public string? Search { get; set; }

    public InstanceType? Type { get; set; }

    public int? Page { get; set; }
}

public sealed record ApplicationPageModel(
    InstanceListQuery Query,
    Paged<InstanceListItem> Instances,
    IReadOnlyDictionary<InstanceType, InstanceTypeRule> Types,
    Func<string> NewIdempotencyKey);

/// <summary>The Apply form: which instance, and the key that makes a replayed post harmless.</summary>
public sealed class ApplyForm
{
    [Required(ErrorMessage = "Choose an instance.")]
    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    [Required(ErrorMessage = "The form is incomplete; reload the page and try again.")]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "The form is incomplete; reload the page and try again.")]
    public string? IdempotencyKey { get; set; }
}

public sealed record ConfirmPageModel(InstanceListItem Item, ApplyForm Form);
