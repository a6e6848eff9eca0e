using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

/// <summary>Rule 7: at least one globally routable unicast address (docs/RULES.md).</summary>
public sealed class PublicIpRuleTests
{
    private readonly PublicIpRule _rule = new();

    [Theory]
    [InlineData("47.96.12.34")]
    [InlineData("1.1.1.1")]
    [InlineData("240e:3b7:3273:2b40::1")]
    [InlineData("2408:4001:f00::1")]
    public void Check_WhenAnAddressIsPublic_Passes(string ip)
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIps = [ip];

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenOneOfSeveralAddressesIsPublic_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIps = ["10.0.0.5", "fe80::1", "121.40.1.2"];

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenTheInstanceHasNoAddress_FailsWithProviderText()
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIps = [];

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.PublicIp, failure.Rule);
        Assert.Equal("No available IPs for this instance.", failure.ToEnglish());
    }

    [Fact]
    public void Check_WhenNoAddressIsPublic_FailsNamingTheAddresses()
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIps = ["192.168.1.10", "fd00::7"];

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal("No public IP: 192.168.1.10, fd00::7 is not a public address.", failure.ToEnglish());
    }

    [Theory]
    [InlineData("10.1.2.3", false)]            // RFC 1918
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]           // just past 172.16/12
    [InlineData("192.168.0.1", false)]
    [InlineData("127.0.0.1", false)]           // loopback
    [InlineData("169.254.10.10", false)]       // link-local
    [InlineData("100.64.0.1", false)]          // CGNAT 100.64/10
    [InlineData("100.127.255.254", false)]
    [InlineData("100.128.0.1", true)]          // just past CGNAT
    [InlineData("100.63.255.255", true)]       // just before CGNAT
    [InlineData("224.0.0.1", false)]           // multicast
    [InlineData("0.0.0.0", false)]             // unspecified
    [InlineData("255.255.255.255", false)]     // broadcast
    [InlineData("192.0.2.1", false)]           // documentation
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.7", false)]
    [InlineData("198.18.0.1", false)]          // benchmarking
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]                 // IPv6 loopback
    [InlineData("::", false)]                  // unspecified
    [InlineData("fe80::1", false)]             // link-local
    [InlineData("fc00::1", false)]             // unique local
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]             // multicast
    [InlineData("2001:db8::1", false)]         // documentation
    [InlineData("3fff::1", false)]
    [InlineData("2002:c000:0204::1", false)]   // 6to4
    [InlineData("::ffff:10.0.0.1", false)]     // IPv4-mapped private
    [InlineData("::ffff:8.8.8.8", true)]       // IPv4-mapped public
    [InlineData("2400:3200::1", true)]
    public void IsPublic_KnowsEachRange(string address, bool expected) =>
        Assert.Equal(expected, PublicAddresses.IsPublic(address));

    [Theory]
    [InlineData(" 47.96.12.34 ", "47.96.12.34")]
    [InlineData("240E:3B7::1", "240e:3b7::1")]
    [InlineData("10.1", null)]                 // short forms some parsers accept
    [InlineData("010.1.1.1", null)]            // leading zeros (octal to some parsers)
    [InlineData("1.2.3.4.5", null)]
    [InlineData("fe80::1%eth0", null)]         // zone ids are not addresses of an instance
    [InlineData("example.com", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_AcceptsOnlyPlainAddresses(string? input, string? expected) =>
        Assert.Equal(expected, PublicAddresses.Normalize(input));
}
