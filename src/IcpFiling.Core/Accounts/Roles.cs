namespace IcpFiling.Core.Accounts;

/// <summary>The console's roles. Names are stored in Identity, so they never change.</summary>
public static class Roles
{
    public const string Owner = nameof(Owner);
    public const string Reseller = nameof(Reseller);
    public const string Support = nameof(Support);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Owner, Reseller, Support, Admin];
}
