using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Web.Common;
using IcpFiling.Web.Localization;

namespace IcpFiling.Web.Resellers;

/// <summary>The GET query of Issued numbers (and of its CSV export): every filter lives in the URL.</summary>
public sealed class ResellerNumberQuery : ListQuery
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

    /// <summary>The export's language (en or zh-Hans); anything else exports in the page's language.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Lang { get; set; }

    public ResellerNumberFilter ToFilter() => new(Customer, Status, Type, From, To, Search);

    public ListSort<ResellerNumberSort> ToSort() => ListSort<ResellerNumberSort>.Parse(Sort, Dir, ResellerQuery.DefaultNumberSort);

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

/// <summary>The GET query of Customers: sort and page live in the URL.</summary>
public sealed class CustomerListQuery : ListQuery
{
    public ListSort<CustomerSort> ToSort() => ListSort<CustomerSort>.Parse(Sort, Dir, ResellerQuery.DefaultCustomerSort);
}

public sealed record CustomersPageModel(Paged<CustomerSummary> Customers, ListSort<CustomerSort> Sort);

/// <summary>
/// The columns of the Issued numbers export, in the language asked for: the page's column names and values, times in
/// China time with their offset (the zone in the header).
/// </summary>
internal static class ResellerNumbersCsv
{
    public static IReadOnlyList<CsvColumn<ResellerNumberRow>> Columns(
        InstanceTypeCatalog types, Microsoft.Extensions.Localization.IStringLocalizer localizer, System.Globalization.CultureInfo culture, ConsoleTime clock)
    {
        string In(string text, params object[] arguments) => Localized.In(culture, () => localizer[text, arguments]);
        return
        [
            new(In("Service identification number"), r => r.Number),
            new(In("Customer"), r => r.CustomerEmail),
            new(In("Instance ID"), r => r.InstanceId),
            new(In("Instance type"), r => In(types.All.TryGetValue(r.InstanceType, out var policy) ? policy.DisplayName : r.InstanceType.ToString())),
            new(In("Issued at ({0})", In(clock.Label)), r => clock.Iso(r.IssuedAt)),
            new(In("Status"), r => In(Labels.For(r.Status))),
            new(In("Used for"), r => r.UsedFor),
        ];
    }
}
