namespace IcpFiling.Core.Eligibility;

/// <summary>One condition an instance must meet before it gets a number.</summary>
public interface IEligibilityRule
{
    EligibilityRuleId Id { get; }

    /// <summary>What the rule requires, in English (also the localization key).</summary>
    string Requirement { get; }

    /// <summary>The rule's failure in general, without the instance's figures ("not in mainland China"), for tallies of refusals; English, the localization key.</summary>
    string Failure { get; }

    /// <summary>Null when the rule holds; otherwise why not.</summary>
    Ineligibility? Check(EligibilityContext context);
}
