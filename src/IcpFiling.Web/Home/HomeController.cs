using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Home;

public sealed class HomeController : Controller
{
    /// <summary>Owners land on ICP No. Application, resellers on Issued numbers, support on Instances, administrators on Administration; others see what the console offers them.</summary>
    [HttpGet("/")]
    public IActionResult Index() =>
        User.IsInRole(Roles.Owner) ? RedirectToAction("Index", "Application")
        : User.IsInRole(Roles.Reseller) ? RedirectToAction("Numbers", "Resellers")
        : User.IsInRole(Roles.Support) ? RedirectToAction("Index", "Support")
        : User.IsInRole(Roles.Admin) ? RedirectToAction("Index", "Admin")
        : View();

    /// <summary>
    /// The page for an error status (400, 403, 404, 413, 429, 500); the status code is kept. It is re-executed
    /// with the failed request's method and body, so it binds nothing but its route value (the body may be what failed).
    /// Requested by its address it is no page: a 404, so a visitor can neither fake an error nor write one to the log.
    /// </summary>
    [AllowAnonymous]
    [Route("/error/{statusCode:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error([FromRoute] int statusCode)
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerFeature>() is null)
        {
            return NotFound();
        }

        var code = statusCode is >= 400 and <= 599 ? statusCode : 500;
        Response.StatusCode = code;
        if (code == StatusCodes.Status429TooManyRequests && HttpContext.Items[RateLimiting.RetryAfterItem] is int seconds)
        {
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ViewData["RetryAfterSeconds"] = seconds;
        }

        return View("StatusCode", code);
    }
}
