using Microsoft.AspNetCore.Identity;

namespace IcpFiling.Core.Accounts;

/// <summary>A cloud account that signs in to the console.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>The reseller whose customer this account is, if any.</summary>
    public string? ResellerId { get; set; }
}
