using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>One line of a batch: an instance and how many numbers to issue for it.</summary>
public sealed record BatchApplyLine(string InstanceId, int Quantity);

/// <summary>
/// Several instances at once. <see cref="BatchKey"/> is the batch's idempotency key: every number of the batch gets a
/// key derived from it, so sending the same batch again (a double-click, a refresh, a client's retry) issues nothing
/// twice and answers with the numbers the first run issued.
/// </summary>
public sealed record BatchApplyRequest(
    string AccountId,
    string BatchKey,
    IReadOnlyList<BatchApplyLine> Lines,
    IssueChannel Channel = IssueChannel.ApplicationPage,
    string? CorrelationId = null);

/// <summary>What became of one line: its numbers (issued now or by an earlier run of the batch), and why the rest were not.</summary>
public sealed record BatchApplyLineResult(string InstanceId, int Requested, IReadOnlyList<IssuedNumber> Numbers, int IssuedNow, IReadOnlyList<Problem> Problems)
{
    public bool Complete => Numbers.Count == Requested;
}

public sealed record BatchApplyResult(IReadOnlyList<BatchApplyLineResult> Lines)
{
    public int IssuedNow => Lines.Sum(l => l.IssuedNow);

    public int Refused => Lines.Count(l => !l.Complete);
}

/// <summary>
/// Applies for several instances in one request. Every number is its own change (its own transaction, through
/// <see cref="ServiceNumberIssuer"/>), so a refusal of one instance never undoes another's numbers, and quotas hold
/// under concurrent batches for the same reasons single applies do.
/// </summary>
public sealed class BatchApplication(ServiceNumberIssuer issuer, ChangeRunner changes)
{
    public async Task<Outcome<BatchApplyResult>> ApplyAsync(BatchApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var recorded = await RecordAsync(request, cancellationToken);
        if (!recorded.Succeeded)
        {
            return recorded.Failure<BatchApplyResult>();
        }

        var lines = new List<BatchApplyLineResult>();
        foreach (var line in request.Lines)
        {
            lines.Add(await ApplyLineAsync(request, line, cancellationToken));
        }

        var result = new BatchApplyResult(lines);
        var summary = new Notice("Numbers issued: {0}, for instances: {1}; instances refused: {2}.",
            result.IssuedNow, lines.Count(l => l.IssuedNow > 0), result.Refused);
        // Nothing new, and every line has its numbers: this batch was sent before.
        return result.IssuedNow == 0 && result.Refused == 0
            ? Outcome.Replayed(result, new Notice("This batch was already processed. Nothing new was issued."))
            : Outcome.Done(result, summary);
    }

    /// <summary>The key of the <paramref name="ordinal"/>-th number of a line: stable for the batch, valid as any idempotency key.</summary>
    public static string UnitKey(string batchKey, string instanceId, int ordinal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{batchKey}\n{instanceId}\n{ordinal}"));
        return "b-" + Base64Url.EncodeToString(hash)[..40];
    }

    /// <summary>What <see cref="BatchRequest.BodyHash"/> keeps of a batch's lines (in order), to tell the same batch from another.</summary>
    public static string BodyHash(IEnumerable<BatchApplyLine> lines)
    {
        var body = string.Join('\n', lines.Select(l => $"{l.InstanceId}\t{l.Quantity.ToString(CultureInfo.InvariantCulture)}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>Keeps the batch's key with a hash of its lines; the same key with other lines is refused (a client's bug, or a stale form).</summary>
    private Task<Outcome<string>> RecordAsync(BatchApplyRequest request, CancellationToken cancellationToken)
    {
        var hash = BodyHash(request.Lines);
        return changes.RunAsync(Actor.Owner(request.AccountId, request.CorrelationId) with { Channel = request.Channel.Arrival() }, async (scope, ct) =>
        {
            var earlier = await scope.Db.BatchRequests.AsNoTracking()
                .Where(b => b.AccountId == request.AccountId && b.BatchKey == request.BatchKey)
                .Select(b => b.BodyHash)
                .SingleOrDefaultAsync(ct);
            if (earlier is not null)
            {
                return earlier == hash
                    ? Outcome.Replayed(hash, new Notice("This batch was already received."))
                    : Outcome.Invalid(nameof(BatchApplyRequest.BatchKey),
                        "This key was already used for a different batch. Nothing was issued; send a new key with the new batch.");
            }

            scope.Db.BatchRequests.Add(new BatchRequest { AccountId = request.AccountId, BatchKey = request.BatchKey, BodyHash = hash, CreatedAt = scope.UtcNow });
            return Outcome.Done(hash, new Notice("Batch received."));
        }, cancellationToken);
    }

    private async Task<BatchApplyLineResult> ApplyLineAsync(BatchApplyRequest request, BatchApplyLine line, CancellationToken cancellationToken)
    {
        var numbers = new List<IssuedNumber>();
        var issuedNow = 0;
        for (var ordinal = 1; ordinal <= line.Quantity; ordinal++)
        {
            var outcome = await issuer.ApplyAsync(
                new ApplyRequest(request.AccountId, line.InstanceId, UnitKey(request.BatchKey, line.InstanceId, ordinal), request.Channel, request.CorrelationId),
                cancellationToken);
            switch (outcome.Kind)
            {
                case OutcomeKind.Done:
                    issuedNow++;
                    numbers.Add(outcome.Value!);
                    break;
                case OutcomeKind.Replayed:
                    numbers.Add(outcome.Value!);
                    break;
                case OutcomeKind.NotFound:
                    return new BatchApplyLineResult(line.InstanceId, line.Quantity, numbers, issuedNow,
                        [new Problem(nameof(BatchApplyLine.InstanceId), new Notice("There is no instance {0} in your account.", line.InstanceId))]);
                default:
                    // The rest of the line would be refused for the same reason (the quota is used up, say).
                    return new BatchApplyLineResult(line.InstanceId, line.Quantity, numbers, issuedNow, outcome.Problems);
            }
        }

        return new BatchApplyLineResult(line.InstanceId, line.Quantity, numbers, issuedNow, []);
    }

    private static List<Problem> Validate(BatchApplyRequest request)
    {
        var problems = new List<Problem>();
        if (!InputLimits.IsValidIdempotencyKey(request.BatchKey))
        {
            problems.Add(new Problem(nameof(BatchApplyRequest.BatchKey), new Notice(IssuerMessages.FormIncomplete)));
        }

        if (request.Lines is not { Count: > 0 and <= InputLimits.BatchMaxInstances })
        {
            problems.Add(new Problem(nameof(BatchApplyRequest.Lines),
                new Notice("Choose between 1 and {0} instances.", InputLimits.BatchMaxInstances)));
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (string.IsNullOrWhiteSpace(line.InstanceId) || line.InstanceId.Length > Instance.InstanceIdMaxLength)
            {
                problems.Add(new Problem($"Lines[{i}].InstanceId", new Notice("Choose an instance.")));
            }
            else if (!seen.Add(line.InstanceId))
            {
                problems.Add(new Problem($"Lines[{i}].InstanceId", new Notice("Instance {0} is in the batch twice.", line.InstanceId)));
            }

            if (line.Quantity is < 1 or > InputLimits.BatchMaxQuantity)
            {
                problems.Add(new Problem($"Lines[{i}].Quantity",
                    new Notice("Ask for between 1 and {0} numbers per instance.", InputLimits.BatchMaxQuantity)));
            }
        }

        return problems;
    }
}
