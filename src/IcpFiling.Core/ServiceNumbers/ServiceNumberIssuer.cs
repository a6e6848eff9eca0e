using System.Globalization;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// The one way a service number comes into being. Ownership, eligibility and quota are judged at issue
/// time, inside the change's transaction; the unique indexes on (QuotaKey, Slot), Number and
/// (AccountId, IdempotencyKey) decide every race, and <see cref="ChangeRunner"/> runs a lost race again.
/// </summary>
public sealed class ServiceNumberIssuer(ChangeRunner changes, InstanceStandings standings, ILogger<ServiceNumberIssuer> logger)
{
    /// <summary>Apply on ICP No. Application: issues one number in a change of its own.</summary>
    public async Task<Outcome<IssuedNumber>> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempts = 0;
        var outcome = await changes.RunAsync(Actor.Owner(request.AccountId, request.CorrelationId) with { Channel = request.Channel.Arrival() }, async (scope, ct) =>
        {
            attempts++;
            var issued = await IssueAsync(scope, request, ct);
            return issued.Kind switch
            {
                OutcomeKind.Done => Outcome.Done(IssuedNumber.Of(issued.Value!), new Notice(
                    "Service identification number {0} has been issued for instance {1}.", issued.Value!.Number, request.InstanceId)),
                OutcomeKind.Replayed => Outcome.Replayed(IssuedNumber.Of(issued.Value!), new Notice(
                    "This request was already processed: number {0} was issued for instance {1}. Nothing new was issued.",
                    issued.Value!.Number, issued.Value.Instance.InstanceId)),
                _ => issued.Failure<IssuedNumber>(),
            };
        }, cancellationToken, new RefusalRecord(RefusedCommands.Apply, request.InstanceId));
        if (attempts > 1)
        {
            // Each extra attempt is a race lost to another connection (a slot or key taken first); on a database
            // server with several nodes this is how contention on one instance or shared quota shows.
            logger.LogDebug(
                "Apply for instance {InstanceId} by account {AccountId} lost {LostRaces} race(s); answered on attempt {Attempts}",
                request.InstanceId, request.AccountId, attempts - 1, attempts);
        }

        if (outcome is { Kind: OutcomeKind.Done, Value: { } number })
        {
            logger.LogInformation(
                "Issued service number {ServiceNumber} for instance {InstanceId} to account {AccountId} (slot {Slot} of {QuotaKey})",
                number.Number, number.InstanceId, request.AccountId, number.Slot, number.QuotaKey);
        }
        else if (outcome.Kind == OutcomeKind.Refused)
        {
            // Why applies are refused is what operators look at first when owners call.
            logger.LogInformation(
                "Apply for instance {InstanceId} by account {AccountId} refused: {Reasons}", request.InstanceId, request.AccountId,
                string.Join(" ", outcome.Problems.Select(p => p.Message.ToEnglish())));
        }

