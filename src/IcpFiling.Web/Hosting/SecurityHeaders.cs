using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// A strict Content-Security-Policy from day one: scripts and styles only from this origin, never inline.
/// Every page must keep working under it, so JavaScript lives in wwwroot files. The other headers shut off
/// browser features the console never uses and keep other sites from opening or embedding its pages.
/// </summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>Static files whose URL carries asp-append-version's ?v= hash never change under that URL.</summary>
    private const string VersionedCache = "public, max-age=31536000, immutable";

    private const string UnversionedCache = "public, max-age=3600";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            await next(context);
        });

    public static IApplicationBuilder UseConsoleStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
                file.Context.Response.Headers.CacheControl =
                    file.Context.Request.Query.ContainsKey("v") ? VersionedCache : UnversionedCache,
        });

    /// <summary>
    /// Trust X-Forwarded-For and X-Forwarded-Proto from the configured proxies only (loopback when none is
    /// configured), so behind a TLS proxy the request is https (cookies get Secure) and the client address is real.
    /// </summary>
    public static IServiceCollection AddConsoleForwardedHeaders(this IServiceCollection services, SecurityOptions security) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = security.ForwardedHeaders.KnownProxies;
            var networks = security.ForwardedHeaders.KnownNetworks;
            if (proxies.Count == 0 && networks.Count == 0)
            {
                return;
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
}
