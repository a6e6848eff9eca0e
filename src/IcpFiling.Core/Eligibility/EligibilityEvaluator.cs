namespace IcpFiling.Core.Eligibility;

/// <summary>The outcome of one rule, for the support review that lists all of them.</summary>
public sealed record RuleOutcome(IEligibilityRule Rule, Ineligibility? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>Every rule's outcome; the instance qualifies only when none failed.</summary>
public sealed record EligibilityVerdict(IReadOnlyList<RuleOutcome> Outcomes)
{
    public bool IsEligible => Outcomes.All(o => o.Passed);

    public IReadOnlyList<Ineligibility> Failures { get; } =
        [.. Outcomes.Where(o => !o.Passed).Select(o => o.Failure!)];
}

/// <summary>Runs all rules and reports every failure, not just the first.</summary>
public sealed class EligibilityEvaluator(IEnumerable<IEligibilityRule> rules)
{
    public static EligibilityEvaluator Default { get; } = new(
    [
        new OwnerRule(), new ProviderRule(), new RegionRule(), new BillingRule(),
        new PurchasePeriodRule(), new RemainingPeriodRule(), new PublicIpRule(), new RunningRule(),
        new TrialRule(), new OrderAmountRule(), new QuotaRule(), new HoldRule(),
    ]);

    private readonly IReadOnlyList<IEligibilityRule> _rules = [.. rules.OrderBy(r => r.Id)];

    /// <summary>What the rule with <paramref name="id"/> requires, in English (the localization key).</summary>
    public string RequirementOf(EligibilityRuleId id) => _rules.First(r => r.Id == id).Requirement;

    /// <summary>How the rule with <paramref name="id"/> fails, in English (the localization key): what a tally of refusals names.</summary>
    public string FailureOf(EligibilityRuleId id) => _rules.First(r => r.Id == id).Failure;

    public EligibilityVerdict Evaluate(EligibilityContext context) =>
        new([.. _rules.Select(rule => new RuleOutcome(rule, rule.Check(context)))]);
}
