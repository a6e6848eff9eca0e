using IcpFiling.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Home;

public sealed class HomeController : Controller
{
    /// <summary>Owners land on ICP No. Application, resellers on Issued numbers, support on Instances; others see what the console offers them.</summary>
    [HttpGet("/")]
    public IActionResult Index() =>
        User.IsInRole(Roles.Owner) ? RedirectToAction("Index", "Application")
        : User.IsInRole(Roles.Reseller) ? RedirectToAction("Numbers", "Resellers")
        : User.IsInRole(Roles.Support) ? RedirectToAction("Index", "Support")
        : View();

    /// <summary>The page for an error status (400, 403, 404, 500); the status code is kept.</summary>
    [AllowAnonymous]
    [Route("/error/{statusCode:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int statusCode)
    {
        var code = statusCode is >= 400 and <= 599 ? statusCode : 500;
        Response.StatusCode = code;
        return View("StatusCode", code);
    }
}
