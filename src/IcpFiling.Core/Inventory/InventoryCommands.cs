using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Inventory;

/// <summary>
/// Writes what the provider's systems know about accounts and instances (docs/RULES.md): each record carries the
/// source's version, and only a higher version than the stored one changes anything, so replays and
/// out-of-order deliveries are harmless. A batch is one change: all of it, or (with every bad item named by
/// its index and field) nothing. An instance that ends here has its unused numbers made Invalid in the same change.
/// </summary>
public sealed class InventoryCommands(ChangeRunner changes, RegionCatalog regions, ILogger<InventoryCommands> logger)
{
    public const int MaxBatchSize = 1000;

    public Task<Outcome<BatchResult>> ApplyAsync(Actor actor, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var problems = items.Count switch
        {
            0 => [new Problem(ItemsField, new Notice("A batch needs at least one account or instance."))],
            > MaxBatchSize => [new Problem(ItemsField, new Notice("A batch holds at most {0} items.", MaxBatchSize))],
            _ => items.SelectMany((item, index) => InventoryValidation.Check(item, index, regions)).ToList(),
        };
        if (problems.Count > 0)
        {
            return Task.FromResult<Outcome<BatchResult>>(Outcome.Invalid(problems));
        }

        return RunAsync(actor, items, cancellationToken);
    }

