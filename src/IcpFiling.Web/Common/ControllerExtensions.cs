using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web;

internal static class ControllerExtensions
{
    /// <summary>The signed-in account's ID; controllers behind [Authorize] always have one.</summary>
    public static string AccountId(this ControllerBase controller) =>
        controller.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("An authorized request has no account ID claim.");
}
