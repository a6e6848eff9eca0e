using Serilog;
using Serilog.Events;

namespace IcpFiling.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>Console-only logger for start-up and fatal errors, before configuration is read.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Console()
            .CreateBootstrapLogger();

    /// <summary>
    /// The app's logger: levels from configuration, console plus a rolling file in the data folder.
    /// It is owned by the host (preserveStaticLogger) rather than frozen into the static bootstrap logger:
    /// several hosts in one process (tests) would otherwise race to freeze the same static logger.
    /// </summary>
    public static IServiceCollection AddIcpFilingLogging(this IServiceCollection services, IConfiguration configuration, string dataDirectory) =>
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext()
                .WriteTo.Console()
                .WriteTo.File(
                    Path.Combine(dataDirectory, "logs", "icpfiling-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14,
                    shared: true),
            preserveStaticLogger: true);

    public static IApplicationBuilder UseIcpFilingRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    diagnostics.Set("UserName", http.User.Identity.Name);
                }
            };
        });
}
