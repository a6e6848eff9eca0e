using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Core.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.Core;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the domain's services: the change path, the commands and the queries. The host adds the
    /// DbContext, a <see cref="TimeProvider"/>, the <see cref="ChinaCalendar"/> and the options (instance types,
    /// regions, support).
    /// </summary>
    public static IServiceCollection AddIcpFilingCore(this IServiceCollection services)
    {
        services.AddSingleton<InstanceTypeCatalog>();
        services.AddSingleton<RegionCatalog>();
        services.AddScoped<ChangeRunner>();
        services.AddScoped<InstanceStandings>();

        services.AddScoped<ServiceNumberIssuer>();
        services.AddScoped<BatchApplication>();
        services.AddScoped<BatchResults>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddScoped<RestrictionCommands>();
        services.AddScoped<FilingCommands>();
        services.AddScoped<SupportCommands>();
        services.AddScoped<InventoryCommands>();
        services.AddScoped<InstanceLifecycle>();
        services.AddScoped<ApiClients>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<AccountProvisioningCommands>();
        services.AddScoped<AccountAccessCommands>();
        services.AddScoped<ResellerLinkCommands>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<AdminOverview>();
        services.AddScoped<AuditSearch>();

        services.AddScoped<OwnerInstancesQuery>();
        services.AddScoped<AccountNumbersQuery>();
        services.AddScoped<AccountFilingsQuery>();
        services.AddScoped<AuditHistoryQuery>();
        services.AddScoped<SupportInstancesQuery>();
        services.AddScoped<ResellerQuery>();
        services.AddScoped<InventoryQuery>();
        return services;
    }
}
