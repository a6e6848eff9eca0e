using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// One global limiter: POSTs to the sign-in and password pages per client address, every other POST per signed-in
/// account; GETs and the error page are never limited. A refused request gets 429 with Retry-After, and the
/// status-code page tells the person how long to wait.
/// </summary>
internal static class RateLimiting
{
    /// <summary>HttpContext.Items key: the seconds until a refused request may be tried again (read by the error page).</summary>
    public const string RetryAfterItem = "IcpFiling.RetryAfterSeconds";

    /// <summary>Pages that take a password: guessed at by address, not by account (the guesser has none).</summary>
    private static readonly string[] PasswordPages =
    [
        "/Identity/Account/Login",
        "/Identity/Account/Manage/ChangePassword",
        "/Identity/Account/LoginWith2fa",
        "/Identity/Account/LoginWithRecoveryCode",
        "/Identity/Account/Manage/EnableAuthenticator",
        "/Identity/Account/Register",
        // Each forgot-password POST may send a mail; each set-password POST checks a token and a password.
        "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResetPassword",
    ];

    public static IServiceCollection AddConsoleRateLimiting(this IServiceCollection services, SecurityOptions security)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, security));
            options.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : security.SignInRateLimit.WindowSeconds;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.Items[RetryAfterItem] = seconds;
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, SecurityOptions security)
    {
        var request = context.Request;
        // The API is not the console: it needs a key before anything runs, and its clients are the provider's systems.
        // A GET that costs like a command (an export reads every row) opts in with [AccountRateLimited].
        var limitedRead = context.GetEndpoint()?.Metadata.GetMetadata<AccountRateLimitedAttribute>() is not null;
        if ((!HttpMethods.IsPost(request.Method) && !limitedRead) || request.Path.StartsWithSegments("/error") || Api.ApiDocument.IsApi(request.Path))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        if (PasswordPages.Any(page => request.Path.Equals(page, StringComparison.OrdinalIgnoreCase)))
        {
            return FixedWindow($"address:{ClientAddress(context)}", security.SignInRateLimit);
        }

        // Signing out must always work.
        if (request.Path.Equals("/Identity/Account/Logout", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var account = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return account is null
            ? FixedWindow($"anonymous:{ClientAddress(context)}", security.CommandRateLimit)
            : FixedWindow($"account:{account}", security.CommandRateLimit);
    }

    /// <summary>The client's address, as the forwarded-headers middleware has established it.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> FixedWindow(string key, RateLimitOptions limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

/// <summary>A console GET that shares the per-account command limit (Security:CommandRateLimit), such as a CSV export of every row.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AccountRateLimitedAttribute : Attribute;
