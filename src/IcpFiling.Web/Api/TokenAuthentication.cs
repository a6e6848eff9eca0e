using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Api;

/// <summary>
/// Owners and resellers on the API: <c>Authorization: Bearer icpt_…</c>, a personal access token. A scheme of its
/// own, separate from the provider's API keys: only the token endpoints ask for it, so a token never opens a console
/// page (they authenticate by cookie) and a cookie never opens these endpoints (no CSRF surface).
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PersonalAccessTokens tokens,
    IStringLocalizer<SharedResource> localizer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "token_id";
    public const string TokenNameClaim = "token_name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await tokens.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, caller.AccountId),
            new(TokenIdClaim, caller.TokenId.ToString(CultureInfo.InvariantCulture)),
            new(TokenNameClaim, caller.TokenName),
            .. caller.Role is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.Role, caller.Role)],
            .. caller.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized,
            localizer["A personal access token is required."],
            localizer["Send a valid, unexpired token as 'Authorization: Bearer icpt_…'. Tokens are made on your account's Tokens page."]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiProblems.Forbidden,
            localizer["The token does not allow this."], localizer["Make a token with the scope this call needs."]);
}

/// <summary>One policy per token scope, on the token scheme only (a cookie or an API client's key does not satisfy it).</summary>
internal static class TokenPolicies
{
    public const string NumbersRead = "token:" + TokenScopes.NumbersRead;
    public const string NumbersApply = "token:" + TokenScopes.NumbersApply;
    public const string NumbersGrant = "token:" + TokenScopes.NumbersGrant;
    public const string CustomersRead = "token:" + TokenScopes.CustomersRead;

    public static void Add(AuthorizationOptions options)
    {
        foreach (var scope in TokenScopes.All)
        {
            options.AddPolicy("token:" + scope, policy => policy
                .AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(TokenAuthenticationHandler.ScopeClaim, scope));
        }
    }
}