        return outcome;
    }

    /// <summary>
    /// Issues a number inside the caller's change (a filing that selects an instance issues and uses its
    /// number in one transaction). Done: the new number, tracked and with its audit row. Replayed: the number
    /// an earlier request with the same key got, with its instance.
    /// </summary>
    public async Task<Outcome<ServiceNumber>> IssueAsync(ChangeScope scope, ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        if (!InputLimits.IsValidIdempotencyKey(request.IdempotencyKey))
        {
            return Outcome.Invalid(nameof(ApplyRequest.IdempotencyKey), IssuerMessages.FormIncomplete);
        }

        var db = scope.Db;
        // On a server, touch the instance row first: the write lock it takes makes support's hold and quota changes on
        // this instance wait for this transaction, or this one wait for them, so eligibility is judged on the instance as
        // it is when the number is issued. SQLite's transaction already holds the whole database's write lock from its
        // BEGIN, so there the touch would only be one more statement (and a rewritten row) under that lock.
        var locked = scope.HoldsDatabaseWriteLock ? -1 : await db.Instances
            .Where(i => i.InstanceId == request.InstanceId && i.OwnerId == request.AccountId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, i => i.OnHold), cancellationToken);

        // Read under the lock: a request with this very key that we waited for (a double click on another node) has
        // committed, and under read committed this read sees it, so it is answered as a replay, not judged anew.
        if (await EarlierAnswerAsync(db, request, cancellationToken) is { } answered)
        {
            return answered;
        }

        // The account's reseller comes with the instance (one statement) and is read under the lock: a reseller change
        // touches the account's instances before it rewrites their numbers, so it either waits for this number or this
        // read sees its new reseller (ResellerNumbers); on SQLite the database's write lock orders the two.
        var loaded = locked == 0 ? null : await InstanceOf.For(db)(db, request.InstanceId, request.AccountId, cancellationToken);
        if (loaded is null)
        {
            return Outcome.NotFound;
        }

        var instance = loaded.Instance;

        var standing = await standings.JudgeAsync(instance, request.AccountId, scope.UtcNow, cancellationToken);
        if (!standing.Verdict.IsEligible)
        {
            return Outcome.Refused(
                new Notice("No number was issued for instance {0}.", instance.InstanceId),
                standing.Verdict.Failures.Select(f => f.ToProblem(nameof(ApplyRequest.InstanceId))));
        }

        var quota = standing.Quota;
        var number = new ServiceNumber
        {
            Number = ServiceNumberGenerator.NewNumber(),
            InstanceRef = instance.Id,
            Instance = instance,
            InstanceType = instance.Type,
            AccountId = request.AccountId,
            ResellerId = loaded.ResellerId,
            IssuedAt = scope.UtcNow,
            Channel = request.Channel,
            QuotaKey = quota.QuotaKey,
            // Numbers are never deleted, so slots are dense: the next one is used + 1.
            Slot = quota.Used + 1,
            IdempotencyKey = request.IdempotencyKey,
        };
        db.ServiceNumbers.Add(number);
        scope.Audit(AuditActions.NumberIssued, AuditSubjects.ServiceNumber, number.Number, string.Create(CultureInfo.InvariantCulture,
            $"instance={instance.InstanceId}; quota={quota.QuotaKey}; slot={number.Slot}/{quota.Total}; channel={request.Channel}"));
        return Outcome.Done(number, new Notice(IssuerMessages.Issued));
    }

    /// <summary>The answer an earlier request with the same key got: its number again, or "key reused" for another instance.</summary>
    private static async Task<Outcome<ServiceNumber>?> EarlierAnswerAsync(
        IcpFilingDbContext db, ApplyRequest request, CancellationToken cancellationToken)
    {
        var earlier = await EarlierNumber.For(db)(db, request.AccountId, request.IdempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.Instance.InstanceId == request.InstanceId
            ? Outcome.Replayed(earlier, new Notice(IssuerMessages.Replayed))
            : Outcome.Invalid(nameof(ApplyRequest.IdempotencyKey), IssuerMessages.KeyReused);
    }

    // Compiled once: every Apply runs these.
    private static readonly CompiledPerModel<Func<IcpFilingDbContext, string, string, CancellationToken, Task<ServiceNumber?>>> EarlierNumber = new(() =>
        EF.CompileAsyncQuery((IcpFilingDbContext db, string accountId, string key, CancellationToken _) =>
            db.ServiceNumbers.AsNoTracking().Include(n => n.Instance).SingleOrDefault(n => n.AccountId == accountId && n.IdempotencyKey == key)));

    /// <summary>The instance, tracked (the new number refers to it), if <c>ownerId</c> owns it.</summary>
    private static readonly CompiledPerModel<Func<IcpFilingDbContext, string, string, CancellationToken, Task<LoadedInstance?>>> InstanceOf = new(() =>
        EF.CompileAsyncQuery((IcpFilingDbContext db, string instanceId, string ownerId, CancellationToken _) =>
            db.Instances
                .Where(i => i.InstanceId == instanceId && i.OwnerId == ownerId)
                .Select(i => new LoadedInstance(i, db.Users.Where(u => u.Id == i.OwnerId).Select(u => u.ResellerId).FirstOrDefault()))
                .SingleOrDefault()));

    /// <summary>The owner's instance (tracked: the new number refers to it) and the owner's reseller, for the number.</summary>
    private sealed record LoadedInstance(Instance Instance, string? ResellerId);
}

/// <summary>The issuer's messages (English, and the localization keys).</summary>
public static class IssuerMessages
{
    public const string Issued = "A service identification number was issued.";
    public const string Replayed = "This request was already processed. Nothing new was issued.";
    public const string FormIncomplete = "The form is incomplete; reload the page and try again.";
    public const string KeyReused = "This form was already used for another instance. Nothing was issued; please try again.";
}
