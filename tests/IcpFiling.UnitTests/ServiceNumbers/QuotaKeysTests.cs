using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

public sealed class QuotaKeysTests
{
    [Theory]
    [InlineData(InstanceType.Ecs)]
    [InlineData(InstanceType.SimpleApplicationServer)]
    [InlineData(InstanceType.CloudWebHosting)]
    [InlineData(InstanceType.Marketplace)]
    [InlineData(InstanceType.NatGateway)]
    [InlineData(InstanceType.Ipv6Translation)]
    [InlineData(InstanceType.Ens)]
    public void For_WhenQuotaIsPerInstance_IsTheInstancesOwnKey(InstanceType type)
    {
        var instance = TestData.QualifiedInstance(type, "i-first");

        Assert.Equal("instance:i-first", QuotaKeys.For(instance, TestData.RuleFor(type)));
    }

    [Fact]
    public void For_WhenQuotaIsPerInstance_TwoInstancesOfOneOwnerHaveDifferentKeys()
    {
        var rule = TestData.RuleFor(InstanceType.Ecs);

        Assert.NotEqual(
            QuotaKeys.For(TestData.QualifiedInstance(InstanceType.Ecs, "i-a"), rule),
            QuotaKeys.For(TestData.QualifiedInstance(InstanceType.Ecs, "i-b"), rule));
    }

    [Fact]
    public void For_WhenQuotaIsPerAccount_AllOfTheOwnersInstancesOfTheTypeShareOneKey()
    {
        var rule = TestData.RuleFor(InstanceType.ElasticWebHosting);
        var a = TestData.QualifiedInstance(InstanceType.ElasticWebHosting, "ewh-a");
        var b = TestData.QualifiedInstance(InstanceType.ElasticWebHosting, "ewh-b");

        Assert.Equal(QuotaKeys.For(a, rule), QuotaKeys.For(b, rule));
        Assert.Equal($"account:{TestData.Owner}:ElasticWebHosting", QuotaKeys.For(a, rule));
    }

    [Fact]
    public void For_WhenQuotaIsPerAccount_AnotherOwnerHasAnotherKey()
    {
        var rule = TestData.RuleFor(InstanceType.ElasticWebHosting);
        var mine = TestData.QualifiedInstance(InstanceType.ElasticWebHosting, "ewh-mine");
        var theirs = new Instance
        {
            InstanceId = "ewh-theirs",
            Name = "theirs",
            Type = InstanceType.ElasticWebHosting,
            OwnerId = TestData.OtherAccount,
            Region = "cn-shanghai",
        };

        Assert.NotEqual(QuotaKeys.For(mine, rule), QuotaKeys.For(theirs, rule));
    }

    [Fact]
    public void For_KeyFitsTheColumn_ForTheLongestInstanceIdAndAGuidAccountId()
    {
        var longest = TestData.QualifiedInstance(InstanceType.Ecs, new string('i', Instance.InstanceIdMaxLength));
        var shared = TestData.QualifiedInstance(InstanceType.ElasticWebHosting);

        Assert.True(QuotaKeys.For(longest, TestData.RuleFor(InstanceType.Ecs)).Length <= ServiceNumber.QuotaKeyMaxLength);
        Assert.True(QuotaKeys.For(shared, TestData.RuleFor(InstanceType.ElasticWebHosting)).Length <= ServiceNumber.QuotaKeyMaxLength);
    }

    [Fact]
    public void TotalFor_WithoutOverride_IsTheTypesQuota()
    {
        var instance = TestData.QualifiedInstance(InstanceType.NatGateway);

        Assert.Equal(2, QuotaKeys.TotalFor(instance, TestData.RuleFor(InstanceType.NatGateway)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    [InlineData(0)]
    public void TotalFor_WhenQuotaIsPerInstance_SupportsOverrideReplacesTheTypesQuota(int overridden)
    {
        var instance = TestData.QualifiedInstance(InstanceType.Ecs);
        instance.QuotaOverride = overridden;

        Assert.Equal(overridden, QuotaKeys.TotalFor(instance, TestData.RuleFor(InstanceType.Ecs)));
    }

    [Fact]
    public void TotalFor_WhenQuotaIsPerAccount_IgnoresAnInstanceOverride()
    {
        var instance = TestData.QualifiedInstance(InstanceType.ElasticWebHosting);
        instance.QuotaOverride = 9;

        Assert.Equal(5, QuotaKeys.TotalFor(instance, TestData.RuleFor(InstanceType.ElasticWebHosting)));
    }
}
