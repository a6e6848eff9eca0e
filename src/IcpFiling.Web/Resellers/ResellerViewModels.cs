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
/// The columns of the Issued numbers export, in the language asked for: in English, stable machine headers (what
/// scripts read) and values as the English page shows them; in Chinese, the page's column names and values.
/// </summary>
internal static class ResellerNumbersCsv
{
    public static IReadOnlyList<CsvColumn<ResellerNumberRow>> Columns(
        InstanceTypeCatalog types, Microsoft.Extensions.Localization.IStringLocalizer localizer, System.Globalization.CultureInfo culture)
    {
        var english = !culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        string In(string text) => Localized.In(culture, () => localizer[text]);
        string Header(string machine, string label) => english ? machine : In(label);
        return
        [
            new(Header("Number", "Service identification number"), r => r.Number),
            new(Header("Customer", "Customer"), r => r.CustomerEmail),
            new(Header("InstanceId", "Instance ID"), r => r.InstanceId),
            new(Header("InstanceType", "Instance type"), r => In(types.All.TryGetValue(r.InstanceType, out var policy) ? policy.DisplayName : r.InstanceType.ToString())),
            new(Header("IssuedAtUtc", "Issued at (UTC)"), r => CsvFileResult<ResellerNumberRow>.Utc(r.IssuedAt)),
            new(Header("Status", "Status"), r => In(Labels.For(r.Status))),
            new(Header("UsedFor", "Used for"), r => r.UsedFor),
        ];
    }
}
