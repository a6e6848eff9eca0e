using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Localization;

/// <summary>The header's language switcher: remembers the choice in a cookie and goes back to the page it came from.</summary>
[AllowAnonymous]
[Route("language")]
public sealed class LanguageController : Controller
{
    [HttpPost("")]
    public IActionResult Set([FromForm] string? culture, [FromForm] string? returnUrl)
    {
        if (!ConsoleLanguages.IsSupported(culture))
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.Add(ConsoleLanguages.CookieLifetime),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "~/");
    }
}
