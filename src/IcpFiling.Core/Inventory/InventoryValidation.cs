using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;

namespace IcpFiling.Core.Inventory;

/// <summary>The shape of an inventory record, judged before anything is read or written. Fields are named as <c>Items[3].RegionId</c>.</summary>
public static class InventoryValidation
{
    /// <summary>Provider ids: letters, digits and <c>- _ . :</c>, at most 64 characters.</summary>
    public const int IdMaxLength = 64;

    /// <summary>
    /// The instants an instance record may carry (inclusive from, exclusive to, UTC): the provider's systems hold no
    /// subscription older and sell none running past it. Outside them a date is a sender's mistake (0001-01-01,
    /// 9999-12-31), not a subscription, and would break the month arithmetic of the rules.
    /// </summary>
    public static readonly DateTime EarliestTime = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc cref="EarliestTime"/>
    public static readonly DateTime LatestTime = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Months purchased, renewals included: at least 1 for a subscription (pay-as-you-go buys none, so 0 there), and no
    /// more than fit between <see cref="EarliestTime"/> and <see cref="LatestTime"/>.
    /// </summary>
    public const int MaxPurchasedMonths = 1200;

    public static Func<string, string> Field(int index) => name => $"Items[{index}].{name}";

    public static IEnumerable<Problem> Check(InventoryItem? item, int index, RegionCatalog regions)
    {
        var field = Field(index);
        // A JSON null in the list is a client's mistake like any other, not an error of ours.
        return (item?.Account, item?.Instance) switch
        {
            ({ } account, null) => CheckAccount(account, field),
            (null, { } instance) => CheckInstance(instance, field, regions),
            _ => [new Problem($"Items[{index}]", new Notice("Each item is one account or one instance."))],
        };
    }

    private static IEnumerable<Problem> CheckAccount(AccountRecord record, Func<string, string> field)
    {
        if (!IsId(record.AccountId))
        {
            yield return Problem(field(nameof(AccountRecord.AccountId)), IdMessage);
        }

        var email = record.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > InputLimits.EmailMaxLength || !IsEmail(email))
        {
            yield return Problem(field(nameof(AccountRecord.Email)), "Give a valid e-mail address of at most {0} characters.", InputLimits.EmailMaxLength);
        }

        if ((record.DisplayName?.Trim().Length ?? 0) > ApplicationUser.DisplayNameMaxLength)
        {
            yield return Problem(field(nameof(AccountRecord.DisplayName)), "A display name has at most {0} characters.", ApplicationUser.DisplayNameMaxLength);
        }

        if (!Enum.IsDefined(record.Status))
        {
            yield return Problem(field(nameof(AccountRecord.Status)), "The status is active or suspended.");
        }

        if (record.ResellerId is not null && (!IsId(record.ResellerId) || record.ResellerId == record.AccountId))
        {
            yield return Problem(field(nameof(AccountRecord.ResellerId)), "Give the reseller's account id, or leave it out.");
        }

