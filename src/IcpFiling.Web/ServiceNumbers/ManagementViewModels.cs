using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Web.Common;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Management; filters are part of the URL so a view can be bookmarked.</summary>
public sealed class NumberListQuery : ListQuery
{
    [StringLength(InputLimits.NumberSearchMaxLength)]
    public string? Search { get; set; }

    public ServiceNumberStatus? Status { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>A number to highlight (the one just issued).</summary>
    [StringLength(ServiceNumber.NumberLength)]
    public string? Highlight { get; set; }

    /// <summary>The export's language (en or zh-Hans); anything else exports in the page's language.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Lang { get; set; }

    public NumberFilter ToFilter() => new(Search, Status, Type);

    public ListSort<NumberSort> ToSort() => ListSort<NumberSort>.Parse(Sort, Dir, AccountNumbersQuery.DefaultSort);
}

public sealed record ManagementPageModel(
    NumberListQuery Query,
    Paged<NumberListItem> Numbers,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types);

/// <summary>Restrict an unused number to one account, with an optional note; an empty e-mail lifts the restriction (and the note).</summary>
public sealed class RestrictForm
{
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(InputLimits.EmailMaxLength)]
    public string? Email { get; set; }

    /// <summary>Judged by RestrictionCommands (trimmed length, one line), so the page and the API give one message.</summary>
    public string? Note { get; set; }
}

/// <summary>The GET query of Granted to me.</summary>
public sealed class GrantedListQuery : ListQuery
{
    public ListSort<GrantedSort> ToSort() => ListSort<GrantedSort>.Parse(Sort, Dir, AccountNumbersQuery.DefaultGrantedSort);
}

public sealed record GrantedPageModel(
    GrantedListQuery Query,
    Paged<NumberListItem> Numbers,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types);

/// <summary>
/// The columns of the ICP No. Management export, in the language asked for: the page's column names and values, times
/// in China time with their offset (the zone in the header), as the reseller export.
/// </summary>
internal static class ManagementCsv
{
    public static IReadOnlyList<CsvColumn<NumberListItem>> Columns(
        InstanceTypeCatalog types, Microsoft.Extensions.Localization.IStringLocalizer localizer, System.Globalization.CultureInfo culture, ConsoleTime clock)
    {
        string In(string text, params object[] arguments) => Localization.Localized.In(culture, () => localizer[text, arguments]);
        return
        [
            new(In("Service identification number"), n => n.Number),
            new(In("Instance ID"), n => n.InstanceId),
            new(In("Instance name"), n => n.InstanceName),
            new(In("Instance type"), n => In(types.All.TryGetValue(n.InstanceType, out var policy) ? policy.DisplayName : n.InstanceType.ToString())),
            new(In("Issued at ({0})", In(clock.Label)), n => clock.Iso(n.IssuedAt)),
            new(In("Status"), n => In(Labels.For(n.Status))),
            new(In("Used for"), n => n.UsedForDomain),
            new(In("Restricted to"), n => n.RestrictedToEmail),
            new(In("Note"), n => n.RestrictionNote),
        ];
    }
}

public sealed record RestrictPageModel(NumberListItem Number, RestrictForm Form);
