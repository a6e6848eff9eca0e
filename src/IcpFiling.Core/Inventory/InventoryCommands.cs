using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Inventory;

/// <summary>
/// How a batch is applied: <see cref="DryRun"/> rehearses it (the very same change, judged against the database as it
/// is, answered and then rolled back, so a dry run and an apply cannot disagree); <see cref="MaxItems"/> is the most it
/// may hold, at most <see cref="InventoryCommands.MaxImportRows"/>.
/// </summary>
public sealed record InventoryBatchOptions(bool DryRun = false, int MaxItems = InventoryCommands.MaxBatchSize)
{
    /// <summary>An API batch: applied, up to <see cref="InventoryCommands.MaxBatchSize"/> items.</summary>
    public static InventoryBatchOptions Api { get; } = new();

    /// <summary>An administrator's file import, up to <see cref="InventoryCommands.MaxImportRows"/> rows, applied or rehearsed.</summary>
    public static InventoryBatchOptions Import(bool dryRun) => new(dryRun, InventoryCommands.MaxImportRows);
}

/// <summary>
/// Writes what the provider's systems know about accounts and instances (docs/RULES.md): each record carries the
/// source's version, and only a higher version than the stored one changes anything, so replays and
/// out-of-order deliveries are harmless. A batch is one change: all of it, or (with every bad item named by
/// its index and field) nothing. An instance that ends here has its unused numbers made Invalid in the same change.
/// </summary>
public sealed class InventoryCommands(ChangeRunner changes, RegionCatalog regions, ILogger<InventoryCommands> logger)
{
    public const int MaxBatchSize = 1000;

    /// <summary>The largest file an administrator imports in one go (one change, all or nothing).</summary>
    public const int MaxImportRows = 10_000;

    /// <summary>
    /// Applies a batch, or rehearses it (<see cref="InventoryBatchOptions.DryRun"/>): a rehearsal answers Replayed with
    /// the counts the apply would give, or the same problems, writes nothing and keeps no refusal.
    /// Without <paramref name="options"/>, an API batch (<see cref="InventoryBatchOptions.Api"/>).
    /// </summary>
    public Task<Outcome<BatchResult>> ApplyAsync(
        Actor actor, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken, InventoryBatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= InventoryBatchOptions.Api;
        var maxItems = Math.Min(options.MaxItems, MaxImportRows);
        var problems = items.Count switch
        {
            0 => [new Problem(ItemsField, new Notice("A batch needs at least one account or instance."))],
            _ when items.Count > maxItems => [new Problem(ItemsField, new Notice("A batch holds at most {0} items.", maxItems))],
            _ => items.SelectMany((item, index) => InventoryValidation.Check(item, index, regions)).ToList(),
        };
        if (problems.Count > 0)
        {
            return RefuseAsync(actor, problems, options.DryRun, cancellationToken);
        }

        return options.DryRun ? RehearseAsync(actor, items, cancellationToken) : RunAsync(actor, items, cancellationToken);
    }

    private async Task<Outcome<BatchResult>> RefuseAsync(Actor actor, List<Problem> problems, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            await changes.RecordRefusalAsync(actor, new RefusalRecord(RefusedCommands.InventoryBatch), problems, cancellationToken);
        }

