using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class OwnerRuleTests
{
    private readonly OwnerRule _rule = new();

    [Fact]
    public void Check_WhenAccountPurchasedTheInstance_Passes()
    {
        var instance = TestData.QualifiedInstance();

        Assert.Null(_rule.Check(TestData.Context(instance, accountId: TestData.Owner)));
    }

    [Fact]
    public void Check_WhenAccountIsNotTheOwner_FailsWithProviderErrorText()
    {
        var instance = TestData.QualifiedInstance();

        var failure = _rule.Check(TestData.Context(instance, accountId: TestData.OtherAccount));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Owner, failure.Rule);
        Assert.Equal("The binding account is not the instance owner.", failure.ToEnglish());
    }

    [Fact]
    public void Check_ComparesAccountIdsExactly_SoADifferentlyCasedIdIsAnotherAccount()
    {
        var instance = TestData.QualifiedInstance();

        var failure = _rule.Check(TestData.Context(instance, accountId: TestData.Owner.ToUpperInvariant()));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Owner, failure.Rule);
    }
}
