using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace IcpFiling.FunctionalTests;

/// <summary>The keys behind cookies and antiforgery tokens: plain on purpose in Development, encrypted by the configured certificate elsewhere.</summary>
public sealed class DataProtectionTests
{
    [Fact]
    public async Task Development_CreatingKeys_LogsNoWarning()
    {
        await using var factory = new IcpFilingWebFactory();
        using var client = factory.CreateClient();

        (await client.GetAsync("/Identity/Account/Login")).EnsureSuccessStatusCode();

        Assert.True(await factory.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
        Assert.DoesNotContain(factory.Log.Events, e => e.Level >= LogEventLevel.Warning
            && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_LoadsTheKeyRingAfterTheServerListens_NotBeforeIt()
    {
        await using var factory = new IcpFilingWebFactory();
        using var client = factory.CreateClient();

        // ASP.NET Core's own preload (which runs before the server listens) is replaced by the console's, which runs after.
        var hosted = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().Name).ToList();
        Assert.DoesNotContain("DataProtectionHostedService", hosted);
        Assert.Contains("KeyRingPreload", hosted);

        // Without a single request needing them, the keys of a new database are created by the preload.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await factory.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, "No data protection key was created after start.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Production_WithCertificatePath_StoresKeysEncrypted()
    {
        var folder = Directory.CreateTempSubdirectory("icpfiling-dp-");
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=IcpFiling data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var path = Path.Combine(folder.FullName, "keys.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "test-password"));
            await using var factory = new IcpFilingWebFactory
            {
                EnvironmentName = "Production",
                Settings = { ["https_port"] = "443", ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "test-password" },
            };
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://console.example") });

            (await client.GetAsync("/Identity/Account/Login")).EnsureSuccessStatusCode();

            var xml = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).SingleAsync());
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
