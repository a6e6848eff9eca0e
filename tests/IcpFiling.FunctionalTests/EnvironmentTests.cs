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
    public async Task Production_UnexpectedFaultInTheApi_IsA500Problem_InTheCallersLanguage_WithoutTheException()
    {
        using var client = Https();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/my/instances?fail=1");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("urn:icpfiling:problem:server-error", body, StringComparison.Ordinal);
        Assert.Contains("出错了", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Planted failure", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_AnErrorPageRequestedByItsAddress_Is404_AndLogsNoError() =>
        await ErrorPages.RequestedByAddress_Are404_AndLogNoErrorAsync(host.Factory, Https());

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

    [Fact]
    public async Task Development_AnErrorPageRequestedByItsAddress_Is404_AndLogsNoError() =>
        await ErrorPages.RequestedByAddress_Are404_AndLogNoErrorAsync(host.Factory, ConsoleClient.Anonymous(host.Factory).Http);
}

/// <summary>
/// The error pages exist only as what a failed request shows: asked for by address (any status, any method, signed in
/// or not) each is a 404 with the console's not-found page, and nothing is logged as an error, so a visitor cannot
/// fill the log with ERR lines at will.
/// </summary>
internal static class ErrorPages
{
    public static async Task RequestedByAddress_Are404_AndLogNoErrorAsync(IcpFilingWebFactory factory, HttpClient client)
    {
        var errorsBefore = factory.Log.Errors.Count;
        var answers = new List<string>();
        foreach (var (method, url) in new[]
        {
            ("GET", "/error/500"), ("GET", "/error/503"), ("GET", "/error/599"), ("GET", "/error/999"), ("GET", "/error/400"),
            ("GET", "/error/404"), ("GET", "/error/429"), ("HEAD", "/error/500"), ("POST", "/error/500"), ("GET", "/ERROR/500?x=1"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            using var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || (method == "GET" && !html.Contains("data-status=\"404\"", StringComparison.Ordinal)))
            {
                answers.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(answers.Count == 0, string.Join(Environment.NewLine, answers));
        Assert.Empty(factory.Log.Errors.Skip(errorsBefore));
    }
}
