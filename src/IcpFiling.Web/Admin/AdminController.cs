using IcpFiling.Core.Accounts;
using IcpFiling.Web.Admin.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Admin;

/// <summary>The administrators' start page: the counts that matter and a way to each administration page.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin")]
public sealed class AdminController(AdminOverview overview, MailSender mail) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/Admin/Index.cshtml", new AdminHomeModel(await overview.CountAsync(cancellationToken), mail.IsConfigured));
}
