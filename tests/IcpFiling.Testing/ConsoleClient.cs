using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IcpFiling.Testing;

/// <summary>An HTTP client that signs in through the real sign-in form and reads pages as HTML documents.</summary>
public sealed class ConsoleClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public static ConsoleClient Anonymous(IcpFilingWebFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public static async Task<ConsoleClient> SignInAsync(IcpFilingWebFactory factory, string email, string password = DemoAccounts.Password)
    {
        var client = Anonymous(factory);
        var response = await client.PostFormAsync(
            "/Identity/Account/Login",
            await client.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    public async Task<IDocument> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return await ParseAsync(response);
    }

    /// <summary>Posts a form the way a browser would: the antiforgery token from the page that holds the form.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IDocument page, IDictionary<string, string> fields) =>
        PostAsync(url, WithToken(page, fields));

    public Task<HttpResponseMessage> PostAsync(string url, IDictionary<string, string> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields));

    public async Task<IDocument> FollowAsync(HttpResponseMessage redirect)
    {
        if (redirect.StatusCode != HttpStatusCode.Redirect || redirect.Headers.Location is null)
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)redirect.StatusCode}.");
        }

        return await GetAsync(redirect.Headers.Location.OriginalString);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static Dictionary<string, string> WithToken(IDocument page, IDictionary<string, string> fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
        return new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
    }

    public void Dispose() => Http.Dispose();
}
