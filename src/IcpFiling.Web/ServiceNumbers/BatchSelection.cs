using System.Globalization;
using IcpFiling.Core;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Web.ServiceNumbers;

/// <summary>
/// What batch apply asks of a selection before it is confirmed: 1 to <see cref="InputLimits.BatchMaxInstances"/>
/// qualified instances, each asking for 1 up to its free quota (a quota shared by several instances covers all of
/// them). The batch service checks again when the batch is sent; this check lets the owner fix the choice first.
/// </summary>
internal static class BatchSelection
{
    /// <summary>
    /// The checked rows of the table as lines, with a problem for each quantity that is not a whole number; with them,
    /// every instance checked (within the batch limit), whose ownership the caller checks whatever their quantities.
    /// </summary>
    public static (List<BatchApplyLine> Lines, List<string> Checked, List<Problem> Problems) Read(BatchSelectionForm form)
    {
        var problems = new List<Problem>();
        var selected = form.Selected.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (selected.Count == 0)
        {
            problems.Add(new Problem(null, new Notice("Check at least one instance to apply for.")));
        }
        else if (selected.Count > InputLimits.BatchMaxInstances)
        {
            problems.Add(new Problem(null, new Notice("You checked {0} instances; a batch takes at most {1}.", selected.Count, InputLimits.BatchMaxInstances)));
        }

        if (problems.Count > 0)
        {
            return ([], [], problems);
        }

        var lines = new List<BatchApplyLine>();
        foreach (var id in selected)
        {
            var text = form.Quantity.GetValueOrDefault(id)?.Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
            {
                problems.Add(new Problem(BatchSelectionForm.QuantityField(id), new Notice("Enter how many numbers instance {0} should get: a whole number of at least 1.", id)));
                continue;
            }

            lines.Add(new BatchApplyLine(id, quantity));
        }

        return (lines, selected, problems);
    }

    /// <summary>The problems of <paramref name="lines"/>, every one of whose instances is in <paramref name="found"/>.</summary>
    public static List<Problem> Check(IReadOnlyList<BatchApplyLine> lines, IReadOnlyDictionary<string, InstanceStanding> found)
    {
        var problems = new List<Problem>();
        foreach (var twice in lines.GroupBy(l => l.InstanceId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(null, new Notice("Instance {0} is in the batch twice.", twice.Key)));
        }

        foreach (var line in lines)
        {
            var item = found[line.InstanceId];
            var field = BatchSelectionForm.QuantityField(line.InstanceId);
            if (!item.Verdict.IsEligible)
            {
                problems.Add(new Problem(field, new Notice("Instance {0} cannot get a service identification number:", line.InstanceId)));
                problems.AddRange(item.Verdict.Failures.Select(f => f.ToProblem(field)));
                continue;
            }

            var most = MostFor(item);
            if (line.Quantity > most)
            {
                problems.Add(new Problem(field, new Notice("Instance {0} can get between 1 and {1} numbers now.", line.InstanceId, most)));
            }
        }

        // Instances of one account-wide quota draw on the same free numbers.
        foreach (var shared in lines.Where(l => found[l.InstanceId].Verdict.IsEligible)
                     .GroupBy(l => found[l.InstanceId].Quota.QuotaKey, StringComparer.Ordinal)
                     .Where(g => g.Count() > 1))
        {
            var free = found[shared.First().InstanceId].Quota.Free;
            if (shared.Sum(l => l.Quantity) > free)
            {
                problems.Add(new Problem(null, new Notice("Instances {0} share one quota with {1} numbers free; ask for at most {1} across them.",
                    string.Join(", ", shared.Select(l => l.InstanceId)), free)));
            }
        }

        return problems;
    }

    /// <summary>The most one batch line may ask for this instance: its free quota, at most the batch's per-instance limit.</summary>
    public static int MostFor(InstanceStanding item) => Math.Min(item.Quota.Free, InputLimits.BatchMaxQuantity);
}
