using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Core.Filings;

/// <summary>Whether an account may use a number in a filing (docs/RULES.md (service identification numbers)). Messages are English localization keys.</summary>
public static class ServiceNumberUsability
{
    public const string NotFound = "No service identification number matches what you entered.";
    public const string AlreadyUsed =
        "This service identification number has already been used in an ICP filing. A used number can never be used again, even after that filing is cancelled or the provider is removed.";
    public const string Voided = "This service identification number is invalid: support staff voided it.";
    public const string InstanceGone = "This service identification number is invalid: its instance has expired or been released.";
    public const string InstanceNotRunning = "The instance of this service identification number is not running.";
    public const string RestrictedToOther = "This service identification number is restricted to another account.";

    /// <summary>Null when <paramref name="accountId"/> may use the number now; otherwise why not.</summary>
    public static string? Refusal(ServiceNumber? number, string accountId, DateTime utcNow)
    {
        if (number is null)
        {
            return NotFound;
        }

        if (number.RestrictedToAccountId is { } restricted && restricted != accountId)
        {
            return RestrictedToOther;
        }

        return number.Status switch
        {
            ServiceNumberStatus.Used => AlreadyUsed,
            ServiceNumberStatus.Invalid when number.InvalidCause == InvalidCause.InstanceEnded => InstanceGone,
            ServiceNumberStatus.Invalid => Voided,
            _ when !number.Instance.IsLive(utcNow) => InstanceGone,
            _ when number.Instance.Status != InstanceStatus.Running => InstanceNotRunning,
            _ => null,
        };
    }
}
