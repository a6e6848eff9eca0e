using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Api;

/// <summary>
/// The API's reference page: every operation, its parameters, bodies and answers, read from the OpenAPI
/// document by a script of our own, so it renders under the console's strict Content-Security-Policy.
/// </summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ApiReferenceController : Controller
{
    [HttpGet("/api/reference")]
    public IActionResult Index() => View("~/Views/Api/Reference.cshtml");
}
