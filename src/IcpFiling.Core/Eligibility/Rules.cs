using IcpFiling.Core.Instances;

namespace IcpFiling.Core.Eligibility;

// One small class per condition of docs/RULES.md (when an instance can get a number), so each can be tested and explained alone.

public sealed class OwnerRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Owner;
    public string Requirement => "The owner account purchased the instance.";
    public string Failure => "The account did not purchase the instance.";

    public Ineligibility? Check(EligibilityContext context) =>
        string.Equals(context.Instance.OwnerId, context.AccountId, StringComparison.Ordinal)
            ? null
            : new(Id, "The binding account is not the instance owner.");
}

public sealed class ProviderRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Provider;
    public string Requirement => "The instance is hosted by this provider.";
    public string Failure => "The instance is hosted by another provider.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Instance.Provider == HostingProvider.ThisProvider
            ? null
            : new(Id, "Hosted by another service provider: apply on the filing platform of your service provider.");
}

public sealed class RegionRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Region;
    public string Requirement => "The region is in mainland China.";
    public string Failure => "The region is not in mainland China.";

    public Ineligibility? Check(EligibilityContext context) => context.Settings.Regions.Find(context.Instance.Region) switch
    {
        null => new(Id, "Region {0} is not one of this provider's regions.", context.Instance.Region),
        { Mainland: false } => new(Id, "Region {0} is outside mainland China: no ICP filing is needed there.", context.Instance.Region),
        _ => null,
    };
}

public sealed class BillingRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Billing;
    public string Requirement => "The billing method is subscription.";
    public string Failure => "The billing method is pay-as-you-go.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Instance.Billing == BillingMethod.Subscription
            ? null
            : new(Id, "Pay-as-you-go instances are not supported.");
}

public sealed class PurchasePeriodRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.PurchasePeriod;
    public string Requirement => "The purchased subscription period (renewals included) meets the type's minimum.";
    public string Failure => "The purchased period is shorter than the type's minimum.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Instance.PurchasedMonths >= context.TypePolicy.MinimumPurchaseMonths
            ? null
            : new(Id, "Purchased period is {0} month(s); this type needs at least {1} months.",
                context.Instance.PurchasedMonths, context.TypePolicy.MinimumPurchaseMonths);
}

public sealed class RemainingPeriodRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.RemainingPeriod;
    public string Requirement => "At least 3 months of subscription remain (or the type's minimum when shorter).";
    public string Failure => "Too little of the subscription remains.";

    public Ineligibility? Check(EligibilityContext context)
    {
        // Months are counted on the China calendar: "three months from now" is a date there.
        var months = context.Settings.RemainingMonthsFor(context.TypePolicy);
        return context.Instance.ExpiresAt >= context.Settings.Calendar.AddMonths(context.UtcNow, months)
            ? null
            : new(Id, "Less than {0} months of subscription remain: renew the subscription to meet the requirements.", months);
    }
}

public sealed class PublicIpRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.PublicIp;
    public string Requirement => "The instance has a public IP address.";
    public string Failure => "The instance has no public IP address.";

    public Ineligibility? Check(EligibilityContext context) => context.Instance.PublicIps switch
    {
        [] => new(Id, "No available IPs for this instance."),
        var addresses when !addresses.Any(PublicAddresses.IsPublic) =>
            new(Id, "No public IP: {0} is not a public address.", string.Join(", ", addresses)),
        _ => null,
    };
}

public sealed class RunningRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Running;
    public string Requirement => "The instance is running: not expired, stopped for overdue payment or released.";
    public string Failure => "The instance is not running: expired, stopped for overdue payment or released.";

    public Ineligibility? Check(EligibilityContext context) => context.Instance.Status switch
    {
        InstanceStatus.Released => new(Id, "The instance has been released."),
        InstanceStatus.Expired => new(Id, "The instance has expired."),
        _ when context.Instance.ExpiresAt <= context.UtcNow => new(Id, "The instance has expired."),
        InstanceStatus.Stopped => new(Id, "The instance is stopped for overdue payment."),
        _ => null,
    };
}

public sealed class TrialRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Trial;
    public string Requirement => "The instance is not a trial product.";
    public string Failure => "The instance is a trial product.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Instance.IsTrial ? new(Id, "Trial products are not supported.") : null;
}

public sealed class OrderAmountRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.OrderAmount;
    public string Requirement => "The order amount meets the type's minimum, where the type has one.";
    public string Failure => "The order amount is below the type's minimum.";

    public Ineligibility? Check(EligibilityContext context)
    {
        var minimum = context.TypePolicy.MinimumOrderAmount;
        if (minimum is null || (context.Instance.OrderAmount ?? 0m) >= minimum)
        {
            return null;
        }

        return new(Id, "The order amount is below RMB {0}.", minimum.Value);
    }
}

public sealed class QuotaRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Quota;
    public string Requirement => "The quota of service identification numbers is not used up.";
    public string Failure => "The quota of service identification numbers is used up.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Quota.IsUsedUp
            ? new(Id, "Quota used up ({0}/{1}).", context.Quota.Used, context.Quota.Total)
            : null;
}

public sealed class HoldRule : IEligibilityRule
{
    public EligibilityRuleId Id => EligibilityRuleId.Hold;
    public string Requirement => "The instance is not on hold by support staff.";
    public string Failure => "The instance is on hold by support staff.";

    public Ineligibility? Check(EligibilityContext context) =>
        context.Instance.OnHold ? new(Id, "Under review by support.") : null;
}
