using System.Net;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>A test host with settings of its own (low limits, Production, a proxy in front), disposed with the test class.</summary>
public abstract class HostFixture(IcpFilingWebFactory factory) : IAsyncLifetime
{
    public IcpFilingWebFactory Factory { get; } = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The app behind a reverse proxy at <see cref="ProxyAddress"/>: every request arrives from the proxy, which names the
/// client in X-Forwarded-For (set per client with <see cref="From"/>).
/// </summary>
internal static class Proxy
{
    public const string ProxyAddress = "10.9.9.9";

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Security:ForwardedHeaders:KnownProxies:0"] = ProxyAddress };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static void Services(IServiceCollection services) => services.AddTransient<IStartupFilter, FromProxy>();

    /// <summary>Makes every request of the client come through the proxy on behalf of <paramref name="clientAddress"/>.</summary>
    public static ConsoleClient From(this ConsoleClient client, string clientAddress)
    {
        client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    /// <summary>The test server has no connection address; this gives every request the proxy's.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ProxyAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