        if (record.Version < 1)
        {
            yield return Problem(field(nameof(AccountRecord.Version)), VersionMessage);
        }
    }

    private static IEnumerable<Problem> CheckInstance(InstanceRecord record, Func<string, string> field, RegionCatalog regions)
    {
        if (!IsId(record.InstanceId))
        {
            yield return Problem(field(nameof(InstanceRecord.InstanceId)), IdMessage);
        }

        if (!IsId(record.OwnerId))
        {
            yield return Problem(field(nameof(InstanceRecord.OwnerId)), "Give the owner's account id.");
        }

        if (record.Type is not { } type || !Enum.IsDefined(type))
        {
            yield return Problem(field(nameof(InstanceRecord.Type)), "Give the instance type.");
        }

        var name = record.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > Instance.NameMaxLength)
        {
            yield return Problem(field(nameof(InstanceRecord.Name)), "Give a name of at most {0} characters.", Instance.NameMaxLength);
        }

        if (string.IsNullOrWhiteSpace(record.RegionId))
        {
            yield return Problem(field(nameof(InstanceRecord.RegionId)), "Give the region id.");
        }
        else if (regions.Find(record.RegionId) is null)
        {
            yield return Problem(field(nameof(InstanceRecord.RegionId)), "{0} is not a region of this provider.", record.RegionId);
        }

        if (record.Billing is not { } billing || !Enum.IsDefined(billing))
        {
            yield return Problem(field(nameof(InstanceRecord.Billing)), "Give the billing method: subscription or pay-as-you-go.");
        }

        if (record.SubscriptionStartsAt is null)
        {
            yield return Problem(field(nameof(InstanceRecord.SubscriptionStartsAt)), "Give when the subscription started.");
        }
        else if (!IsWithinTimes(record.SubscriptionStartsAt.Value))
        {
            yield return Problem(field(nameof(InstanceRecord.SubscriptionStartsAt)), TimeRangeMessage, Day(EarliestTime), Day(LatestTime));
        }

        if (record.ExpiresAt is not { } expires || (record.SubscriptionStartsAt is { } starts && Utc(expires) <= Utc(starts)))
        {
            yield return Problem(field(nameof(InstanceRecord.ExpiresAt)), "Give when the instance expires, after its subscription started.");
        }
        else if (!IsWithinTimes(expires))
        {
            yield return Problem(field(nameof(InstanceRecord.ExpiresAt)), TimeRangeMessage, Day(EarliestTime), Day(LatestTime));
        }

        var fewestMonths = record.Billing == BillingMethod.PayAsYouGo ? 0 : 1;
        if (record.PurchasedMonths is not { } months || months < fewestMonths || months > MaxPurchasedMonths)
        {
            yield return Problem(field(nameof(InstanceRecord.PurchasedMonths)), "Give the months purchased, renewals included ({0} to {1}).", fewestMonths, MaxPurchasedMonths);
        }

        var addresses = record.PublicIps ?? [];
        if (addresses.Count > Instance.MaxPublicIps)
        {
            yield return Problem(field(nameof(InstanceRecord.PublicIps)), "An instance lists at most {0} IP addresses.", Instance.MaxPublicIps);
        }

        foreach (var address in addresses.Where(a => PublicAddresses.Normalize(a) is null).Take(1))
        {
            yield return Problem(field(nameof(InstanceRecord.PublicIps)), "{0} is not an IP address.", address ?? "(null)");
        }

        if (record.Status is not { } status || !Enum.IsDefined(status))
        {
            yield return Problem(field(nameof(InstanceRecord.Status)), "Give the status: running, stopped, expired or released.");
        }

        if (!Enum.IsDefined(record.Provider))
        {
            yield return Problem(field(nameof(InstanceRecord.Provider)), "Give the hosting provider.");
        }

        if (record.OrderAmount is < 0 or > 100_000_000)
        {
            yield return Problem(field(nameof(InstanceRecord.OrderAmount)), "Give the order amount in RMB, from 0.");
        }

        if (record.Version < 1)
        {
            yield return Problem(field(nameof(InstanceRecord.Version)), VersionMessage);
        }
    }

    private const string TimeRangeMessage = "Give a time from {0} up to {1} (UTC).";

    /// <summary>A time as the API reads it: with an offset it is that instant; without one it is UTC.</summary>
    private static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static bool IsWithinTimes(DateTime time) => Utc(time) >= EarliestTime && Utc(time) < LatestTime;

    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal const string IdMessage = "Give an id of at most 64 letters, digits and - _ . : characters.";
    private const string VersionMessage = "Give the source's version, a number from 1 that grows with every change.";

    internal static bool IsId(string? id) =>
        id is { Length: > 0 and <= IdMaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    internal static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }

    private static Problem Problem(string field, string format, params object[] arguments) => new(field, new Notice(format, arguments));
}
