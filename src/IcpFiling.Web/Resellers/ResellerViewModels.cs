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

    [StringLength(InputLimits.AccountIdMaxLength)]
    public string? Customer { get; set; }

    public ServiceNumberStatus? Status { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>Issued on or after this day (China Standard Time, as the pages show dates).</summary>
    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true,
        ErrorMessage = DateOutOfRange)]
    public DateOnly? From { get; set; }

    /// <summary>Issued on or before this day (China Standard Time).</summary>
    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true,
        ErrorMessage = DateOutOfRange)]
    public DateOnly? To { get; set; }

    [StringLength(InputLimits.NumberSearchMaxLength)]
    public string? Search { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }

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
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types);

public sealed record CustomersPageModel(Paged<CustomerSummary> Customers);

/// <summary>The columns of the Issued numbers export: stable English headers, values as the page shows them.</summary>
internal static class ResellerNumbersCsv
{
    public static IReadOnlyList<CsvColumn<ResellerNumberRow>> Columns(InstanceTypeCatalog types, Microsoft.Extensions.Localization.IStringLocalizer localizer) =>
    [
        new("Number", r => r.Number),
        new("Customer", r => r.CustomerEmail),
        new("InstanceId", r => r.InstanceId),
        new("InstanceType", r => localizer[types.All.TryGetValue(r.InstanceType, out var policy) ? policy.DisplayName : r.InstanceType.ToString()]),
        new("IssuedAtUtc", r => CsvFileResult<ResellerNumberRow>.Utc(r.IssuedAt)),
        new("Status", r => localizer[Labels.For(r.Status)]),
        new("UsedFor", r => r.UsedFor),
    ];
}
