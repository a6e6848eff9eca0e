using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Instances;

public sealed class InstanceTypeOptionsValidatorTests
{
    private readonly InstanceTypeOptionsValidator _validator = new();

    [Fact]
    public void Validate_WhenTableHasEveryTypeWithSaneValues_Succeeds()
    {
        var result = _validator.Validate(null, TestData.DomainTable());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_WhenATypeIsMissing_FailsNamingIt()
    {
        var options = TestData.DomainTable();
        options.Types.Remove(InstanceType.NatGateway);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(["InstanceTypes:Types:NatGateway is missing."], result.Failures);
    }

    [Fact]
    public void Validate_WhenTableIsEmpty_FailsOncePerType()
    {
        var result = _validator.Validate(null, new InstanceTypeOptions());

        Assert.True(result.Failed);
        Assert.Equal(Enum.GetValues<InstanceType>().Length, result.Failures!.Count());
    }

    [Fact]
    public void Validate_WhenQuotaIsZero_FailsNamingTypeAndField()
    {
        var options = TestData.DomainTable();
        options.Types[InstanceType.Ecs].Quota = 0;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("InstanceTypes:Types:Ecs:", failure, StringComparison.Ordinal);
        Assert.Contains("Quota", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenMinimumPurchaseMonthsIsZero_Fails()
    {
        var options = TestData.DomainTable();
        options.Types[InstanceType.Ens].MinimumPurchaseMonths = 0;

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("MinimumPurchaseMonths", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenDisplayNameIsEmpty_Fails()
    {
        var options = TestData.DomainTable();
        options.Types[InstanceType.Ipv6Translation].DisplayName = "";

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("InstanceTypes:Types:Ipv6Translation:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenMinimumOrderAmountIsNegative_Fails()
    {
        var options = TestData.DomainTable();
        options.Types[InstanceType.Marketplace].MinimumOrderAmount = -1m;

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("MinimumOrderAmount", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryBrokenTypeAtOnce()
    {
        var options = TestData.DomainTable();
        options.Types[InstanceType.Ecs].Quota = 0;
        options.Types.Remove(InstanceType.Ens);

        var result = _validator.Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
    }
}
