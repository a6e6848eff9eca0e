using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Support;
using IcpFiling.Web.Activity;
using IcpFiling.Web.Common;

namespace IcpFiling.Web.Support;

/// <summary>The GET query of support's instance search; it lives in the URL.</summary>
public sealed class SupportInstanceQuery : ListQuery
{
    [StringLength(InputLimits.EmailMaxLength)]
    public string? Search { get; set; }

    public ListSort<SupportInstanceSort> ToSort() => ListSort<SupportInstanceSort>.Parse(Sort, Dir, SupportInstancesQuery.DefaultSort);
}

public sealed record SupportInstancesPageModel(
    SupportInstanceQuery Query,
    Paged<SupportInstanceListItem> Instances,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types);

/// <summary>A support action's form: the reason is required and goes into the audit trail.</summary>
public class ReasonForm
{
    [Required(ErrorMessage = AuditReason.Required)]
    [StringLength(InputLimits.ReasonMaxLength, ErrorMessage = AuditReason.TooLong)]
    public string? Reason { get; set; }
}

/// <summary>Set a quota override: a whole number, and why.</summary>
public sealed class QuotaOverrideForm : ReasonForm
{
    [Required(ErrorMessage = "Enter the new quota.")]
    [RegularExpression("^[0-9]{1,6}$", ErrorMessage = "Enter the quota as a whole number.")]
    public string? Quota { get; set; }
}

/// <summary>The forms of the review page as posted, so a refused or invalid post shows them again, filled in.</summary>
public sealed record ReviewForms(
    ReasonForm? Hold = null,
    QuotaOverrideForm? Quota = null,
    ReasonForm? Clear = null,
    ReasonForm? Void = null,
    string? VoidNumber = null);

public sealed record InstanceReviewPageModel(InstanceReview Review, HistoryModel History, int MaxQuotaOverride, ReviewForms Forms);
