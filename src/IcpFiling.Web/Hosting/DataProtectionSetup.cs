using System.Security.Cryptography.X509Certificates;
using IcpFiling.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IcpFiling.Web.Hosting;

/// <summary>Where the keys behind cookies and antiforgery tokens are stored, and how they are protected at rest.</summary>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the keys in the database. Set it in production.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The .pfx file's password; from the environment or a secret store, never from the repository.</summary>
    public string? CertificatePassword { get; init; }
}

internal static class DataProtectionSetup
{
    /// <summary>
    /// Keys live in the database (every node shares them). With DataProtection:CertificatePath they are encrypted with
    /// that certificate. Without it, Development stores them in plain form on purpose (a throw-away demo database, no
    /// warning at every start); any other environment keeps ASP.NET Core's warning, because there it is a real gap.
    /// </summary>
    public static IServiceCollection AddConsoleDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection().SetApplicationName("IcpFiling").PersistKeysToDbContext<IcpFilingDbContext>();
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }
        else if (environment.IsDevelopment())
        {
            services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new NullXmlEncryptor());
        }

        return services;
    }

    /// <summary>
    /// Data protection loads the key ring before the server listens (a first EF query, 0.1-0.2 s of every start); the
    /// console loads it right after instead: only sign-in and forms need it, and they wait for it if it is not there yet.
    /// Called last: every AddDataProtection (Identity, antiforgery and MVC call it too) registers ASP.NET Core's preload again.
    /// </summary>
    public static IServiceCollection PreloadKeyRingAfterStart(this IServiceCollection services)
    {
        foreach (var preload in services.Where(s => s.ServiceType == typeof(IHostedService)
            && s.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            services.Remove(preload);
        }

        return services.AddHostedService<KeyRingPreload>();
    }
}

/// <summary>Loads (or, on a new database, creates) the key ring shortly after the server listens, off the start's critical path.</summary>
internal sealed partial class KeyRingPreload(IKeyRingProvider keyRing, IHostApplicationLifetime lifetime, ILogger<KeyRingPreload> logger) : BackgroundService
{
    /// <summary>
    /// Loading right at start slowed the first request (on 2 cores both did their first-time work at once: 0.3-0.5 s
    /// instead of 0.1-0.35 s, once 2 s); a request that needs the keys before then loads them itself.
    /// </summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        await Task.Delay(Delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            keyRing.GetCurrentKeyRing();
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // As ASP.NET Core's own preload: not fatal, the first request that needs the keys tries again.
            LogPreloadFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the data protection key ring after start failed; the first request that needs it loads it")]
    private partial void LogPreloadFailed(Exception exception);
}
