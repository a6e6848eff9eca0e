namespace IcpFiling.Testing;

/// <summary>The development seed's accounts and a few of its instances (see DemoSeeder).</summary>
public static class DemoAccounts
{
    public const string Password = "IcpDemo#2026";
    public const string Owner = "owner@demo.test";
    public const string Owner2 = "owner2@demo.test";
    public const string Reseller = "reseller@demo.test";
    public const string Support = "support@demo.test";
    public const string Admin = "admin@demo.test";

    /// <summary>Qualified ECS instances of <see cref="Owner"/> with 0/5 used.</summary>
    public const string QualifiedEcs = "i-demo-ecs-web01";
    public const string QualifiedEcs2 = "i-demo-ecs-web02";
    public const string QuotaFullEcs = "i-demo-ecs-full";
    public const string PayAsYouGoEcs = "i-demo-ecs-payg";
    public const string OnHoldEcs = "i-demo-ecs-hold";
    public const string Owner2Ecs = "i-demo2-ecs-1";
}
