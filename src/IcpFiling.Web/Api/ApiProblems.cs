using Microsoft.AspNetCore.Mvc;

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

    /// <summary>The type of one refusal reason: <c>urn:icpfiling:problem:remaining-period</c> for the rule RemainingPeriod.</summary>
    public static string ForCode(string? code) =>
        code is null ? Refused : Base + string.Concat(code.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    public static Task WriteAsync(HttpContext context, int status, string type, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        return Results.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail }).ExecuteAsync(context);
    }
}
