using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static IcpFiling.FunctionalTests.AuthorizationMatrixTests;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Malformed input on every form, query string and route of the route table (the authorization matrix's rows),
/// plus every case an attacker's probe found: each gets a 4xx or the form again with a message (never a 5xx),
/// writes nothing (no number, filing or change row) and logs no error.
/// </summary>
public abstract class BadInputSuite(IcpFilingWebFactory factory, ITestOutputHelper output)
{
    /// <summary>What a bad input must get.</summary>
    public enum Expect
    {
        /// <summary>400.</summary>
        BadRequest,

        /// <summary>413.</summary>
        TooLarge,

        /// <summary>404 (a page the console does not offer, or a value that names nothing).</summary>
        NotFound,

        /// <summary>The page again (200) with a validation message, directly or after a redirect to it.</summary>
        Message,

        /// <summary>Any 4xx.</summary>
        ClientError,

        /// <summary>Refused (4xx) or ignored (2xx/3xx): pages that filter by it refuse it, the others do not read it.</summary>
        Handled,

        /// <summary>The value is ignored or made safe: a normal 2xx/3xx answer (e.g. ?page=-1 shows page 1; a foreign return URL goes home).</summary>
        Harmless,
    }

    public enum Who
    {
        Anonymous,
        Owner,
        Reseller,
        Support,

        Admin,

        /// <summary>A second owner, for the sign-out case: signing out changes the account's security stamp and so ends all its sessions.</summary>
        SigningOut,
    }

    /// <summary>One bad request: who sends it, where, with which body (given a valid antiforgery token), and what it must get.</summary>
    public sealed record Case(string Name, Who Who, string Method, Func<Context, string> Url, Func<Context, string, HttpContent>? Body, Expect Expect);

    private const string Token = "__RequestVerificationToken";

    /// <summary>A byte string over the 1 MiB body limit; 40 MB is the probe's size.</summary>
    private static readonly Lazy<string> FortyMegabytes = new(() => new string('a', 40 * 1024 * 1024));

    private static readonly Lazy<string> FiveMegabytes = new(() => new string('a', 5 * 1024 * 1024));

    private static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string>> fields) => new(fields);

    private static Dictionary<string, string> With(Dictionary<string, string> fields, string token) => new(fields) { [Token] = token };

    private static StringContent Raw(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static Who WhoMayCall(Row row) =>
        row.Expected[Actor.Owner] is Outcome.Ok or Outcome.Redirect ? Who.Owner
        : row.Expected[Actor.Reseller] is Outcome.Ok or Outcome.Redirect ? Who.Reseller
        : row.Expected[Actor.Support] is Outcome.Ok or Outcome.Redirect ? Who.Support
        : row.Expected[Actor.Admin] is Outcome.Ok or Outcome.Redirect && row.Pattern != "/" ? Who.Admin
        : Who.Anonymous;

    /// <summary>The generic cases, for every row of the route table.</summary>
    private static IEnumerable<Case> ForEveryRoute()
    {
        foreach (var row in Rows)
        {
            var who = WhoMayCall(row);
            var name = $"{row.Method} {row.Pattern}";
            if (row.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && row.Method == "GET")
            {
                // Without a key every API call is a 401; what a key holder's bad input gets is in InventoryApiTests.
                yield return new($"{name}: NUL in the query string", who, "GET", c => row.Url(c) + "?cursor=%00", null, Expect.BadRequest);
                yield return new($"{name}: 30-digit cursor and a negative limit", who, "GET", c => row.Url(c) + "?cursor=999999999999999999999999999999&limit=-5", null, Expect.ClientError);
                yield return new($"{name}: 5,000-character query value", who, "GET", c => row.Url(c) + "?cursor=" + new string('9', 5000), null, Expect.ClientError);
                continue;
            }

            if (row.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                // API writes take JSON, not forms, and no antiforgery token.
                yield return new($"{name}: malformed JSON", who, row.Method, row.Url, (_, _) => Raw("{\"items\": [", "application/json"), Expect.ClientError);
                yield return new($"{name}: 40 MB body", who, row.Method, row.Url, (_, _) => Raw("{\"a\":\"" + FortyMegabytes.Value + "\"}", "application/json"), Expect.TooLarge);
                yield return new($"{name}: NUL in the query string", who, row.Method, c => row.Url(c) + "?x=%00", (_, _) => Raw("{}", "application/json"), Expect.BadRequest);
                continue;
            }

            if (row.Method == "POST" || row.Posted is not null)
            {
                // A Razor page with a form (Method "ANY") gets its GET cases below too.
                if (row.Method == "ANY")
                {
                    yield return new($"{name}: NUL in the query string (GET)", who, "GET", c => row.Url(c) + (row.Url(c).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=%00", null, Expect.BadRequest);
                    yield return new($"{name}: 5,000-character query value (GET)", who, "GET", c => row.Url(c) + (row.Url(c).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "returnUrl=" + new string('x', 5000), null, Expect.Handled);
                }

                var form = row.Form!;
                yield return new($"{name}: no antiforgery token", who, "POST", row.Url, (c, _) => Form(form(c)), Expect.BadRequest);
                yield return new($"{name}: NUL in the antiforgery token", who, "POST", row.Url, (c, t) => Form(new Dictionary<string, string>(form(c)) { [Token] = t + "\0" }), Expect.BadRequest);
                yield return new($"{name}: NUL in every field", who, "POST", row.Url,
                    (c, t) => Form(With(form(c).ToDictionary(f => f.Key, f => f.Value + "\0x"), t).Append(new("Extra", "\0"))), Expect.BadRequest);
                yield return new($"{name}: 1,025 form fields", who, "POST", row.Url,
                    (c, t) => Form(With(form(c), t).Concat(Enumerable.Range(0, 1025).Select(i => new KeyValuePair<string, string>($"f{i}", "x")))), Expect.BadRequest);
                // The inventory import takes bodies up to Security:MaxImportBodyBytes (a file), so there the 5 MB body
                // passes the size check and its one too-long form value is what is refused.
                yield return new($"{name}: one 5 MB value", who, "POST", row.Url,
                    (c, t) => Form(new Dictionary<string, string>(With(form(c), t)) { ["Big"] = FiveMegabytes.Value }),
                    row.Pattern == "/admin/inventory/import" ? Expect.BadRequest : Expect.TooLarge);
                yield return new($"{name}: 40 MB body", who, "POST", row.Url,
                    (c, t) => Raw($"{Token}={Uri.EscapeDataString(t)}&big={FortyMegabytes.Value}", "application/x-www-form-urlencoded"), Expect.TooLarge);
                yield return new($"{name}: truncated multipart body", who, "POST", row.Url,
                    (_, t) => Raw($"--XyZ\r\nContent-Disposition: form-data; name=\"{Token}\"\r\n\r\n{t}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished", "multipart/form-data; boundary=XyZ"),
                    Expect.BadRequest);
                yield return new($"{name}: charset=utf-7", who, "POST", row.Url,
                    (c, t) => Raw(string.Join('&', With(form(c), t).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")), "application/x-www-form-urlencoded; charset=utf-7"),
                    Expect.BadRequest);
                yield return new($"{name}: NUL in the query string", who, "POST", c => row.Url(c) + "?returnUrl=%00", (c, t) => Form(With(form(c), t)), Expect.BadRequest);
            }
            else
            {
                // A row whose address has a query already (batch apply's lines) gets the bad values after it.
                static string Then(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?");
                yield return new($"{name}: NUL in the query string", who, "GET", c => Then(row.Url(c)) + "page=%00&search=a%00b", null, Expect.BadRequest);
                yield return new($"{name}: page=-1, page=abc, 30-digit page", who, "GET", c => Then(row.Url(c)) + "page=-1&page=abc&page=999999999999999999999999999999", null, Expect.Harmless);
                yield return new($"{name}: 5,000-character query value", who, "GET", c => Then(row.Url(c)) + "search=" + new string('x', 5000), null, Expect.Handled);
                if (row.Pattern.Contains('{', StringComparison.Ordinal))
                {
                    yield return new($"{name}: control character in the route value (Kestrel itself refuses a NUL in the path)", who, "GET", _ => row.Pattern[..row.Pattern.IndexOf('{', StringComparison.Ordinal)] + "a%01b" + RestAfterParameter(row.Pattern), null, Expect.BadRequest);
                    yield return new($"{name}: 2,000-character route value", who, "GET", _ => row.Pattern[..row.Pattern.IndexOf('{', StringComparison.Ordinal)] + new string('z', 2000) + RestAfterParameter(row.Pattern), null, Expect.NotFound);
                }
            }
        }
    }

    private static string RestAfterParameter(string pattern) => pattern[(pattern.IndexOf('}', StringComparison.Ordinal) + 1)..];

    private static Dictionary<string, string> NewFiling(string domain) => new()
    {
        ["Domain"] = domain,
        ["SubjectName"] = "Bad input",
        ["Method"] = "Number",
        ["ServiceNumber"] = Guid.NewGuid().ToString(),
    };

    private static Dictionary<string, string> SignIn(string email, string password, string? rememberMe = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (rememberMe is not null)
        {
            fields["Input.RememberMe"] = rememberMe;
        }

        return fields;
    }

    /// <summary>The cases of the probe report (issue 8), named as it names them.</summary>
    private static IEnumerable<Case> FromTheProbe()
    {
        const string login = "/Identity/Account/Login";
        foreach (var domain in new[] { "ab--cd.cn", "zz--top.cn", "www.ab--cd.com.cn", "xn--zz.cn", "-a.cn" })
        {
            yield return new($"New filing for {domain}", Who.Owner, "POST", _ => "/icp-no/filings/new", (_, t) => Form(With(NewFiling(domain), t)), Expect.Message);
        }

        yield return new("Management export with status=Bogus", Who.Owner, "GET", _ => "/icp-no/management/export?status=Bogus", null, Expect.BadRequest);
        yield return new("Management export with a 65-character search", Who.Owner, "GET", _ => "/icp-no/management/export?search=" + new string('s', 65), null, Expect.BadRequest);
        yield return new("Management search for a broken IP and a broken domain", Who.Owner, "GET", _ => "/icp-no/management?search=999.1.1.1.1&type=Nope", null, Expect.Harmless);
        yield return new("Management search for a lone dot", Who.Owner, "GET", _ => "/icp-no/management?search=.", null, Expect.Harmless);
        yield return new("Granted to me with sort=Bogus&dir=sideways&size=100000", Who.Owner, "GET", _ => "/icp-no/management/granted?sort=Bogus&dir=sideways&size=100000", null, Expect.Harmless);
        yield return new("Restrict with a 5,000-character note", Who.Owner, "POST", c => $"/icp-no/management/{c.UnusedNumber}/restrict",
            (_, t) => Form(With(new() { ["Email"] = DemoAccounts.Owner2, ["Note"] = new string('n', 5000) }, t)), Expect.Message);
        // The request guard refuses control characters other than line breaks before any form sees them; a line break in
        // the note is refused by the restriction itself (GrantedNumbersTests).
        yield return new("Restrict with a note holding a control character", Who.Owner, "POST", c => $"/icp-no/management/{c.UnusedNumber}/restrict",
            (_, t) => Form(With(new() { ["Email"] = DemoAccounts.Owner2, ["Note"] = "bell \u0007 ring" }, t)), Expect.BadRequest);
        yield return new("Issued numbers to=9999-12-31", Who.Reseller, "GET", _ => "/reseller/numbers?to=9999-12-31", null, Expect.Message);
        yield return new("Issued numbers from=0001-01-01", Who.Reseller, "GET", _ => "/reseller/numbers?from=0001-01-01", null, Expect.Message);
        yield return new("Issued numbers from=not-a-date", Who.Reseller, "GET", _ => "/reseller/numbers?from=not-a-date&status=Bogus&type=Nope", null, Expect.Message);
        yield return new("CSV export to=9999-12-31", Who.Reseller, "GET", _ => "/reseller/numbers/export?to=9999-12-31", null, Expect.BadRequest);
        // Sort keys and directions from the URL (issue 15): an unknown or over-long one shows the default order.
        var longSort = "sort=" + new string('s', 2000) + "&dir=" + new string('d', 500);
        yield return new("ICP Filing with a 2,000-character sort", Who.Owner, "GET", _ => "/icp-no/filings?" + longSort, null, Expect.Harmless);
        yield return new("Customers with a 2,000-character sort", Who.Reseller, "GET", _ => "/reseller/customers?" + longSort, null, Expect.Harmless);
        yield return new("Issued numbers with a 2,000-character sort", Who.Reseller, "GET", _ => "/reseller/numbers?" + longSort, null, Expect.Harmless);
        yield return new("CSV export with a 2,000-character sort", Who.Reseller, "GET", _ => "/reseller/numbers/export?" + longSort, null, Expect.BadRequest);
        yield return new("CSV export with sort=customer", Who.Reseller, "GET", _ => "/reseller/numbers/export?sort=customer&dir=up", null, Expect.Harmless);
        yield return new("Support instances with a 2,000-character sort", Who.Support, "GET", _ => "/support/instances?" + longSort, null, Expect.Harmless);
        yield return new("Admin accounts with a 2,000-character sort", Who.Admin, "GET", _ => "/admin/accounts?" + longSort, null, Expect.Harmless);
        yield return new("CSV export from=0001-01-01&to=9999-12-31", Who.Reseller, "GET", _ => "/reseller/numbers/export?from=0001-01-01&to=9999-12-31", null, Expect.BadRequest);

        yield return new("Sign-in with NUL in the password", Who.Anonymous, "POST", _ => login, (_, t) => Form(With(SignIn(DemoAccounts.Owner2, "Icp\0Demo"), t)), Expect.BadRequest);
        yield return new("Sign-in with NUL in the e-mail", Who.Anonymous, "POST", _ => login, (_, t) => Form(With(SignIn("owner2@demo.test\0", "x"), t)), Expect.BadRequest);
        yield return new("Sign-in with Input.RememberMe=notabool", Who.Anonymous, "POST", _ => login, (_, t) => Form(With(SignIn("nobody-bad-input@demo.test", "wrong", "notabool"), t)), Expect.Message);
        yield return new("Sign-in with a 300-character e-mail", Who.Anonymous, "POST", _ => login, (_, t) => Form(With(SignIn(new string('a', 300) + "@demo.test", "x"), t)), Expect.Message);
        yield return new("Sign-in with a 10,000-character password", Who.Anonymous, "POST", _ => login, (_, t) => Form(With(SignIn(DemoAccounts.Owner2, new string('p', 10_000)), t)), Expect.Message);
        yield return new("Sign-in with no fields", Who.Anonymous, "POST", _ => login, (_, t) => Form(With([], t)), Expect.Message);
        yield return new("Sign-in with returnUrl=//evil.example (wrong password)", Who.Anonymous, "POST", _ => login + "?returnUrl=//evil.example", (_, t) => Form(With(SignIn("nobody-bad-input@demo.test", "x"), t)), Expect.Message);

        yield return new("Sign-out with returnUrl=//evil.example", Who.SigningOut, "POST", _ => "/Identity/Account/Logout?returnUrl=//evil.example", (_, t) => Form(With([], t)), Expect.Harmless);
        yield return new("Sign-out with returnUrl=https://evil.example", Who.Anonymous, "POST", _ => "/Identity/Account/Logout?returnUrl=https://evil.example", (_, t) => Form(With([], t)), Expect.Harmless);

        foreach (var page in new[]
                 {
                     "ConfirmEmail", "ConfirmEmail?userId=x&code=!!", "ConfirmEmailChange", "ConfirmEmailChange?userId=x&email=a@b.c&code=!!",
                     "ForgotPasswordConfirmation", "ResetPasswordConfirmation",
                     "Lockout", "ExternalLogin", "ResendEmailConfirmation", "Register", "RegisterConfirmation",
                 })
        {
            yield return new($"Anonymous GET Identity/Account/{page}", Who.Anonymous, "GET", _ => $"/Identity/Account/{page}", null, Expect.NotFound);
        }

        yield return new("Anonymous POST Identity/Account/ResetPassword with code=!!", Who.Anonymous, "POST", _ => "/Identity/Account/ResetPassword",
            (_, t) => Form(With(new() { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = "NewPass#2026", ["Input.ConfirmPassword"] = "NewPass#2026", ["Input.Code"] = "!!" }, t)), Expect.Message);

        // The console's own set-password pages (issue 10): a broken link is said to be broken, never an error.
        foreach (var query in new[] { "", "?code=!!", "?userId=nobody&code=abc", "?userId=" + new string('u', 600) + "&code=" + new string('c', 5000) })
        {
            yield return new($"Anonymous GET Identity/Account/ResetPassword{Shorten(query)}", Who.Anonymous, "GET", _ => "/Identity/Account/ResetPassword" + query, null, Expect.Harmless);
        }

        yield return new("Anonymous POST ResetPassword with a forged code and a password", Who.Anonymous, "POST", _ => "/Identity/Account/ResetPassword?userId=x&code=YWJj",
            (_, t) => Form(With(new() { ["Input.Password"] = "Abc#12345", ["Input.ConfirmPassword"] = "Abc#12345" }, t)), Expect.Message);
        yield return new("Anonymous GET Identity/Account/ForgotPassword", Who.Anonymous, "GET", _ => "/Identity/Account/ForgotPassword", null, Expect.Harmless);
        yield return new("Anonymous POST ForgotPassword with a 300-character e-mail (no SMTP: nothing sent)", Who.Anonymous, "POST", _ => "/Identity/Account/ForgotPassword",
            (_, t) => Form(With(new() { ["Input.Email"] = new string('a', 300) + "@demo.test" }, t)), Expect.Harmless);

        // Administrators' forms.
        yield return new("Admin creates an account with a bad e-mail and role", Who.Admin, "POST", _ => "/admin/accounts/new",
            (_, t) => Form(With(new() { ["Email"] = "not-an-email", ["Role"] = "Emperor", ["AccountId"] = "bad id!" }, t)), Expect.Message);
        yield return new("Admin creates an account with a 5,000-character name", Who.Admin, "POST", _ => "/admin/accounts/new",
            (_, t) => Form(With(new() { ["Email"] = "long-name@demo.test", ["Role"] = Roles.Owner, ["DisplayName"] = new string('n', 5000) }, t)), Expect.Message);
        yield return new("Admin locks without a reason", Who.Admin, "POST", c => $"/admin/accounts/{c.OtherResellersCustomerId}/lock",
            (_, t) => Form(With(new() { ["Lock.Reason"] = "  " }, t)), Expect.Message);
        yield return new("Admin changes a role to one that does not exist", Who.Admin, "POST", c => $"/admin/accounts/{c.OtherResellersCustomerId}/role",
            (_, t) => Form(With(new() { ["ChangeRole.Role"] = "Emperor", ["ChangeRole.Reason"] = "bad input" }, t)), Expect.Message);
        yield return new("Admin links to a reseller that does not exist", Who.Admin, "POST", c => $"/admin/accounts/{c.OtherResellersCustomerId}/reseller",
            (_, t) => Form(With(new() { ["Reseller.ResellerEmail"] = "nobody@demo.test" }, t)), Expect.Message);
        yield return new("Admin acts on an account that does not exist", Who.Admin, "POST", _ => "/admin/accounts/no-such-account/sign-out",
            (_, t) => Form(With(new() { ["SignOut.Reason"] = "bad input" }, t)), Expect.NotFound);
        yield return new("Admin creates an API client with an unknown scope", Who.Admin, "POST", _ => "/admin/api-clients",
            (_, t) => Form(With(new() { ["New.Name"] = "bad", ["New.Scopes"] = "root" }, t)), Expect.Message);
        yield return new("Admin searches the audit trail from 0001-01-01", Who.Admin, "GET", _ => "/admin/audit?from=0001-01-01", null, Expect.Message);
        yield return new("Admin exports the audit trail to 9999-12-31", Who.Admin, "GET", _ => "/admin/audit/export?to=9999-12-31", null, Expect.BadRequest);

        yield return new("Owner GET Identity/Account/AccessDenied", Who.Owner, "GET", _ => "/Identity/Account/AccessDenied", null, Expect.NotFound);
        foreach (var page in new[]
                 {
                     "ResetAuthenticator",
                     "PersonalData", "DeletePersonalData", "Email", "ExternalLogins", "SetPassword",
                 })
        {
            yield return new($"Owner GET Manage/{page}", Who.Owner, "GET", _ => $"/Identity/Account/Manage/{page}", null, Expect.NotFound);
        }

        yield return new("Owner POST Manage/DeletePersonalData with the right password", Who.Owner, "POST", _ => "/Identity/Account/Manage/DeletePersonalData",
            (_, t) => Form(With(new() { ["Input.Password"] = DemoAccounts.Password }, t)), Expect.NotFound);
        yield return new("Owner POST Manage/DownloadPersonalData", Who.Owner, "POST", _ => "/Identity/Account/Manage/DownloadPersonalData", (_, t) => Form(With([], t)), Expect.NotFound);
        yield return new("Owner POST Manage/GenerateRecoveryCodes", Who.Owner, "POST", _ => "/Identity/Account/Manage/GenerateRecoveryCodes", (_, t) => Form(With([], t)), Expect.Harmless);
        yield return new("Owner POST Manage/ChangePassword with NUL", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword",
            (_, t) => Form(With(new() { ["Input.OldPassword"] = "x\0", ["Input.NewPassword"] = "y", ["Input.ConfirmPassword"] = "y" }, t)), Expect.BadRequest);
        yield return new("Owner POST Manage/ChangePassword with a wrong old password", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword",
            (_, t) => Form(With(new() { ["Input.OldPassword"] = "not-the-password", ["Input.NewPassword"] = "Another#2026", ["Input.ConfirmPassword"] = "Another#2026" }, t)), Expect.Message);
        yield return new("Owner POST Manage/ChangePassword with no fields", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword", (_, t) => Form(With([], t)), Expect.Message);
        yield return new("Owner POST Manage/ChangePassword with new passwords that differ", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword",
            (_, t) => Form(With(new() { ["Input.OldPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = "Another#2026", ["Input.ConfirmPassword"] = "Another#2027" }, t)), Expect.Message);
        yield return new("Owner POST Manage/ChangePassword with a 10,000-character new password", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword",
            (_, t) => Form(With(new() { ["Input.OldPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = new string('P', 10_000), ["Input.ConfirmPassword"] = new string('P', 10_000) }, t)), Expect.Message);
        yield return new("Owner POST Manage/ChangePassword with a weak new password", Who.Owner, "POST", _ => "/Identity/Account/Manage/ChangePassword",
            (_, t) => Form(With(new() { ["Input.OldPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "short" }, t)), Expect.Message);
        yield return new("Owner POST Manage/EnableAuthenticator with no code", Who.Owner, "POST", _ => "/Identity/Account/Manage/EnableAuthenticator", (_, t) => Form(With([], t)), Expect.Message);
        yield return new("Owner POST Manage/EnableAuthenticator with letters for a code", Who.Owner, "POST", _ => "/Identity/Account/Manage/EnableAuthenticator",
            (_, t) => Form(With(new() { ["Input.Code"] = "abcdef" }, t)), Expect.Message);
        yield return new("Owner POST Manage/EnableAuthenticator with a 1,000-character code", Who.Owner, "POST", _ => "/Identity/Account/Manage/EnableAuthenticator",
            (_, t) => Form(With(new() { ["Input.Code"] = new string('1', 1000) }, t)), Expect.Message);
        yield return new("Owner GET Manage/EnableAuthenticator?handler=QrCode with a broken handler name", Who.Owner, "GET", _ => "/Identity/Account/Manage/EnableAuthenticator?handler=QrCode%00", null, Expect.BadRequest);
        yield return new("Second sign-in step with a 1,000-character code and no password step", Who.Anonymous, "POST", _ => "/Identity/Account/LoginWith2fa?returnUrl=//evil.example",
            (_, t) => Form(With(new() { ["Input.Code"] = new string('1', 1000), ["Input.RememberMachine"] = "notabool" }, t)), Expect.Harmless);
        yield return new("Recovery-code sign-in with a 1,000-character code and no password step", Who.Anonymous, "POST", _ => "/Identity/Account/LoginWithRecoveryCode",
            (_, t) => Form(With(new() { ["Input.Code"] = new string('r', 1000) }, t)), Expect.Harmless);

        yield return new("Error page with a word for a status", Who.Owner, "GET", _ => "/error/abc", null, Expect.NotFound);
        yield return new("Error page posted with a broken form", Who.Anonymous, "POST", _ => "/error/400", (_, t) => Raw("a=%00", "application/x-www-form-urlencoded"), Expect.BadRequest);
        yield return new("Apply with an idempotency key of 500 characters", Who.Owner, "POST", _ => "/icp-no/application/apply",
            (_, t) => Form(With(new() { ["InstanceId"] = "i-demo-ecs-api", ["IdempotencyKey"] = new string('k', 500) }, t)), Expect.ClientError);
        yield return new("Apply for an instance id of 1,000 characters", Who.Owner, "POST", _ => "/icp-no/application/apply",
            (_, t) => Form(With(new() { ["InstanceId"] = new string('i', 1000), ["IdempotencyKey"] = Guid.NewGuid().ToString("N") }, t)), Expect.ClientError);
        yield return new("Batch review with 21 instances checked", Who.Owner, "POST", _ => "/icp-no/application/batch/review",
            (_, t) => Form(Enumerable.Range(0, 21).Select(i => new KeyValuePair<string, string>("Selected", $"i-none-{i}")).Append(new(Token, t))), Expect.Message);
        yield return new("Batch review with a quantity of 1e99", Who.Owner, "POST", _ => "/icp-no/application/batch/review",
            (_, t) => Form(With(new() { ["Selected"] = "i-demo-ecs-api", ["Quantity[i-demo-ecs-api]"] = "1e99" }, t)), Expect.Message);
        yield return new("Batch review with an instance id of 1,000 characters", Who.Owner, "POST", _ => "/icp-no/application/batch/review",
            (_, t) => Form(With(new() { ["Selected"] = new string('i', 1000) }, t)), Expect.NotFound);
        yield return new("Batch with a key of 500 characters", Who.Owner, "POST", _ => "/icp-no/application/batch",
            (_, t) => Form(With(new() { ["BatchKey"] = new string('k', 500), ["Lines[0].InstanceId"] = "i-demo-ecs-api", ["Lines[0].Quantity"] = "1" }, t)), Expect.Message);
        yield return new("Batch with a quantity of -5", Who.Owner, "POST", _ => "/icp-no/application/batch",
            (_, t) => Form(With(new() { ["BatchKey"] = Guid.NewGuid().ToString("N"), ["Lines[0].InstanceId"] = "i-demo-ecs-api", ["Lines[0].Quantity"] = "-5" }, t)), Expect.Message);
        yield return new("Batch with 21 lines", Who.Owner, "POST", _ => "/icp-no/application/batch",
            (_, t) => Form(Enumerable.Range(0, 21).SelectMany(i => new KeyValuePair<string, string>[] { new($"Lines[{i}].InstanceId", $"i-none-{i}"), new($"Lines[{i}].Quantity", "1") })
                .Append(new("BatchKey", Guid.NewGuid().ToString("N"))).Append(new(Token, t))), Expect.Message);
        yield return new("Batch confirmation with a line that is not id:quantity", Who.Owner, "GET", _ => "/icp-no/application/batch?line=i-demo-ecs-api", null, Expect.Harmless);
        yield return new("Batch confirmation with 21 lines", Who.Owner, "GET", _ => "/icp-no/application/batch?" + string.Join('&', Enumerable.Range(0, 21).Select(i => $"line=i-none-{i}:1")), null, Expect.Harmless);
        yield return new("Batch result with a key of 500 characters", Who.Owner, "GET", _ => $"/icp-no/application/batch/{new string('k', 500)}?line=i-demo-ecs-api:1", null, Expect.NotFound);
        yield return new("Batch result with a quantity that overflows an int", Who.Owner, "GET", _ => "/icp-no/application/batch/abc?line=i-demo-ecs-api:99999999999999", null, Expect.NotFound);
        yield return new("Cancel a filing whose id overflows a long", Who.Owner, "POST", _ => "/icp-no/filings/99999999999999999999999/cancel", (_, t) => Form(With([], t)), Expect.NotFound);
        yield return new("Quota override of -5", Who.Support, "POST", _ => "/support/instances/i-demo-ecs-web02/quota-override",
            (_, t) => Form(With(new() { ["Override.Quota"] = "-5", ["Override.Reason"] = "bad input" }, t)), Expect.ClientError);
        yield return new("Quota override of 1e99", Who.Support, "POST", _ => "/support/instances/i-demo-ecs-web02/quota-override",
            (_, t) => Form(With(new() { ["Override.Quota"] = "1e99", ["Override.Reason"] = "bad input" }, t)), Expect.ClientError);
        yield return new("Hold with a 5,000-character reason", Who.Support, "POST", _ => "/support/instances/i-demo-ecs-web02/hold",
            (_, t) => Form(With(new() { ["Hold.Reason"] = new string('r', 5000) }, t)), Expect.ClientError);
    }

    public static IReadOnlyList<Case> Cases { get; } = [.. ForEveryRoute(), .. FromTheProbe()];

    [Fact]
    public void TheSuite_HasAtLeastAHundredCases_CoveringEveryRouteOfTheTable()
    {
        Assert.True(Cases.Count >= 100, $"{Cases.Count} cases");
        Assert.All(Rows, row => Assert.Contains(Cases, c => c.Name.StartsWith($"{row.Method} {row.Pattern}:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EveryBadInput_Gets4xxOrAMessage_WritesNothing_AndLogsNoError()
    {
        var context = await ArrangeAsync();
        var clients = new Dictionary<Who, ConsoleClient>
        {
            [Who.Anonymous] = ConsoleClient.Anonymous(factory),
            [Who.Owner] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner),
            [Who.Reseller] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller),
            [Who.Support] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support),
            [Who.Admin] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Admin),
            [Who.SigningOut] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2),
        };
        var failures = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        try
        {
            foreach (var @case in Cases)
            {
                var client = clients[@case.Who];

                var before = await WrittenAsync();
                var errorsBefore = factory.Log.Errors.Count;
                var token = await TokenAsync(client);
                using var request = new HttpRequestMessage(new HttpMethod(@case.Method), @case.Url(context));
                if (@case.Body is not null)
                {
                    request.Content = @case.Body(context, token);
                }

                using var response = await client.Http.SendAsync(request);
                var status = (int)response.StatusCode;
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                var html = await response.Content.ReadAsStringAsync();
                var answered = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Redirect && @case.Expect is Expect.Message or Expect.ClientError
                    && response.Headers.Location is { IsAbsoluteUri: false } formPage)
                {
                    // Post/redirect/get on errors too: the message must be on the page the refusal leads to.
                    using var followed = await client.Http.GetAsync(formPage);
                    answered = followed.StatusCode;
                    html = await followed.Content.ReadAsStringAsync();
                }

                var problem = Judge(@case.Expect, answered, html + response.Headers.Location);
                var after = await WrittenAsync();
                if (after != before)
                {
                    problem += $" wrote something ({before} -> {after});";
                }

                var errors = factory.Log.Errors.Skip(errorsBefore).ToList();
                if (errors.Count > 0)
                {
                    problem += $" logged {string.Join(" | ", errors)};";
                }

                if (problem.Length > 0 && Environment.GetEnvironmentVariable("BAD_INPUT_DEBUG") is not null)
                {
                    output.WriteLine($"--- {@case.Name}: {response.Headers.Location}\n{html}");
                }

                if (problem.Length > 0)
                {
                    failures.Add($"  {@case.Name} ({@case.Method} {Shorten(@case.Url(context))}): expected {@case.Expect}, got {status};{problem}");
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        output.WriteLine($"{Cases.Count} cases; answers: {string.Join(", ", byStatus.Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"4xx: {byStatus.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value)}; 5xx: {byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases.Count} case(s) failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>What is wrong with the answer (empty when nothing); <paramref name="html"/> includes the Location header.</summary>
    private static string Judge(Expect expect, HttpStatusCode status, string html)
    {
        var code = (int)status;
        if (code >= 500)
        {
            return " a server error;";
        }

        if (html.Contains("Exception", StringComparison.Ordinal) || html.Contains("   at ", StringComparison.Ordinal))
        {
            return " the answer shows an exception or stack trace;";
        }

        var ok = expect switch
        {
            Expect.BadRequest => status == HttpStatusCode.BadRequest,
            Expect.TooLarge => status == HttpStatusCode.RequestEntityTooLarge,
            Expect.NotFound => status == HttpStatusCode.NotFound,
            Expect.ClientError => code is >= 400 and < 500 || (status == HttpStatusCode.OK && HasMessage(html)),
            Expect.Message => status == HttpStatusCode.OK && HasMessage(html),
            Expect.Handled => code is >= 200 and < 500,
            Expect.Harmless => code is >= 200 and < 400 && !html.Contains("evil.example", StringComparison.Ordinal),
            _ => false,
        };
        return ok ? "" : " not as expected;";
    }

    private static bool HasMessage(string html) =>
        html.Contains("data-testid=\"errors\"", StringComparison.Ordinal)
        || html.Contains("validation-summary-errors", StringComparison.Ordinal)
        || html.Contains("field-validation-error", StringComparison.Ordinal);

    private static string Shorten(string url) => url.Length > 80 ? url[..80] + "…" : url;

    private static async Task<string> TokenAsync(ConsoleClient client)
    {
        var page = await client.GetAsync("/Identity/Account/Login");
        return page.QuerySelector($"input[name={Token}]")!.GetAttribute("value")!;
    }

    /// <summary>What a bad input must never change: numbers, filings, and change rows of the audit trail (failed sign-ins are expected).</summary>
    private Task<(int Numbers, int Filings, int Changes)> WrittenAsync() =>
        factory.WithDbAsync(async db => (
            await db.ServiceNumbers.CountAsync(),
            await db.Filings.CountAsync(),
            await db.AuditEntries.CountAsync(a => a.Action != AuditActions.SignInFailed && a.Action != AuditActions.LockedOut)));

    private async Task<Context> ArrangeAsync()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var otherResellerId = await factory.EnsureAccountAsync("bad-input-reseller2@demo.test", Roles.Reseller);
        var otherCustomerId = await factory.EnsureAccountAsync("bad-input-customer2@demo.test", Roles.Owner, otherResellerId);
        var filingId = await factory.FileWithInstanceAsync(DemoAccounts.Owner, "ens-demo-edge", "bad-input-filing.cn");
        await AuthorizationMatrixTests.SendMatrixBatchAsync(factory, ownerId);
        return new Context(ownerId, otherCustomerId, await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs), filingId);
    }
}

/// <summary>The suite on the development host (as the other functional tests run).</summary>
public sealed class BadInputTests(IcpFilingWebFactory factory, ITestOutputHelper output) : BadInputSuite(factory, output), IClassFixture<IcpFilingWebFactory>;

/// <summary>A host in the Production environment (exception handler page, HSTS, HTTPS redirection).</summary>
public sealed class ProductionFixture() : HostFixture(new IcpFilingWebFactory { EnvironmentName = "Production" });

/// <summary>The same suite in Production: what visitors of a deployed console get.</summary>
public sealed class BadInputProductionTests(ProductionFixture host, ITestOutputHelper output) : BadInputSuite(host.Factory, output), IClassFixture<ProductionFixture>;
