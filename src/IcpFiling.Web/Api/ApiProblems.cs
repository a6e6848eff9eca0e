using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Api;

/// <summary>
/// The stable <c>type</c> of every problem the token API answers: one per refusal reason (the eligibility rule ids
/// of docs/RULES.md, kebab-cased) and one per kind of bad request. Clients branch on the type, never on the
/// (localized) title.
/// </summary>
internal static class ApiProblems
{
    public const string Base = "urn:icpfiling:problem:";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Invalid = Base + "invalid";
    public const string Refused = Base + "refused";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string IdempotencyKeyMissing = Base + "idempotency-key-missing";
    public const string RateLimited = Base + "rate-limited";
    public const string ServerError = Base + "server-error";

    /// <summary>The type of one refusal reason: <c>urn:icpfiling:problem:remaining-period</c> for the rule RemainingPeriod.</summary>
    public static string ForCode(string? code) =>
        code is null ? Refused : Base + string.Concat(code.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>An unexpected fault in an API call (outside Development): a 500 problem without the exception, in the caller's language.</summary>
    public static Task WriteFaultAsync(HttpContext context)
    {
        // The handler runs outside the localization middleware, which set the culture only for what it wraps.
        if (context.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            System.Globalization.CultureInfo.CurrentCulture = culture.RequestCulture.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }

        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return WriteAsync(context, StatusCodes.Status500InternalServerError, ServerError, localizer["Something went wrong"],
            localizer["The request could not be completed. Try again later; if it keeps failing, quote the request id {0}.", context.TraceIdentifier]);
    }

    public static Task WriteAsync(HttpContext context, int status, string type, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        return Results.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail }).ExecuteAsync(context);
    }
}
