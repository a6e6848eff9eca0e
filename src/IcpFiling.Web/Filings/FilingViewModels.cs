using System.ComponentModel.DataAnnotations;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;

namespace IcpFiling.Web.Filings;

public enum FilingMethod
{
    /// <summary>Select one of your instances: a number is issued and used in one step.</summary>
    Instance,

    /// <summary>I already have a service number.</summary>
    Number,
}

/// <summary>The New filing form. Domain and subject rules live in FilingService; lengths here only bound the input.</summary>
public sealed class NewFilingForm
{
    [StringLength(300, ErrorMessage = "A domain name can be at most 253 characters long.")]
    public string? Domain { get; set; }

    [StringLength(300, ErrorMessage = "The filing subject can be at most 200 characters long.")]
    public string? SubjectName { get; set; }

    public FilingMethod Method { get; set; } = FilingMethod.Instance;

    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    [StringLength(100)]
    public string? ServiceNumber { get; set; }

    [StringLength(64)]
    public string? IdempotencyKey { get; set; }
}

public sealed record NewFilingPageModel(NewFilingForm Form, IReadOnlyList<InstanceListItem> Qualified, IReadOnlyList<InstanceListItem> Others);

public sealed record FilingsPageModel(Paged<FilingListItem> Filings, long? Highlight);
