using System.Security.Claims;
using System.Text.Encodings.Web;
using IcpFiling.Core.Inventory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Api;

/// <summary>
/// The API's only way in: <c>Authorization: Bearer icpk_…</c>, an API client's key. Cookies never authenticate
/// the API (no CSRF surface), and keys never authenticate the console's pages. A missing, wrong or revoked key
/// is a 401 and an out-of-scope one a 403, both as problem details that say nothing about the key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiClients clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await clients.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, caller.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, caller.Name),
            .. caller.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required.",
            "Send an API client's key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key does not allow this.", "Ask for a client with the scope this call needs.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail }).ExecuteAsync(Context);
    }
}

/// <summary>The API's authorization policies: one per scope, on the API key scheme only.</summary>
internal static class ApiPolicies
{
    public const string InventoryWrite = ApiScopes.InventoryWrite;
    public const string InventoryRead = ApiScopes.InventoryRead;

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
        }
    }
}
