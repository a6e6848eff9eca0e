using System.Net;
using System.Text.RegularExpressions;

namespace ConsoleBench;

/// <summary>Signs the bench owner in through the console's own login form and returns the cookies and a form token.</summary>
internal static partial class SignIn
{
    public static async Task<(string Cookie, string Token)> AsOwnerAsync(string url)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var login = await client.GetStringAsync("/Identity/Account/Login");
        using var posted = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = BenchDatabase.OwnerEmail,
            ["Input.Password"] = BenchDatabase.OwnerPassword,
            ["__RequestVerificationToken"] = Token(login),
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)posted.StatusCode}, not a redirect.");
        }

        // A token for the Apply form, bound to this signed-in user and the antiforgery cookie.
        var application = await client.GetStringAsync("/icp-no/application");
        return (cookies.GetCookieHeader(client.BaseAddress!), Token(application));
    }

    private static string Token(string html)
    {
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
