using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Web.Resellers;

/// <summary>The GET query of Issued numbers (and of its CSV export): every filter lives in the URL.</summary>
public sealed class ResellerNumberQuery
{
    /// <summary>The message (and localization key) for a date outside the range, with the bounds written as ISO dates.</summary>
    public const string DateOutOfRange = $"Enter a date between {InputLimits.EarliestFilterDate} and {InputLimits.LatestFilterDate}.";

    [StringLength(450)]
    public string? Customer { get; set; }

    public ServiceNumberStatus? Status { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>Issued on or after this UTC date.</summary>
    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true,
        ErrorMessage = DateOutOfRange)]
    public DateOnly? From { get; set; }

    /// <summary>Issued on or before this UTC date.</summary>
    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true,
        ErrorMessage = DateOutOfRange)]
    public DateOnly? To { get; set; }

    [StringLength(64)]
    public string? Search { get; set; }

    public int? Page { get; set; }

    public ResellerNumberFilter ToFilter() => new(Customer, Status, Type, From, To, Search);

    /// <summary>The route values of the filters (not the page), for links that keep them.</summary>
    public object RouteValues(int? page = null) => new
    {
        customer = Customer,
        status = Status,
        type = Type,
        from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        search = Search,
        page,
    };
}

public sealed record ResellerNumbersPageModel(
    ResellerNumberQuery Query,
    Paged<ResellerNumberRow> Numbers,
    IReadOnlyList<CustomerOption> Customers,
    IReadOnlyDictionary<InstanceType, InstanceTypeRule> Types);

public sealed record CustomersPageModel(Paged<CustomerSummary> Customers);
