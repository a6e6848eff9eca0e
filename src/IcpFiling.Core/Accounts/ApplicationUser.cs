using Microsoft.AspNetCore.Identity;

namespace IcpFiling.Core.Accounts;

/// <summary>A cloud account that signs in to the console.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>The reseller whose customer this account is, if any.</summary>
    public string? ResellerId { get; set; }

    /// <summary>Suspended by the provider's systems: the account cannot sign in.</summary>
    public bool Suspended { get; set; }

    /// <summary>The source system's version of this account's data, when the account comes from it.</summary>
    public long? SourceVersion { get; set; }

    /// <summary>The last successful sign-in (UTC), for administrators.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>The language mail to the account is written in (<c>en</c> or <c>zh-Hans</c>); null for English.</summary>
    public string? Language { get; set; }
}
