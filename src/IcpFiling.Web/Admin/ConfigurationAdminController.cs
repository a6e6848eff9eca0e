using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Support;
using IcpFiling.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Admin;

public sealed record ConfigurationPageModel(
    IReadOnlyDictionary<InstanceType, InstanceTypePolicy> Types,
    int MinimumRemainingMonths,
    IReadOnlyDictionary<string, Region> Regions,
    SecurityOptions Security,
    int MaxQuotaOverride,
    TimeSpan LinkLifetime,
    bool MailConfigured);

/// <summary>The configuration in force, read-only: what owners are judged by (types, regions) and the limits the console enforces.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/configuration")]
public sealed class ConfigurationAdminController(
    InstanceTypeCatalog types,
    RegionCatalog regions,
    IOptionsMonitor<SecurityOptions> security,
    IOptionsMonitor<SupportOptions> support,
    IOptions<InvitationOptions> invitations,
    Mail.MailSender mail) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("~/Views/Admin/Configuration.cshtml", new ConfigurationPageModel(
        types.All, types.MinimumRemainingMonths, regions.All, security.CurrentValue, support.CurrentValue.MaxQuotaOverride,
        invitations.Value.LinkLifetime, mail.IsConfigured));
}