    private async Task<Outcome<BatchResult>> RunAsync(Actor actor, IReadOnlyList<InventoryItem> items, CancellationToken cancellationToken)
    {
        var outcome = await changes.RunAsync(actor, async (scope, ct) =>
        {
            var results = new List<ItemResult>(items.Count);
            var problems = new List<Problem>();
            var ownerRole = await RoleIdAsync(scope, Roles.Owner, ct);
            var resellerRole = await RoleIdAsync(scope, Roles.Reseller, ct);
            for (var index = 0; index < items.Count; index++)
            {
                var result = items[index] switch
                {
                    { Account: { } account } => await UpsertAccountAsync(scope, account, index, ownerRole, resellerRole, problems, ct),
                    { Instance: { } instance } => await UpsertInstanceAsync(scope, instance, index, ownerRole, problems, ct),
                    _ => null,
                };
                if (result is not null)
                {
                    results.Add(result);
                }
            }

            if (problems.Count > 0)
            {
                return Outcome.Invalid(problems);
            }

            var batch = new BatchResult(results);
            var message = new Notice("{0} created, {1} updated, {2} unchanged.", batch.Created, batch.Updated, batch.Unchanged);
            // Nothing new (every version already stored): nothing to commit, the same answer as before.
            return batch.Unchanged == batch.Items.Count ? Outcome.Replayed(batch, message) : Outcome.Done(batch, message);
        }, cancellationToken);

        if (outcome is { Kind: OutcomeKind.Done, Value: { } done })
        {
            logger.LogInformation(
                "Inventory batch by {ActorId}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                actor.AccountId, done.Created, done.Updated, done.Unchanged);
        }

        return outcome;
    }

    private static async Task<ItemResult?> UpsertAccountAsync(
        ChangeScope scope, AccountRecord record, int index, string ownerRole, string resellerRole, List<Problem> problems, CancellationToken cancellationToken)
    {
        var db = scope.Db;
        var id = record.AccountId!;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null && (user.SourceVersion ?? 0) >= record.Version)
        {
            return new(index, "account", id, ItemChange.Unchanged, record.Version, user.SourceVersion ?? 0);
        }

        var field = InventoryValidation.Field(index);
        var before = problems.Count;
        if (user is not null && !await db.UserRoles.AnyAsync(r => r.UserId == id && r.RoleId == ownerRole, cancellationToken))
        {
            // The inventory feeds owner accounts; it never touches a staff or reseller account.
            problems.Add(new(field(nameof(AccountRecord.AccountId)), new Notice("Account {0} is not an owner account; the inventory cannot change it.", id)));
            return null;
        }

        var email = record.Email!.Trim();
        var normalizedEmail = email.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.Id != id, cancellationToken))
        {
            problems.Add(new(field(nameof(AccountRecord.Email)), new Notice("Another account uses the e-mail address {0}.", email)));
        }

        if (record.ResellerId is { } resellerId
            && !await db.UserRoles.AnyAsync(r => r.UserId == resellerId && r.RoleId == resellerRole, cancellationToken))
        {
            problems.Add(new(field(nameof(AccountRecord.ResellerId)), new Notice("No reseller account has the id {0}.", resellerId)));
        }

        if (problems.Count > before)
        {
            return null;
        }

        var created = user is null;
        var previousVersion = user?.SourceVersion ?? 0;
        if (user is null)
        {
            user = new ApplicationUser { Id = id, SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = ownerRole });
        }

        var suspended = record.Status == AccountStatus.Suspended;
        if (!created && (user.Suspended != suspended || !string.Equals(user.NormalizedEmail, normalizedEmail, StringComparison.Ordinal)))
        {
            // Suspension or a new e-mail signs the account out everywhere.
            user.SecurityStamp = Guid.NewGuid().ToString();
        }

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
        await db.SaveChangesAsync(cancellationToken);

        scope.Audit(created ? AuditActions.AccountCreated : AuditActions.AccountUpdated, AuditSubjects.Account, id,
            string.Create(CultureInfo.InvariantCulture, $"version {record.Version}; {record.Status}; reseller {record.ResellerId ?? "none"}"));
        return new(index, "account", id, created ? ItemChange.Created : ItemChange.Updated, record.Version, previousVersion);
    }

    private static async Task<ItemResult?> UpsertInstanceAsync(
        ChangeScope scope, InstanceRecord record, int index, string ownerRole, List<Problem> problems, CancellationToken cancellationToken)
    {
        var db = scope.Db;
        var id = record.InstanceId!;
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.InstanceId == id, cancellationToken);
        if (instance is not null && instance.SourceVersion >= record.Version)
        {
            return new(index, "instance", id, ItemChange.Unchanged, record.Version, instance.SourceVersion);
        }

        var field = InventoryValidation.Field(index);
        var before = problems.Count;
        if (!await db.UserRoles.AnyAsync(r => r.UserId == record.OwnerId && r.RoleId == ownerRole, cancellationToken))
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

        if (problems.Count > before)
        {
            return null;
        }

        var created = instance is null;
        var previousVersion = instance?.SourceVersion ?? 0;
        // Numbers die with their instance: if it had ended by now, a renewal in this record does not revive them.
        var endedBefore = instance is not null && !instance.IsLive(scope.UtcNow);
        instance ??= db.Instances.Add(new Instance
        {
            InstanceId = id,
            Name = record.Name!.Trim(),
            Type = record.Type!.Value,
            OwnerId = record.OwnerId!,
            Region = record.RegionId!,
        }).Entity;

        instance.Name = record.Name!.Trim();
        instance.Region = record.RegionId!;
        instance.Provider = record.Provider;
        instance.Billing = record.Billing!.Value;
        instance.SubscriptionStartsAt = DateTime.SpecifyKind(record.SubscriptionStartsAt!.Value.ToUniversalTime(), DateTimeKind.Utc);
        instance.PurchasedMonths = record.PurchasedMonths!.Value;
        instance.ExpiresAt = DateTime.SpecifyKind(record.ExpiresAt!.Value.ToUniversalTime(), DateTimeKind.Utc);
        instance.PublicIps = [.. (record.PublicIps ?? []).Select(a => PublicAddresses.Normalize(a)!).Distinct(StringComparer.Ordinal)];
        instance.Status = record.Status!.Value;
        instance.IsTrial = record.Trial;
        instance.OrderAmount = record.OrderAmount;
        instance.SourceVersion = record.Version;
        await db.SaveChangesAsync(cancellationToken);

        scope.Audit(created ? AuditActions.InstanceCreated : AuditActions.InstanceUpdated, AuditSubjects.Instance, id,
            string.Create(CultureInfo.InvariantCulture, $"version {record.Version}; {instance.Status}; expires {instance.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}"));
        if (endedBefore || !instance.IsLive(scope.UtcNow))
        {
            await InstanceLifecycle.EndUnusedNumbersAsync(scope, [instance.Id], cancellationToken);
        }

        return new(index, "instance", id, created ? ItemChange.Created : ItemChange.Updated, record.Version, previousVersion);
    }

    private static async Task<string> RoleIdAsync(ChangeScope scope, string role, CancellationToken cancellationToken)
    {
        var normalized = role.ToUpperInvariant();
        return await scope.Db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The role {role} does not exist; the console creates its roles at start-up.");
    }

    private const string ItemsField = "Items";
}
