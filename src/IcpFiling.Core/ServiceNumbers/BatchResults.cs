using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// Reads what became of a batch sent earlier, without changing anything: the numbers its unit keys issued and, for a
/// line that fell short, why its instance cannot get a number now (the same rules, in their own words). A page that
/// shows a batch's result can be refreshed for ever and never issues.
/// </summary>
public sealed class BatchResults(IcpFilingDbContext db, InstanceStandings standings, TimeProvider time)
{
    /// <summary>
    /// The result of the batch <paramref name="batchKey"/> of <paramref name="accountId"/> with exactly these
    /// <paramref name="lines"/>; null when the account sent no such batch (another account's key, or other lines).
    /// <see cref="BatchApplyLineResult.IssuedNow"/> is 0: a looked-up result cannot tell which run issued a number.
    /// </summary>
    public async Task<BatchApplyResult?> FindAsync(
        string accountId, string batchKey, IReadOnlyList<BatchApplyLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var recorded = await db.BatchRequests.AsNoTracking()
            .Where(b => b.AccountId == accountId && b.BatchKey == batchKey)
            .Select(b => b.BodyHash)
            .SingleOrDefaultAsync(cancellationToken);
        if (recorded is null || lines.Count == 0 || recorded != BatchApplication.BodyHash(lines))
        {
            return null;
        }

        var keys = lines
            .SelectMany(l => Enumerable.Range(1, Math.Clamp(l.Quantity, 0, InputLimits.BatchMaxQuantity))
                .Select(ordinal => BatchApplication.UnitKey(batchKey, l.InstanceId, ordinal)))
            .ToList();
        var issued = await db.ServiceNumbers.AsNoTracking().Include(n => n.Instance)
            .Where(n => n.AccountId == accountId && keys.Contains(n.IdempotencyKey))
            .ToDictionaryAsync(n => n.IdempotencyKey, IssuedNumber.Of, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var results = new List<BatchApplyLineResult>();
        foreach (var line in lines)
        {
            List<IssuedNumber> numbers = [.. Enumerable.Range(1, line.Quantity)
                .Select(ordinal => issued.GetValueOrDefault(BatchApplication.UnitKey(batchKey, line.InstanceId, ordinal)))
                .OfType<IssuedNumber>()];
            var problems = numbers.Count < line.Quantity
                ? await WhyShortAsync(accountId, line.InstanceId, now, cancellationToken)
                : [];
            results.Add(new BatchApplyLineResult(line.InstanceId, line.Quantity, numbers, 0, problems));
        }

        return new BatchApplyResult(results);
    }

    private async Task<IReadOnlyList<Problem>> WhyShortAsync(string accountId, string instanceId, DateTime now, CancellationToken cancellationToken)
    {
        var standing = await standings.FindAsync(instanceId, accountId, now, cancellationToken);
        if (standing is null)
        {
            return [new Problem(nameof(BatchApplyLine.InstanceId), new Notice("There is no instance {0} in your account.", instanceId))];
        }

        return standing.Verdict.IsEligible
            ? [new Problem(nameof(BatchApplyLine.InstanceId), new Notice("Fewer numbers were issued than asked for; the instance qualifies now, so you can apply again."))]
            : [.. standing.Verdict.Failures.Select(f => f.ToProblem(nameof(BatchApplyLine.InstanceId)))];
    }
}
