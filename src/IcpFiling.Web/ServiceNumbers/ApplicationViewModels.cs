using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Web.Common;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>The GET query of ICP No. Application; every filter lives in the URL.</summary>
public sealed class InstanceListQuery : ListQuery
{
    [StringLength(Instance.NameMaxLength)]
    public string? Search { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>Only instances Apply is offered for.</summary>
    public bool Qualified { get; set; }

    public InstanceFilter ToFilter() => new(Search, Type, Qualified);

    public ListSort<InstanceSort> ToSort() => ListSort<InstanceSort>.Parse(Sort, Dir, OwnerInstancesQuery.DefaultSort);

    /// <summary>The list as it is now, to come back to (only what is set).</summary>
    public object ToRouteValues() => new { Search, Type, Qualified = Qualified ? true : (bool?)null, Sort, Dir, Page, Size };
}

public sealed record ApplicationPageModel(
    InstanceListQuery Query,
    Paged<InstanceStanding> Instances,
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types,
    Func<string> NewIdempotencyKey,
    BatchSelectionForm Batch);

/// <summary>The Apply form: which instance, and the key that makes a replayed post harmless.</summary>
public sealed class ApplyForm
{
    [Required(ErrorMessage = "Choose an instance.")]
    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    [Required(ErrorMessage = IssuerMessages.FormIncomplete)]
    [RegularExpression(InputLimits.IdempotencyKeyPattern, ErrorMessage = IssuerMessages.FormIncomplete)]
    public string? IdempotencyKey { get; set; }
}

public sealed record ConfirmPageModel(InstanceStanding Item, ApplyForm Form);

/// <summary>
/// Batch apply as ICP No. Application's table posts it: the checked instances and, per row, the quantity typed (kept
/// as text, so a value that is not a number comes back as typed with its message).
/// </summary>
public sealed class BatchSelectionForm
{
    public const string Name = "Batch";

    public List<string> Selected { get; set; } = [];

    public Dictionary<string, string?> Quantity { get; set; } = [];

    public bool IsSelected(string instanceId) => Selected.Contains(instanceId, StringComparer.Ordinal);

    /// <summary>What was typed for the instance (empty stays empty), or 1 for a row nobody has typed in.</summary>
    public string QuantityOf(string instanceId) => Quantity.TryGetValue(instanceId, out var typed) ? typed ?? "" : "1";

    /// <summary>The field a quantity's message belongs to (and the name of its input).</summary>
    public static string QuantityField(string instanceId) => $"{nameof(Quantity)}[{instanceId}]";
}

/// <summary>The batch as its confirmation posts it: the key made when the confirmation was shown, and every line.</summary>
public sealed class BatchApplyForm
{
    public string? BatchKey { get; set; }

    public List<BatchLineForm> Lines { get; set; } = [];

    /// <summary>The lines as the batch service takes them; what is missing or not a number is left for it to refuse.</summary>
    public IReadOnlyList<BatchApplyLine> ToLines() => [.. Lines.Select(l => new BatchApplyLine(l.InstanceId ?? "", l.Quantity ?? 0))];
}

public sealed class BatchLineForm
{
    [StringLength(Instance.InstanceIdMaxLength)]
    public string? InstanceId { get; set; }

    public int? Quantity { get; set; }
}

/// <summary>
/// A batch's lines in a URL, <c>?line=i-abc:2&amp;line=i-def:1</c>, so the confirmation and result pages are GET
/// addresses that can be refreshed. The quantity follows the last colon, so any instance id survives.
/// </summary>
public static class BatchLines
{
    public const string Parameter = "line";

    public static string[] Format(IEnumerable<BatchApplyLine> lines) =>
        [.. lines.Select(l => $"{l.InstanceId}:{l.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];

    /// <summary>The lines, or null when one is not "id:quantity" or there are more than a batch can hold.</summary>
    public static IReadOnlyList<BatchApplyLine>? Parse(IReadOnlyList<string?> values)
    {
        if (values.Count is 0 or > InputLimits.BatchMaxInstances)
        {
            return null;
        }

        var lines = new List<BatchApplyLine>();
        foreach (var value in values)
        {
            var colon = value?.LastIndexOf(':') ?? -1;
            if (colon <= 0 || colon > Instance.InstanceIdMaxLength
                || !int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
                || quantity is < 1 or > InputLimits.BatchMaxQuantity)
            {
                return null;
            }

            lines.Add(new BatchApplyLine(value![..colon], quantity));
        }

        return lines;
    }
}

/// <summary>One line of the batch confirmation: the instance as it stands and how many numbers it will get.</summary>
public sealed record BatchConfirmLine(InstanceStanding Item, int Quantity);

public sealed record BatchConfirmPageModel(IReadOnlyList<BatchConfirmLine> Lines, string BatchKey)
{
    public int Total => Lines.Sum(l => l.Quantity);
}

public sealed record BatchResultPageModel(BatchApplyResult Result, IReadOnlyDictionary<string, InstanceStanding> Instances)
{
    public int Requested => Result.Lines.Sum(l => l.Requested);

    public int Issued => Result.Lines.Sum(l => l.Numbers.Count);
}
