using System.Net;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>An authorization handler that fails the request when asked to (?fail=1): a stand-in for any unexpected fault.</summary>
internal sealed class FailOnRequest : IAuthorizationHandler
{
    public static void Services(IServiceCollection services) => services.AddSingleton<IAuthorizationHandler, FailOnRequest>();

    public Task HandleAsync(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.Request.Query.ContainsKey("fail")
            ? throw new InvalidOperationException("Planted failure for the environment tests")
            : Task.CompletedTask;
}

public sealed class FailingProductionFixture() : HostFixture(new IcpFilingWebFactory
{
    EnvironmentName = "Production",
    Settings = { ["https_port"] = "443" },
    TestServices = FailOnRequest.Services,
});

public sealed class FailingDevelopmentFixture() : HostFixture(new IcpFilingWebFactory { TestServices = FailOnRequest.Services });

/// <summary>Production: HTTPS only (redirect and HSTS), and an unexpected fault shows the console's page, never a stack trace.</summary>
public sealed class ProductionTests(FailingProductionFixture host) : IClassFixture<FailingProductionFixture>
{
    private HttpClient Https() => host.Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://console.example"),
    });

    [Fact]
    public async Task Production_UnexpectedFault_Is500WithTheConsolePage_AndNoStackTrace()
    {
        using var client = Https();

        var response = await client.GetAsync("/icp-no/application?fail=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Planted failure", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_RedirectsHttpToHttps_AndSendsHsts()
    {
        using var plain = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://console.example") });
        using var https = Https();

        var redirect = await plain.GetAsync("/Identity/Account/Login");
        var secure = await https.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("https://console.example/Identity/Account/Login", redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }
}

/// <summary>Development shows the developer exception page, which is why Production is checked separately.</summary>
public sealed class DevelopmentTests(FailingDevelopmentFixture host) : IClassFixture<FailingDevelopmentFixture>
{
    [Fact]
    public async Task Development_UnexpectedFault_ShowsTheDeveloperPage_AndNoHttpsRedirect()
    {
        using var client = ConsoleClient.Anonymous(host.Factory);

        var response = await client.Http.GetAsync("/icp-no/application?fail=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Planted failure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Identity/Account/Login")).StatusCode);
    }
}
