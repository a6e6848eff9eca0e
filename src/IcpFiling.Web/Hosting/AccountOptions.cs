namespace IcpFiling.Web.Hosting;

/// <summary>Section <c>Accounts</c>. Accounts normally come with the cloud account, so sign-up is off by default.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    public bool AllowSelfRegistration { get; set; }
}

/// <summary>Section <c>Demo</c>: seed demo accounts and instances into an empty database (development only).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool SeedData { get; set; }
}
