using System.Globalization;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.Support;
using IcpFiling.Web.Seeding;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcpFiling.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>Everything the console registers and the order its middleware runs in.</summary>
internal static class ConsoleSetup
{
    /// <summary>English now; Simplified Chinese joins by adding Resources/SharedResource.zh-Hans.resx.</summary>
    private static readonly CultureInfo[] SupportedCultures = [new("en"), new("zh-Hans")];

    public static WebApplicationBuilder AddIcpFilingConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var dataDirectory = configuration.GetDatabaseOptions().ResolveDataDirectory(builder.Environment.ContentRootPath);

        services.AddIcpFilingLogging(configuration, dataDirectory);
        services.AddIcpFilingDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddDataProtection().SetApplicationName("IcpFiling").PersistKeysToDbContext<IcpFilingDbContext>();

        services.AddOptions<InstanceTypeOptions>().Bind(configuration.GetSection(InstanceTypeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InstanceTypeOptions>, InstanceTypeOptionsValidator>();
        services.AddOptions<RegionOptions>().Bind(configuration.GetSection(RegionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegionOptions>, RegionOptionsValidator>();
        services.Configure<TimeOptions>(configuration.GetSection(TimeOptions.SectionName));
        services.AddSingleton(sp => ChinaCalendar.For(sp.GetRequiredService<IOptions<TimeOptions>>().Value));
        services.Configure<LifecycleOptions>(configuration.GetSection(LifecycleOptions.SectionName));
        services.AddHostedService<LifecycleSweepService>();
        services.AddSingleton<ConsoleTime>();
        services.Configure<AccountOptions>(configuration.GetSection(AccountOptions.SectionName));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.SectionName));
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddIcpFilingCore();
        services.AddScoped<DemoSeeder>();

        services.AddDefaultIdentity<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IcpFilingDbContext>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.Cookie.Name = "IcpFiling.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in user without the role gets a real 403 (rendered by the status code page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(options => options.Cookie.Name = "IcpFiling.Antiforgery");

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAuthorization(ApiPolicies.Add);
        services.AddProblemDetails();
        services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
        });

        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddJsonOptions(options => options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        var allowSelfRegistration = configuration.GetSection(AccountOptions.SectionName).Get<AccountOptions>()?.AllowSelfRegistration ?? false;
        services.AddRazorPages(options =>
        {
            if (!allowSelfRegistration)
            {
                foreach (var page in new[] { "/Account/Register", "/Account/RegisterConfirmation", "/Account/ExternalLogin" })
                {
                    options.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new NotFoundPageFilter()));
                }
            }
        });

        services.AddHealthChecks().AddDbContextCheck<IcpFilingDbContext>("database", tags: ["ready"]);

        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var database = app.Configuration.GetDatabaseOptions();
        if (database.MigrateOnStartup)
        {
            await app.Services.MigrateDatabaseAsync(cancellationToken);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.EnsureRolesAsync(cancellationToken);
        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.SeedData)
        {
            await seeder.SeedDemoDataAsync(cancellationToken);
        }
    }

    public static WebApplication UseIcpFilingPipeline(this WebApplication app)
    {
        app.UseIcpFilingRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }

        // The API answers problem details of its own; the console's pages get the console's error page.
        app.UseWhen(context => !ApiDocument.IsApi(context.Request.Path), console => console.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(context => ApiDocument.IsApi(context.Request.Path), api => api.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers();
        app.MapApiDocument();
        app.MapRazorPages();
        return app;
    }
}
