using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Identity's security stamp check, entered only when it is due. Identity's own entry point resolves the validator,
/// and with it the sign-in and user managers and their store, on every request, only to find that the cookie is younger
/// than the validation interval; that was a tenth of a page's allocations. The rule is Identity's: a cookie without an
/// issue time, or older than the interval, is checked against the account's stamp.
/// </summary>
internal static class SecurityStampCheck
{
    public static Task WhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now.Subtract(issued) <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
