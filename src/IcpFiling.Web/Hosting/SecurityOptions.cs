using System.ComponentModel.DataAnnotations;

namespace IcpFiling.Web.Hosting;

/// <summary>Section <c>Security</c>: request limits, rate limits, sign-in throttling and proxies (README, "Security").</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>The largest request body accepted (the console has no uploads); larger ones get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of the administrators' inventory import (a CSV of up to 10,000 rows), the one upload.</summary>
    public long MaxImportBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How often a signed-in request re-checks the account's security stamp: sign-out and a password change
    /// update the stamp, so a cookie copied before them stops working within this time. Zero checks every request.
    /// </summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Required]
    public RateLimitOptions SignInRateLimit { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    [Required]
    public RateLimitOptions CommandRateLimit { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Calls per personal access token on the owners' and resellers' API.</summary>
    [Required]
    public RateLimitOptions TokenRateLimit { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    [Required]
    public SignInThrottleOptions SignIn { get; set; } = new();

    [Required]
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitOptions
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }
}

/// <summary>
/// Failed sign-ins. One client address gets <see cref="FailuresPerAddress"/> wrong passwords for an account, then
/// that address is paused for the account; the account itself locks only after <see cref="AccountLockoutFailures"/>
/// failures in a row from anywhere, so one stranger cannot lock an owner out.
/// </summary>
public sealed class SignInThrottleOptions
{
    [Range(1, 1000)]
    public int FailuresPerAddress { get; set; } = 5;

    [Range(1, 1440)]
    public int AddressPauseMinutes { get; set; } = 15;

    [Range(1, 1000)]
    public int AccountLockoutFailures { get; set; } = 20;

    [Range(1, 1440)]
    public int AccountLockoutMinutes { get; set; } = 15;
}

/// <summary>Which reverse proxies may tell the console the client's address and scheme (X-Forwarded-For, X-Forwarded-Proto).</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. "10.0.0.5". Empty: only a proxy on loopback is trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
