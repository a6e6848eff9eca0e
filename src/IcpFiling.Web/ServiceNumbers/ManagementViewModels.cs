using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Management; filters are part of the URL so a view can be bookmarked.</summary>
public sealed class NumberListQuery
{
    [StringLength(InputLimits.NumberSearchMaxLength)]
    public string? Search { get; set; }

    public ServiceNumberStatus? Status { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>The column to sort by (a <see cref="NumberSort"/> name); anything else sorts newest first.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Sort { get; set; }

    /// <summary>asc or desc.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Dir { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }

    /// <summary>A number to highlight (the one just issued).</summary>
    [StringLength(ServiceNumber.NumberLength)]
    public string? Highlight { get; set; }

    public NumberFilter ToFilter() => new(Search, Status, Type);

    public ListSort<NumberSort> ToSort() => ListSort<NumberSort>.Parse(Sort, Dir, AccountNumbersQuery.DefaultSort);
}

public sealed record ManagementPageModel(
    NumberListQuery Query,
    Paged<NumberListItem> Numbers,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types);

/// <summary>Restrict an unused number to one account; an empty e-mail lifts the restriction.</summary>
public sealed class RestrictForm
{
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(InputLimits.EmailMaxLength)]
    public string? Email { get; set; }
}

public sealed record RestrictPageModel(NumberListItem Number, RestrictForm Form);
