using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.Support;
using IcpFiling.Web.Seeding;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcpFiling.Web.Admin;
using IcpFiling.Web.Api;
using IcpFiling.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>Everything the console registers and the order its middleware runs in.</summary>
internal static class ConsoleSetup
{
    public static WebApplicationBuilder AddIcpFilingConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var dataDirectory = configuration.GetDatabaseOptions().ResolveDataDirectory(builder.Environment.ContentRootPath);

        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // No "Server: Kestrel" banner; bodies over the limit are refused by Kestrel as they stream in.
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = security.MaxRequestBodyBytes;
        });
        services.AddRequestBodyLimits(security);
        services.AddConsoleRateLimiting(security);
        services.AddConsoleForwardedHeaders(security);
        services.AddSingleton<SignInThrottle>();

        services.AddIcpFilingLogging(configuration, dataDirectory);
        services.AddIcpFilingDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddConsoleDataProtection(configuration, builder.Environment);

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
        services.AddAdministration(configuration);
        services.AddSingleton<Activity.HistoryDescriber>();

        services.AddDefaultIdentity<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                // AddDefaultIdentity caps login and token keys at 128, which the model then takes from these options;
                // `dotnet ef` builds it without them. Uncapped, the migrations match the model the app runs
                // (SQL Server and PostgreSQL refused to start with "pending model changes" before).
                options.Stores.MaxLengthForKeys = 0;
                options.User.RequireUniqueEmail = true;
                // The account locks only after many failures from anywhere; one address is paused much sooner (SignInThrottle).
                options.Lockout.MaxFailedAccessAttempts = security.SignIn.AccountLockoutFailures;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.SignIn.AccountLockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IcpFilingDbContext>()
            .AddSignInManager<ConsoleSignInManager>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.Cookie.Name = "IcpFiling.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in user without the role gets a real 403 (rendered by the status code page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = SecurityStampCheck.WhenDueAsync;
        });
        // Sign-out and password changes update the security stamp; a cookie issued before them stops working.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = security.SecurityStampValidationInterval);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "IcpFiling.Antiforgery";
            // Secure whenever the request is https, as seen through the forwarded headers of a TLS proxy.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddSingleton<TokenRateLimiter>();
        services.AddSingleton<ConsoleLinks>();
        services.AddScoped<TokenRateLimitFilter>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAuthorization(ApiPolicies.Add);
        services.AddAuthorization(TokenPolicies.Add);
        services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, CachedStringLocalizerFactory>());
        services.Configure<RequestLocalizationOptions>(options =>
        {
            // The switcher's cookie first, then the browser's languages; English when neither names a supported one.
            options.DefaultRequestCulture = new RequestCulture(ConsoleLanguages.English);
            options.SupportedCultures = [.. ConsoleLanguages.Supported];
            options.SupportedUICultures = [.. ConsoleLanguages.Supported];
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(ConsoleLanguages.FromAcceptLanguage),
            ];
        });

        services.AddSingleton<IConfigureOptions<MvcOptions>, ModelBindingMessages>();
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                ApiRequestValidation.Add(options);
            })
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = ApiRequestValidation.Problem)
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
                // The serializer's messages are English and name .NET types: a bad value is worded by ApiRequestValidation.
                options.AllowInputFormatterExceptionMessages = false;
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        var allowSelfRegistration = configuration.GetSection(AccountOptions.SectionName).Get<AccountOptions>()?.AllowSelfRegistration ?? false;
        services.AddRazorPages(options => options.HideUnsupported(allowSelfRegistration));

        services.AddHealthChecks().AddDbContextCheck<IcpFilingDbContext>("database", tags: ["ready"]);
        services.PreloadKeyRingAfterStart();

        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var database = app.Configuration.GetDatabaseOptions();
        if (database.MigrateOnStartup)
        {
            await app.Services.MigrateDatabaseAsync(cancellationToken);
        }

        // Nodes starting together race to create the roles; the loser's unique index refusal means they exist now.
        for (var attempt = 1; ; attempt++)
        {
            await using var rolesScope = app.Services.CreateAsyncScope();
            try
            {
                await rolesScope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureRolesAsync(cancellationToken);
                break;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException) when (attempt < 3)
            {
            }
        }

        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.SeedData)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedDemoDataAsync(cancellationToken);
        }
    }

    public static WebApplication UseIcpFilingPipeline(this WebApplication app)
    {
        // First: everything after it (logging, HTTPS redirection, cookies, the rate limiter) sees the real client.
        app.UseForwardedHeaders();
        app.UseIcpFilingRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            // A fault is a 500 in the caller's format: problem details for the API, the console's page for the rest.
            app.UseWhen(context => ApiDocument.IsApi(context.Request.Path), api => api.UseExceptionHandler(
                new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteFaultAsync }));
            app.UseWhen(context => !ApiDocument.IsApi(context.Request.Path), console => console.UseExceptionHandler("/error/500"));
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // The API answers problem details of its own; the console's pages get the console's error page.
        app.UseWhen(context => !ApiDocument.IsApi(context.Request.Path), console => console.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(context => ApiDocument.IsApi(context.Request.Path), api => api.UseStatusCodePages(page =>
            Results.Problem(statusCode: page.HttpContext.Response.StatusCode).ExecuteAsync(page.HttpContext)));
        app.UseSecurityHeaders();
        app.UseConsoleStaticFiles();
        app.UseRequestBodyGuard();
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers();
        app.MapApiDocument();
        app.MapRazorPages();
        return app;
    }
}
