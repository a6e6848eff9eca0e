using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class EligibilityEvaluatorTests
{
    [Theory]
    [InlineData(InstanceType.Ecs)]
    [InlineData(InstanceType.SimpleApplicationServer)]
    [InlineData(InstanceType.CloudWebHosting)]
    [InlineData(InstanceType.ElasticWebHosting)]
    [InlineData(InstanceType.Marketplace)]
    [InlineData(InstanceType.NatGateway)]
    [InlineData(InstanceType.Ipv6Translation)]
    [InlineData(InstanceType.Ens)]
    public void Default_WhenInstanceIsFullyQualified_HasNoFailures(InstanceType type)
    {
        var verdict = EligibilityEvaluator.Default.Evaluate(TestData.Context(TestData.QualifiedInstance(type)));

        Assert.True(verdict.IsEligible);
        Assert.Empty(verdict.Failures);
        Assert.All(verdict.Outcomes, outcome => Assert.True(outcome.Passed));
    }

    [Fact]
    public void Default_RunsOneRulePerConditionOfTheRulebook_InTheirShownOrder()
    {
        var verdict = EligibilityEvaluator.Default.Evaluate(TestData.Context(TestData.QualifiedInstance()));

        Assert.Equal(Enum.GetValues<EligibilityRuleId>(), verdict.Outcomes.Select(o => o.Rule.Id));
        Assert.All(verdict.Outcomes, outcome => Assert.False(string.IsNullOrWhiteSpace(outcome.Rule.Requirement)));
    }

    [Fact]
    public void EveryRule_HasAFailureWording_ThatSaysWhatIsWrong_NotWhatIsRequired()
    {
        var rules = EligibilityEvaluator.Default.Evaluate(TestData.Context(TestData.QualifiedInstance())).Outcomes.Select(o => o.Rule).ToList();

        Assert.All(rules, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Failure)));
        Assert.All(rules, rule => Assert.NotEqual(rule.Requirement, rule.Failure));
        Assert.Equal(rules.Count, rules.Select(r => r.Failure).Distinct().Count());
        Assert.Equal("The region is not in mainland China.", EligibilityEvaluator.Default.FailureOf(EligibilityRuleId.Region));
    }

    [Fact]
    public void Default_WhenThreeRulesFail_ListsExactlyThoseThree()
    {
        var instance = TestData.QualifiedInstance();
        instance.Billing = BillingMethod.PayAsYouGo;
        instance.IsTrial = true;
        instance.OnHold = true;

        var verdict = EligibilityEvaluator.Default.Evaluate(TestData.Context(instance));

        Assert.False(verdict.IsEligible);
        Assert.Equal(
            [EligibilityRuleId.Billing, EligibilityRuleId.Trial, EligibilityRuleId.Hold],
            verdict.Failures.Select(f => f.Rule));
        Assert.Equal(9, verdict.Outcomes.Count(o => o.Passed));
    }

    [Fact]
    public void Default_WhenOnlyTheQuotaIsUsedUp_ListsOnlyTheQuota()
    {
        var instance = TestData.QualifiedInstance();

        var verdict = EligibilityEvaluator.Default.Evaluate(
            TestData.Context(instance, quota: new QuotaUsage("instance:" + instance.InstanceId, 5, 5)));

        var failure = Assert.Single(verdict.Failures);
        Assert.Equal(EligibilityRuleId.Quota, failure.Rule);
    }

    [Fact]
    public void Default_WhenEverythingIsWrong_ListsEveryRule()
    {
        var instance = TestData.QualifiedInstance(InstanceType.Marketplace);
        instance.Provider = HostingProvider.OtherProvider;
        instance.Region = "us-east-1";
        instance.Billing = BillingMethod.PayAsYouGo;
        instance.PurchasedMonths = 1;
        instance.ExpiresAt = TestData.Now.AddDays(-3);
        instance.PublicIps = [];
        instance.Status = InstanceStatus.Released;
        instance.IsTrial = true;
        instance.OrderAmount = 10m;
        instance.OnHold = true;

        var verdict = EligibilityEvaluator.Default.Evaluate(TestData.Context(
            instance,
            accountId: TestData.OtherAccount,
            quota: new QuotaUsage("instance:" + instance.InstanceId, 1, 1)));

        Assert.Equal(Enum.GetValues<EligibilityRuleId>(), verdict.Failures.Select(f => f.Rule));
        Assert.DoesNotContain(verdict.Outcomes, o => o.Passed);
    }

    [Fact]
    public void Evaluate_OrdersOutcomesByRuleId_WhateverOrderTheRulesAreGiven()
    {
        var evaluator = new EligibilityEvaluator([new HoldRule(), new QuotaRule(), new OwnerRule()]);

        var verdict = evaluator.Evaluate(TestData.Context(TestData.QualifiedInstance()));

        Assert.Equal(
            [EligibilityRuleId.Owner, EligibilityRuleId.Quota, EligibilityRuleId.Hold],
            verdict.Outcomes.Select(o => o.Rule.Id));
    }

    [Fact]
    public void Verdict_FailuresKeepEachFailedRulesOwnReason()
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIps = [];
        instance.Status = InstanceStatus.Stopped;

        var verdict = EligibilityEvaluator.Default.Evaluate(TestData.Context(instance));

        Assert.Equal(
            ["No available IPs for this instance.", "The instance is stopped for overdue payment."],
            verdict.Failures.Select(f => f.ToEnglish()));
    }
}