        return Outcome.Invalid(problems);
    }

    private async Task<Outcome<BatchResult>> RunAsync(Actor actor, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken)
    {
        var outcome = await changes.RunAsync(actor, (scope, ct) => BatchAsync(scope, items, ct), cancellationToken,
            new RefusalRecord(RefusedCommands.InventoryBatch));
        if (outcome is { Kind: OutcomeKind.Done, Value: { } done })
        {
            logger.LogInformation(
                "Inventory batch by {ActorId}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                actor.AccountId, done.Created, done.Updated, done.Unchanged);
        }

        return outcome;
    }

    private async Task<Outcome<BatchResult>> RehearseAsync(Actor actor, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken)
    {
        var outcome = await changes.RehearseAsync(actor, (scope, ct) => BatchAsync(scope, items, ct), cancellationToken);
        return outcome is { Succeeded: true, Value: { } batch }
            ? Outcome.Replayed(batch, new Notice("Dry run: {0} would be created, {1} updated, {2} unchanged. Nothing was written.", batch.Created, batch.Updated, batch.Unchanged))
            : outcome;
    }

    /// <summary>The batch as one change, the same for an apply and its rehearsal.</summary>
    private static async Task<Outcome<BatchResult>> BatchAsync(ChangeScope scope, IReadOnlyList<InventoryItem> items, CancellationToken ct)
    {
        // Everything the batch needs to judge its items is read once, up front: a 1,000-item batch is a few
        // queries and one save, not thousands of round trips.
        var known = await KnownState.ReadAsync(scope, items, ct);
        var results = new List<ItemResult>(items.Count);
        var problems = new List<Problem>();
        var ended = new List<int>();
        var moved = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var upsert = items[index] switch
            {
                { Account: { } account } => UpsertAccount(scope, known, account, index),
                { Instance: { } instance } => UpsertInstance(scope, known, instance, index),
                _ => Upsert.Nothing,
            };
            problems.AddRange(upsert.Problems);
            if (upsert.Result is { } result)
            {
                results.Add(result);
            }

            if (upsert.Move is { } move)
            {
                moved[move.AccountId] = move.ResellerId;
            }

            if (upsert.EndedInstance is { } instanceId)
            {
                ended.Add(instanceId);
            }
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        // Before the accounts are saved (ResellerNumbers): the numbers of an account whose reseller changed follow it.
        foreach (var group in moved.GroupBy(m => m.Value, m => m.Key))
        {
            await ResellerNumbers.FollowResellerAsync(scope, [.. group], group.Key, ct);
        }

        if (ended.Count > 0)
        {
            await scope.Db.SaveChangesAsync(ct);
            await InstanceLifecycle.EndUnusedNumbersAsync(scope, ended, ct);
        }

        var batch = new BatchResult(results);
        var message = new Notice("{0} created, {1} updated, {2} unchanged.", batch.Created, batch.Updated, batch.Unchanged);
        // Nothing new (every version already stored): nothing to commit, the same answer as before.
        return batch.Unchanged == batch.Items.Count ? Outcome.Replayed(batch, message) : Outcome.Done(batch, message);
    }

    /// <summary>
    /// What one item did: its result, or the problems that refuse it; and what the batch does for it once every item
    /// is judged: an account's numbers follow its new reseller, a stored instance that ended ends its unused numbers.
    /// </summary>
    private sealed record Upsert(ItemResult? Result, IReadOnlyList<Problem> Problems)
    {
        public static Upsert Nothing { get; } = new(null, []);

        /// <summary>Set when a stored account's reseller changed.</summary>
        public ResellerMove? Move { get; init; }

        /// <summary>The stored instance's key, when it has ended (before this record or by it).</summary>
        public int? EndedInstance { get; init; }

        public static Upsert Of(ItemResult result) => new(result, []);

        public static Upsert Refused(IReadOnlyList<Problem> problems) => new(null, problems);
    }

    /// <summary>A stored account that is now the customer of another reseller (null: of none).</summary>
    private sealed record ResellerMove(string AccountId, string? ResellerId);

    private static Upsert UpsertAccount(ChangeScope scope, KnownState known, AccountRecord record, int index)
    {
        var id = record.AccountId!;
        known.Users.TryGetValue(id, out var user);
        if (user is not null && (user.SourceVersion ?? 0) >= record.Version)
        {
            return Upsert.Of(new(index, "account", id, ItemChange.Unchanged, record.Version, user.SourceVersion ?? 0));
        }

        var field = InventoryValidation.Field(index);
        if (user is not null && !known.Owners.Contains(id))
        {
            // The inventory feeds owner accounts; it never touches a staff or reseller account.
            return Upsert.Refused([new(field(nameof(AccountRecord.AccountId)), new Notice("Account {0} is not an owner account; the inventory cannot change it.", id))]);
        }

        var problems = new List<Problem>();
        var email = record.Email!.Trim();
        var normalizedEmail = email.ToUpperInvariant();
        if (known.EmailOwners.TryGetValue(normalizedEmail, out var emailOwner) && emailOwner != id)
        {
            problems.Add(new(field(nameof(AccountRecord.Email)), new Notice("Another account uses the e-mail address {0}.", email)));
        }

        if (record.ResellerId is { } resellerId && !known.Resellers.Contains(resellerId))
        {
            problems.Add(new(field(nameof(AccountRecord.ResellerId)), new Notice("No reseller account has the id {0}.", resellerId)));
        }

        if (problems.Count > 0)
        {
            return Upsert.Refused(problems);
        }

        var created = user is null;
        var previousVersion = user?.SourceVersion ?? 0;
        if (user is null)
        {
            user = new ApplicationUser { Id = id, SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true };
            scope.Db.Users.Add(user);
            scope.Db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = known.OwnerRole });
            known.Users[id] = user;
            known.Owners.Add(id);
        }

        var suspended = record.Status == AccountStatus.Suspended;
        if (!created && (user.Suspended != suspended || !string.Equals(user.NormalizedEmail, normalizedEmail, StringComparison.Ordinal)))
        {
            // Suspension or a new e-mail signs the account out everywhere.
            user.SecurityStamp = Guid.NewGuid().ToString();
        }

        if (user.NormalizedEmail is { } oldEmail)
        {
            known.EmailOwners.Remove(oldEmail);
        }

        known.EmailOwners[normalizedEmail] = id;
        // Its numbers are rewritten once the whole batch is judged; a new account has none yet.
        var move = !created && user.ResellerId != record.ResellerId ? new ResellerMove(id, record.ResellerId) : null;
        user.UserName = email;
        user.NormalizedUserName = normalizedEmail;
        user.Email = email;
        user.NormalizedEmail = normalizedEmail;
        user.EmailConfirmed = true;
        user.DisplayName = record.DisplayName?.Trim() ?? "";
        user.ResellerId = record.ResellerId;
        user.Suspended = suspended;
        user.SourceVersion = record.Version;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();

        scope.Audit(created ? AuditActions.AccountCreated : AuditActions.AccountUpdated, AuditSubjects.Account, id,
            string.Create(CultureInfo.InvariantCulture, $"version {record.Version}; {record.Status}; reseller {record.ResellerId ?? "none"}"));
        return Upsert.Of(new(index, "account", id, created ? ItemChange.Created : ItemChange.Updated, record.Version, previousVersion)) with { Move = move };
    }

    private static Upsert UpsertInstance(ChangeScope scope, KnownState known, InstanceRecord record, int index)
    {
        var id = record.InstanceId!;
        known.Instances.TryGetValue(id, out var instance);
        if (instance is not null && instance.SourceVersion >= record.Version)
        {
            return Upsert.Of(new(index, "instance", id, ItemChange.Unchanged, record.Version, instance.SourceVersion));
        }

        var field = InventoryValidation.Field(index);
        var problems = new List<Problem>();
        if (!known.Owners.Contains(record.OwnerId!))
        {
            problems.Add(new(field(nameof(InstanceRecord.OwnerId)), new Notice("No owner account has the id {0}.", record.OwnerId!)));
        }

        if (instance is not null && instance.OwnerId != record.OwnerId)
        {
            problems.Add(new(field(nameof(InstanceRecord.OwnerId)), new Notice("An instance cannot move to another account (it belongs to {0}).", instance.OwnerId)));
        }

        if (instance is not null && instance.Type != record.Type)
        {
            problems.Add(new(field(nameof(InstanceRecord.Type)), new Notice("An instance's type cannot change (it is {0}).", instance.Type)));
        }

        if (problems.Count > 0)
        {
            return Upsert.Refused(problems);
        }

        var created = instance is null;
        var previousVersion = instance?.SourceVersion ?? 0;
        // Numbers die with their instance: if it had ended by now, a renewal in this record does not revive them.
        var endedBefore = instance is not null && !instance.IsLive(scope.UtcNow);
        if (instance is null)
        {
            instance = new Instance { InstanceId = id, Name = record.Name!.Trim(), Type = record.Type!.Value, OwnerId = record.OwnerId!, Region = record.RegionId! };
            scope.Db.Instances.Add(instance);
            known.Instances[id] = instance;
        }

        instance.Name = record.Name!.Trim();
        instance.Region = record.RegionId!;
        instance.Provider = record.Provider;
        instance.Billing = record.Billing!.Value;
        instance.SubscriptionStartsAt = Utc(record.SubscriptionStartsAt!.Value);
        instance.PurchasedMonths = record.PurchasedMonths!.Value;
        instance.ExpiresAt = Utc(record.ExpiresAt!.Value);
        instance.PublicIps = [.. (record.PublicIps ?? []).Select(a => PublicAddresses.Normalize(a)!).Distinct(StringComparer.Ordinal)];
        instance.Status = record.Status!.Value;
        instance.IsTrial = record.Trial;
        instance.OrderAmount = record.OrderAmount;
        instance.SourceVersion = record.Version;

        scope.Audit(created ? AuditActions.InstanceCreated : AuditActions.InstanceUpdated, AuditSubjects.Instance, id,
            string.Create(CultureInfo.InvariantCulture, $"version {record.Version}; {instance.Status}; expires {instance.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}"));
        // A new instance has no numbers yet; a stored one that ended (before or now) ends its unused numbers.
        var ended = !created && (endedBefore || !instance.IsLive(scope.UtcNow));
        return Upsert.Of(new(index, "instance", id, created ? ItemChange.Created : ItemChange.Updated, record.Version, previousVersion))
            with { EndedInstance = ended ? instance.Id : null };
    }

    /// <summary>What the database already holds about a batch's ids, read in a few queries, and kept current as the batch goes.</summary>
    private sealed class KnownState
    {
        public required string OwnerRole { get; init; }

        public required Dictionary<string, ApplicationUser> Users { get; init; }

        public required HashSet<string> Owners { get; init; }

        public required HashSet<string> Resellers { get; init; }

        /// <summary>Normalized e-mail → the account that has it.</summary>
        public required Dictionary<string, string> EmailOwners { get; init; }

        public required Dictionary<string, Instance> Instances { get; init; }

        public static async Task<KnownState> ReadAsync(ChangeScope scope, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken)
        {
            var db = scope.Db;
            var ownerRole = await AccountChange.RoleIdAsync(scope, Roles.Owner, cancellationToken);
            var resellerRole = await AccountChange.RoleIdAsync(scope, Roles.Reseller, cancellationToken);
            var accountIds = items.Where(i => i.Account is not null).Select(i => i.Account!.AccountId!).Distinct().ToList();
            var ownerIds = items.Where(i => i.Instance is not null).Select(i => i.Instance!.OwnerId!).Concat(accountIds).Distinct().ToList();
            var resellerIds = items.Select(i => i.Account?.ResellerId).OfType<string>().Distinct().ToList();
            var emails = items.Select(i => i.Account?.Email?.Trim().ToUpperInvariant()).OfType<string>().Distinct().ToList();
            var instanceIds = items.Where(i => i.Instance is not null).Select(i => i.Instance!.InstanceId!).Distinct().ToList();
            return new KnownState
            {
                OwnerRole = ownerRole,
                Users = await db.Users.Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken),
                Owners = [.. await db.UserRoles.Where(r => r.RoleId == ownerRole && ownerIds.Contains(r.UserId)).Select(r => r.UserId).ToListAsync(cancellationToken)],
                Resellers = [.. await db.UserRoles.Where(r => r.RoleId == resellerRole && resellerIds.Contains(r.UserId)).Select(r => r.UserId).ToListAsync(cancellationToken)],
                EmailOwners = (await db.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
                        .Select(u => new { u.NormalizedEmail, u.Id }).ToListAsync(cancellationToken))
                    .DistinctBy(u => u.NormalizedEmail).ToDictionary(u => u.NormalizedEmail!, u => u.Id),
                Instances = await db.Instances.Where(i => instanceIds.Contains(i.InstanceId)).ToDictionaryAsync(i => i.InstanceId, cancellationToken),
            };
        }
    }

    /// <summary>
    /// An instant as stored (UTC). A time sent without an offset is taken as UTC, never as the server's local
    /// time, so the same record means the same instant on every node whatever its time zone.
    /// </summary>
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Unspecified
        ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
        : value.ToUniversalTime();

    private const string ItemsField = "Items";
}
