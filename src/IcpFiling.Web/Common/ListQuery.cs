using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;

namespace IcpFiling.Web.Common;

/// <summary>
/// What every list's GET query carries besides its own filters, all of it in the URL: the column to sort by, the
/// direction, the page and the page size. A list's query parses <see cref="Sort"/> into its own sort keys.
/// </summary>
public abstract class ListQuery
{
    /// <summary>A sort key of the list; anything else sorts by the list's default.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Sort { get; set; }

    /// <summary>asc or desc.</summary>
    [StringLength(InputLimits.SortKeyMaxLength)]
    public string? Dir { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }
}
