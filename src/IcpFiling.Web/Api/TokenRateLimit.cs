using System.Globalization;
using System.Threading.RateLimiting;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Api;

/// <summary>
/// A fixed window per token (Security:TokenRateLimit). It runs after the token is verified, so a window belongs to
/// a real token and guessed tokens cannot fill the limiter; a refused call is a 429 problem with Retry-After.
/// </summary>
internal sealed class TokenRateLimiter(IOptions<SecurityOptions> security) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(token =>
        RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = security.Value.TokenRateLimit.PermitLimit,
            Window = TimeSpan.FromSeconds(security.Value.TokenRateLimit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public RateLimitLease Acquire(string tokenId) => _limiter.AttemptAcquire(tokenId);

    public int WindowSeconds => security.Value.TokenRateLimit.WindowSeconds;

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Applies <see cref="TokenRateLimiter"/> to every action of a token controller.</summary>
internal sealed class TokenRateLimitFilter(TokenRateLimiter limiter, IStringLocalizer<SharedResource> localizer) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var tokenId = context.HttpContext.User.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value;
        if (tokenId is null)
        {
            await next();
            return;
        }

        using var lease = limiter.Acquire(tokenId);
        if (!lease.IsAcquired)
        {
            var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : limiter.WindowSeconds;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.Result = new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ApiProblems.RateLimited,
                Title = localizer["Too many requests with this token."],
                Detail = localizer["Try again in {0} seconds.", seconds],
            })
            { StatusCode = StatusCodes.Status429TooManyRequests, ContentTypes = { "application/problem+json" } };
            return;
        }

        await next();
    }
}
