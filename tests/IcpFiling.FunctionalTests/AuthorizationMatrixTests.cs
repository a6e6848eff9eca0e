using System.Net;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Every page and action of the product, as every kind of user, with the exact outcome of each cell.
/// The endpoints come from the app's route table: a page that is not in <see cref="Rows"/> fails the test.
/// </summary>
public sealed partial class AuthorizationMatrixTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [System.Text.RegularExpressions.GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex InlineScript();

    public enum Actor
    {
        Anonymous,
        Owner,
        OtherOwner,
        Reseller,
        OtherReseller,
        Support,
        Admin,
    }

    /// <summary>What a request answers. POSTs are also sent without the antiforgery token: then Ok/Redirect/NotFound become 400.</summary>
    public enum Outcome
    {
        /// <summary>200.</summary>
        Ok,

        /// <summary>302 to the sign-in page.</summary>
        SignIn,

        /// <summary>302 elsewhere (post/redirect/get, or the home page sending a role to its start page).</summary>
        Redirect,

        /// <summary>403.</summary>
        Forbidden,

        /// <summary>404.</summary>
        NotFound,

        /// <summary>401: the API takes API keys only, never the console's cookie.</summary>
        Unauthorized,
    }

    /// <summary>IDs the rows need, arranged once per test run.</summary>
    public sealed record Context(string OwnerId, string OtherResellersCustomerId, string UnusedNumber, long OwnerFilingId, int OwnersRevokedTokenId = 0);

    /// <summary>A batch the owner sent before the walk (its result page is the owner's alone).</summary>
    internal const string MatrixBatchKey = "matrix-batch";

    /// <summary>Sends <see cref="MatrixBatchKey"/> for the owner: one number for the matrix's instance.</summary>
    internal static async Task SendMatrixBatchAsync(IcpFilingWebFactory factory, string ownerId)
    {
        var outcome = await factory.WithServiceAsync<BatchApplication, IcpFiling.Core.Changes.Outcome<BatchApplyResult>>((batches, _) =>
            batches.ApplyAsync(new BatchApplyRequest(ownerId, MatrixBatchKey, [new BatchApplyLine(MatrixOwnerInstance, 1)]), CancellationToken.None));
        Assert.True(outcome.Succeeded && outcome.Value!.Refused == 0, "The matrix's batch was not issued.");
    }

    /// <summary>
    /// One endpoint: how to call it, and what each actor gets. A Razor page ("ANY") with a form is also posted:
    /// <paramref name="Posted"/> is what each actor gets then, and 400 without the antiforgery token unless the
    /// actor is refused before (not signed in, wrong role). <paramref name="Open"/>: the page admits anyone, so
    /// every refusal comes from the page itself, after the token check.
    /// </summary>
    public sealed record Row(
        string Method,
        string Pattern,
        Func<Context, string> Url,
        Func<Context, Dictionary<string, string>>? Form,
        IReadOnlyDictionary<Actor, Outcome> Expected,
        IReadOnlyDictionary<Actor, Outcome>? Posted = null,
        bool Open = false);

    private const Outcome S = Outcome.SignIn;
    private const Outcome F = Outcome.Forbidden;

    private const string MatrixOwnerInstance = "i-demo-ecs-api";
    private const string MatrixSupportInstance = DemoAccounts.QualifiedEcs2;

    private static Dictionary<Actor, Outcome> Expect(
        Outcome anonymous, Outcome owner, Outcome otherOwner, Outcome reseller, Outcome otherReseller, Outcome support, Outcome admin) =>
        new()
        {
            [Actor.Anonymous] = anonymous,
            [Actor.Owner] = owner,
            [Actor.OtherOwner] = otherOwner,
            [Actor.Reseller] = reseller,
            [Actor.OtherReseller] = otherReseller,
            [Actor.Support] = support,
            [Actor.Admin] = admin,
        };

    private static Dictionary<Actor, Outcome> OwnersOnly(Outcome owner = Outcome.Ok, Outcome otherOwner = Outcome.Ok) => Expect(S, owner, otherOwner, F, F, F, F);

    private static Dictionary<Actor, Outcome> ResellersOnly(Outcome reseller = Outcome.Ok, Outcome otherReseller = Outcome.Ok) => Expect(S, F, F, reseller, otherReseller, F, F);

    private static Dictionary<Actor, Outcome> SupportOnly(Outcome support = Outcome.Ok) => Expect(S, F, F, F, F, support, F);

    private static Dictionary<Actor, Outcome> AdminsOnly(Outcome admin = Outcome.Ok) => Expect(S, F, F, F, F, F, admin);

    /// <summary>The administrators' rows act on the other reseller's customer, so no other row's actor is signed out or locked.</summary>
    private static string Target(Context c) => $"/admin/accounts/{c.OtherResellersCustomerId}";

    /// <summary>The API answers 401 to everyone here: no actor of the matrix carries an API key, and cookies never count.</summary>
    private static Dictionary<Actor, Outcome> ApiKeyOnly() => Expect(
        Outcome.Unauthorized, Outcome.Unauthorized, Outcome.Unauthorized, Outcome.Unauthorized, Outcome.Unauthorized, Outcome.Unauthorized, Outcome.Unauthorized);

    private static Dictionary<Actor, Outcome> Everyone(Outcome outcome = Outcome.Ok) => Expect(outcome, outcome, outcome, outcome, outcome, outcome, outcome);

    private static Dictionary<string, string> Reason(string prefix) => new() { [$"{prefix}.Reason"] = "authorization matrix" };

    /// <summary>The account's own pages: anyone signed in, each for their own account only (there is no other account's URL).</summary>
    private static Dictionary<Actor, Outcome> SignedIn(Outcome outcome = Outcome.Ok) => Expect(S, outcome, outcome, outcome, outcome, outcome, outcome);

    private const string Manage = "/Identity/Account/Manage";

    /// <summary>
    /// The matrix, in the order it is walked (state-changing rows are ordered so each finds the state it needs).
    /// Method "ANY" is a Razor page (it has no HTTP method metadata); it is requested with GET.
    /// </summary>
    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("GET", "/", _ => "/", null, Expect(S, Outcome.Redirect, Outcome.Redirect, Outcome.Redirect, Outcome.Redirect, Outcome.Redirect, Outcome.Redirect)),
        // The language switcher: anyone, signed in or not; it remembers the choice and goes back.
        new("POST", "/language", _ => "/language", _ => new() { ["culture"] = "zh-Hans", ["returnUrl"] = "/" }, Everyone(Outcome.Redirect)),
        new("ANY", "/Identity/Account/Login", _ => "/Identity/Account/Login", null, Expect(Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok)),

        // Owner pages: another owner's instance is a 404, never a leak.
        new("GET", "/icp-no/application", _ => "/icp-no/application", null, OwnersOnly()),
        new("GET", "/icp-no/application/{instanceId}/apply", _ => $"/icp-no/application/{MatrixOwnerInstance}/apply", null, OwnersOnly(otherOwner: Outcome.NotFound)),
        new("POST", "/icp-no/application/apply", _ => "/icp-no/application/apply",
            _ => new() { ["InstanceId"] = MatrixOwnerInstance, ["IdempotencyKey"] = Guid.NewGuid().ToString("N") },
            OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.NotFound)),
        // Batch apply: the review goes on to the confirmation (another owner's instance is a 404); the batch itself
        // answers with its result page, where another owner's instance is a refused line like one that does not exist.
        new("POST", "/icp-no/application/batch/review", _ => "/icp-no/application/batch/review",
            _ => new() { ["Selected"] = MatrixOwnerInstance, [$"Quantity[{MatrixOwnerInstance}]"] = "1" },
            OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.NotFound)),
        new("GET", "/icp-no/application/batch", _ => $"/icp-no/application/batch?line={MatrixOwnerInstance}:1", null, OwnersOnly(otherOwner: Outcome.NotFound)),
        new("POST", "/icp-no/application/batch", _ => "/icp-no/application/batch",
            _ => new() { ["BatchKey"] = Guid.NewGuid().ToString("N"), ["Lines[0].InstanceId"] = MatrixOwnerInstance, ["Lines[0].Quantity"] = "1" },
            OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.Redirect)),
        new("GET", "/icp-no/application/batch/{key}", _ => $"/icp-no/application/batch/{MatrixBatchKey}?line={MatrixOwnerInstance}:1", null,
            OwnersOnly(otherOwner: Outcome.NotFound)),
        new("GET", "/icp-no/management", _ => "/icp-no/management", null, OwnersOnly()),
        new("GET", "/icp-no/management/export", _ => "/icp-no/management/export", null, OwnersOnly()),
        new("GET", "/icp-no/management/granted", _ => "/icp-no/management/granted", null, OwnersOnly()),
        new("GET", "/icp-no/management/{number}/restrict", c => $"/icp-no/management/{c.UnusedNumber}/restrict", null, OwnersOnly(otherOwner: Outcome.NotFound)),
        new("POST", "/icp-no/management/{number}/restrict", c => $"/icp-no/management/{c.UnusedNumber}/restrict",
            _ => new() { ["Email"] = DemoAccounts.Owner2 }, OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.NotFound)),
        new("GET", "/icp-no/filings", _ => "/icp-no/filings", null, OwnersOnly()),
        new("GET", "/icp-no/filings/new", _ => "/icp-no/filings/new", null, OwnersOnly()),
        new("GET", "/icp-no/filings/new/instances", _ => "/icp-no/filings/new/instances", null, OwnersOnly()),
        // A number that does not exist: back to the form's GET address with the reason (302), nothing is written.
        new("POST", "/icp-no/filings/new", _ => "/icp-no/filings/new",
            _ => new() { ["Domain"] = "matrix-new.cn", ["SubjectName"] = "Matrix", ["Method"] = "Number", ["ServiceNumber"] = Guid.NewGuid().ToString() },
            OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.Redirect)),
        new("GET", "/icp-no/filings/{id:long}/cancel", c => $"/icp-no/filings/{c.OwnerFilingId}/cancel", null, OwnersOnly(otherOwner: Outcome.NotFound)),
        new("GET", "/icp-no/filings/{id:long}/remove-provider", c => $"/icp-no/filings/{c.OwnerFilingId}/remove-provider", null, OwnersOnly(otherOwner: Outcome.NotFound)),
        new("POST", "/icp-no/filings/{id:long}/cancel", c => $"/icp-no/filings/{c.OwnerFilingId}/cancel", _ => [], OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.NotFound)),
        new("POST", "/icp-no/filings/{id:long}/remove-provider", c => $"/icp-no/filings/{c.OwnerFilingId}/remove-provider", _ => [],
            OwnersOnly(owner: Outcome.Redirect, otherOwner: Outcome.NotFound)),
        new("GET", "/activity", _ => "/activity", null, OwnersOnly()),

        // API tokens: owners and resellers, each on their own tokens (another account's token is a 404).
        new("GET", "/Account/Tokens", _ => "/Account/Tokens", null, Expect(S, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, F, F)),
        new("POST", "/Account/Tokens", _ => "/Account/Tokens",
            _ => new() { ["New.Name"] = "matrix", ["New.Scopes"] = "numbers:read", ["New.ExpiresInDays"] = "30" },
            Expect(S, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, F, F)),
        // The owner's own token, already revoked: revoking again says so (a redirect); anyone else's is a 404.
        new("POST", "/Account/Tokens/{id:int}/revoke", c => $"/Account/Tokens/{c.OwnersRevokedTokenId}/revoke", _ => [],
            Expect(S, Outcome.Redirect, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, F, F)),

        // Reseller pages: another reseller's customer is a 404.
        new("GET", "/reseller/customers", _ => "/reseller/customers", null, ResellersOnly()),
        new("GET", "/reseller/numbers", _ => "/reseller/numbers", null, ResellersOnly()),
        new("GET", "/reseller/numbers/export", _ => "/reseller/numbers/export", null, ResellersOnly()),
        new("GET", "/reseller/customers/{accountId}/activity", c => $"/reseller/customers/{c.OwnerId}/activity", null, ResellersOnly(otherReseller: Outcome.NotFound)),

        // Support pages and actions.
        new("GET", "/support/instances", _ => "/support/instances", null, SupportOnly()),
        new("GET", "/support/instances/{instanceId}", _ => $"/support/instances/{MatrixSupportInstance}", null, SupportOnly()),
        new("POST", "/support/instances/{instanceId}/hold", _ => $"/support/instances/{MatrixSupportInstance}/hold", _ => Reason("Hold"), SupportOnly(Outcome.Redirect)),
        new("POST", "/support/instances/{instanceId}/release", _ => $"/support/instances/{MatrixSupportInstance}/release", _ => Reason("Hold"), SupportOnly(Outcome.Redirect)),
        new("POST", "/support/instances/{instanceId}/quota-override", _ => $"/support/instances/{MatrixSupportInstance}/quota-override",
            _ => new() { ["Override.Quota"] = "10", ["Override.Reason"] = "authorization matrix" }, SupportOnly(Outcome.Redirect)),
        new("POST", "/support/instances/{instanceId}/quota-override/clear", _ => $"/support/instances/{MatrixSupportInstance}/quota-override/clear",
            _ => Reason("Clear"), SupportOnly(Outcome.Redirect)),
        new("POST", "/support/numbers/{number}/void", c => $"/support/numbers/{c.UnusedNumber}/void", _ => Reason("Void"), SupportOnly(Outcome.Redirect)),
        new("GET", "/support/accounts/{accountId}/history", c => $"/support/accounts/{c.OwnerId}/history", null, SupportOnly()),

        // Sign-in, sign-out and password links: anyone. The second sign-in step without a password step goes back to sign-in.
        new("ANY", "/Identity/Account/Logout", _ => "/Identity/Account/Logout", null, Everyone()),
        new("ANY", "/Identity/Account/ForgotPassword", _ => "/Identity/Account/ForgotPassword", null, Everyone()),
        new("ANY", "/Identity/Account/ResetPassword", _ => "/Identity/Account/ResetPassword", null, Everyone()),
        new("ANY", "/Identity/Account/LoginWith2fa", _ => "/Identity/Account/LoginWith2fa", _ => new() { ["Input.Code"] = "000000" },
            Everyone(S), Posted: Everyone(S), Open: true),
        new("ANY", "/Identity/Account/LoginWithRecoveryCode", _ => "/Identity/Account/LoginWithRecoveryCode", _ => new() { ["Input.Code"] = "not-a-code" },
            Everyone(S), Posted: Everyone(S), Open: true),

        // Account settings: every signed-in account, its own settings. Refused forms come back (200); nothing changes.
        new("ANY", Manage, _ => Manage, null, SignedIn()),
        new("ANY", $"{Manage}/Index", _ => $"{Manage}/Index", null, SignedIn()),
        new("ANY", $"{Manage}/ChangePassword", _ => $"{Manage}/ChangePassword",
            _ => new() { ["Input.OldPassword"] = "not the password", ["Input.NewPassword"] = "Matrix#2026x", ["Input.ConfirmPassword"] = "Matrix#2026x" },
            SignedIn(), Posted: SignedIn()),
        new("ANY", $"{Manage}/TwoFactorAuthentication", _ => $"{Manage}/TwoFactorAuthentication?handler=ForgetBrowser", _ => [],
            SignedIn(), Posted: SignedIn(Outcome.Redirect)),
        new("ANY", $"{Manage}/EnableAuthenticator", _ => $"{Manage}/EnableAuthenticator", _ => new() { ["Input.Code"] = "12345" },
            SignedIn(), Posted: SignedIn()),
        // Two-factor sign-in is off for every actor: these pages send back to the two-factor page.
        new("ANY", $"{Manage}/ShowRecoveryCodes", _ => $"{Manage}/ShowRecoveryCodes", null, SignedIn(Outcome.Redirect)),
        new("ANY", $"{Manage}/GenerateRecoveryCodes", _ => $"{Manage}/GenerateRecoveryCodes", _ => [],
            SignedIn(Outcome.Redirect), Posted: SignedIn(Outcome.Redirect)),
        new("ANY", $"{Manage}/Disable2fa", _ => $"{Manage}/Disable2fa", _ => [], SignedIn(Outcome.Redirect), Posted: SignedIn(Outcome.Redirect)),
        new("ANY", $"{Manage}/SignIns", _ => $"{Manage}/SignIns", null, SignedIn()),

        // The inventory API: API keys only. Its document and reference page are public.
        new("PUT", "/api/v1/accounts/{accountId}", _ => "/api/v1/accounts/acct-matrix", null, ApiKeyOnly()),
        new("PUT", "/api/v1/instances/{instanceId}", _ => $"/api/v1/instances/{MatrixOwnerInstance}", null, ApiKeyOnly()),
        new("GET", "/api/v1/instances/{instanceId}", _ => $"/api/v1/instances/{MatrixOwnerInstance}", null, ApiKeyOnly()),
        new("POST", "/api/v1/batches", _ => "/api/v1/batches", null, ApiKeyOnly()),
        new("GET", "/api/v1/changes", _ => "/api/v1/changes", null, ApiKeyOnly()),
        // The owners' and resellers' API: personal access tokens only; the console's cookie is a 401 there too.
        new("GET", "/api/v1/my/instances", _ => "/api/v1/my/instances", null, ApiKeyOnly()),
        new("POST", "/api/v1/my/apply", _ => "/api/v1/my/apply", null, ApiKeyOnly()),
        new("GET", "/api/v1/my/numbers", _ => "/api/v1/my/numbers", null, ApiKeyOnly()),
        new("GET", "/api/v1/my/numbers/{number}", c => $"/api/v1/my/numbers/{c.UnusedNumber}", null, ApiKeyOnly()),
        new("PUT", "/api/v1/my/numbers/{number}/restriction", c => $"/api/v1/my/numbers/{c.UnusedNumber}/restriction", null, ApiKeyOnly()),
        new("DELETE", "/api/v1/my/numbers/{number}/restriction", c => $"/api/v1/my/numbers/{c.UnusedNumber}/restriction", null, ApiKeyOnly()),
        new("GET", "/api/v1/my/granted-numbers", _ => "/api/v1/my/granted-numbers", null, ApiKeyOnly()),
        new("GET", "/api/v1/reseller/customers", _ => "/api/v1/reseller/customers", null, ApiKeyOnly()),
        new("GET", "/api/v1/reseller/numbers", _ => "/api/v1/reseller/numbers", null, ApiKeyOnly()),
        new("GET", "/api/v1/reseller/customers/{customerId}/numbers", c => $"/api/v1/reseller/customers/{c.OwnerId}/numbers", null, ApiKeyOnly()),
        new("GET", "/api/openapi/{documentName}.json", _ => "/api/openapi/v1.json", null, Everyone()),
        new("GET", "/api/reference", _ => "/api/reference", null, Everyone()),

        // The administrators' console (last: its actions change an account).
        new("GET", "/admin", _ => "/admin", null, AdminsOnly()),
        new("GET", "/admin/accounts", _ => "/admin/accounts", null, AdminsOnly()),
        new("GET", "/admin/accounts/new", _ => "/admin/accounts/new", null, AdminsOnly()),
        // Created, and (no SMTP in the matrix) the invitation link shown on the page: 200.
        new("POST", "/admin/accounts/new", _ => "/admin/accounts/new",
            _ => new() { ["Email"] = $"matrix-{Guid.NewGuid():N}@demo.test", ["Role"] = Roles.Support }, AdminsOnly()),
        new("GET", "/admin/accounts/{accountId}", c => Target(c), null, AdminsOnly()),
        new("POST", "/admin/accounts/{accountId}/password-link", c => $"{Target(c)}/password-link", _ => [], AdminsOnly()),
        new("POST", "/admin/accounts/{accountId}/role", c => $"{Target(c)}/role",
            _ => new() { ["ChangeRole.Role"] = Roles.Owner, ["ChangeRole.Reason"] = "authorization matrix" }, AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/reseller", c => $"{Target(c)}/reseller",
            _ => new() { ["Reseller.ResellerEmail"] = "matrix-reseller2@demo.test" }, AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/reseller/unlink", c => $"{Target(c)}/reseller/unlink", _ => Reason("Unlink"), AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/lock", c => $"{Target(c)}/lock", _ => Reason("Lock"), AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/unlock", c => $"{Target(c)}/unlock", _ => [], AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/sign-out", c => $"{Target(c)}/sign-out", _ => Reason("SignOut"), AdminsOnly(Outcome.Redirect)),
        new("GET", "/admin/api-clients", _ => "/admin/api-clients", null, AdminsOnly()),
        new("GET", "/admin/audit", _ => "/admin/audit", null, AdminsOnly()),
        new("GET", "/admin/configuration", _ => "/admin/configuration", null, AdminsOnly()),
        new("GET", "/admin/inventory", _ => "/admin/inventory", null, AdminsOnly()),
        new("GET", "/admin/inventory/export/{kind}", _ => "/admin/inventory/export/Instances", null, AdminsOnly()),
        // No file: the page again with the message (200), nothing written.
        new("POST", "/admin/inventory/import", _ => "/admin/inventory/import", _ => new() { ["kind"] = "Accounts" }, AdminsOnly(Outcome.Redirect)),
        new("GET", "/admin/audit/export", _ => "/admin/audit/export", null, AdminsOnly()),
        // Created: the key is shown on the page (200).
        new("POST", "/admin/api-clients", _ => "/admin/api-clients",
            _ => new() { ["New.Name"] = "matrix", ["New.Scopes"] = "inventory:read" }, AdminsOnly()),
        new("POST", "/admin/api-clients/{id:int}/rotate", _ => "/admin/api-clients/1/rotate", _ => [], AdminsOnly()),
        new("POST", "/admin/api-clients/{id:int}/revoke", _ => "/admin/api-clients/1/revoke", _ => Reason("Revoke"), AdminsOnly(Outcome.Redirect)),
        new("POST", "/admin/accounts/{accountId}/two-factor/reset", c => $"{Target(c)}/two-factor/reset", _ => Reason("TwoFactor"), AdminsOnly(Outcome.Redirect)),
    ];

    /// <summary>
    /// Endpoints that are not product pages: health probes, the error page, and Identity UI's stock pages the console
    /// does not offer (they answer 404 to everyone: BadInputTests). Every page it offers is in the matrix.
    /// </summary>
    private static bool IsExcluded(string pattern) =>
        pattern is "/healthz" or "/readyz"
        || pattern.StartsWith("/error/", StringComparison.Ordinal)
        || (pattern.StartsWith("/Identity/", StringComparison.Ordinal)
            && !IcpFiling.Web.Hosting.IdentityPages.IsOffered(pattern["/Identity".Length..])
            && !IcpFiling.Web.Hosting.IdentityPages.IsOffered(pattern["/Identity".Length..] + "/Index"));

    private static IEnumerable<(string Method, string Pattern)> Discovered(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                return (methods is { Count: > 0 } ? methods : ["ANY"]).Select(method => (method, pattern));
            })
            .Where(e => !IsExcluded(e.pattern))
            .Distinct();

    [Fact]
    public void EveryEndpoint_IsInTheMatrix()
    {
        var discovered = Discovered(factory.Services).ToHashSet();
        var listed = Rows.Select(r => (r.Method, r.Pattern)).ToHashSet();

        var missing = discovered.Except(listed).OrderBy(e => e.Pattern).ThenBy(e => e.Method).ToList();
        var stale = listed.Except(discovered).ToList();
        var message = new StringBuilder();
        if (missing.Count > 0)
        {
            message.AppendLine("These endpoints are not in the authorization matrix. Add a row for each to AuthorizationMatrixTests.Rows")
                .AppendLine("(a concrete URL, the form for a POST, and the expected outcome for every actor), for example:");
            foreach (var (method, pattern) in missing)
            {
                var form = method == "POST" ? "_ => new() { /* fields */ }" : "null";
                message.AppendLine(
                    $"    new(\"{method}\", \"{pattern}\", c => \"{pattern}\" /* fill in route values */, {form}, Expect(anonymous, owner, otherOwner, reseller, otherReseller, support, admin)),");
            }
        }

        if (stale.Count > 0)
        {
            message.AppendLine("These matrix rows match no endpoint any more; remove or correct them:");
            foreach (var (method, pattern) in stale)
            {
                message.AppendLine($"    {method} {pattern}");
            }
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    [Fact]
    public async Task EveryEndpoint_AsEveryActor_AnswersExactlyAsExpected()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var otherResellerId = await factory.EnsureAccountAsync("matrix-reseller2@demo.test", Roles.Reseller);
        var otherCustomerId = await factory.EnsureAccountAsync("matrix-customer2@demo.test", Roles.Owner, otherResellerId);
        var filingId = await factory.FileWithInstanceAsync(DemoAccounts.Owner, "ens-demo-edge", "matrix-filing.cn");
        var token = Outcomes.Done(await factory.WithServiceAsync<PersonalAccessTokens, IcpFiling.Core.Changes.Outcome<CreatedToken>>((tokens, _) =>
            tokens.CreateAsync(IcpFiling.Core.Changes.Actor.Owner(ownerId, null), "matrix revoked", [TokenScopes.NumbersRead], 1, CancellationToken.None)));
        await factory.WithServiceAsync<PersonalAccessTokens, IcpFiling.Core.Changes.Outcome<int>>((tokens, _) =>
            tokens.RevokeAsync(IcpFiling.Core.Changes.Actor.Owner(ownerId, null), token.Id, CancellationToken.None));
        await SendMatrixBatchAsync(factory, ownerId);
        var context = new Context(ownerId, otherCustomerId, await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs), filingId, token.Id);

        var clients = new Dictionary<Actor, ConsoleClient>
        {
            [Actor.Anonymous] = ConsoleClient.Anonymous(factory),
            [Actor.Owner] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner),
            [Actor.OtherOwner] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2),
            [Actor.Reseller] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller),
            [Actor.OtherReseller] = await ConsoleClient.SignInAsync(factory, "matrix-reseller2@demo.test"),
            [Actor.Support] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support),
            [Actor.Admin] = await ConsoleClient.SignInAsync(factory, DemoAccounts.Admin),
        };
        try
        {
            var failures = new List<string>();
            foreach (var row in Rows)
            {
                var url = row.Url(context);
                foreach (var (actor, client) in clients)
                {
                    var expected = row.Expected[actor];
                    if (row.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && row.Method != "GET")
                    {
                        // API writes take JSON and no antiforgery token; without a key they never get that far.
                        using var request = new HttpRequestMessage(new HttpMethod(row.Method), url)
                        {
                            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                        };
                        Check(failures, row, actor, row.Method, await client.Http.SendAsync(request), expected);
                    }
                    else if (row.Method == "POST")
                    {
                        // Without the token first: refused before anything happens (after authentication and authorization).
                        var withoutToken = await client.PostAsync(url, row.Form!(context));
                        Check(failures, row, actor, "POST without token", withoutToken,
                            expected is Outcome.SignIn or Outcome.Forbidden ? expected : null);
                        var page = await client.GetAsync("/Identity/Account/Login");
                        Check(failures, row, actor, "POST", await client.PostFormAsync(url, page, row.Form!(context)), expected);
                    }
                    else
                    {
                        if (row.Posted is { } posted)
                        {
                            var withoutToken = await client.PostAsync(url, row.Form!(context));
                            Check(failures, row, actor, "POST page without token", withoutToken,
                                !row.Open && posted[actor] is Outcome.SignIn or Outcome.Forbidden ? posted[actor] : null);
                            var form = await client.GetAsync("/Identity/Account/Login");
                            Check(failures, row, actor, "POST page", await client.PostFormAsync(url, form, row.Form!(context)), posted[actor]);
                        }

                        var response = await client.Http.GetAsync(url);
                        Check(failures, row, actor, "GET", response, expected);
                        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
                        {
                            // The Content-Security-Policy forbids inline script and style: no page may carry any.
                            var html = await response.Content.ReadAsStringAsync();
                            if (InlineScript().IsMatch(html) || html.Contains(" style=\"", StringComparison.Ordinal))
                            {
                                failures.Add($"  GET {row.Pattern} as {actor}: the page has inline script or style");
                            }
                        }
                    }
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} cell(s) differ:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Compares one cell; a null expectation means 400 Bad Request (missing antiforgery token).</summary>
    private static void Check(List<string> failures, Row row, Actor actor, string how, HttpResponseMessage response, Outcome? expected)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var toSignIn = location.StartsWith("/Identity/Account/Login", StringComparison.Ordinal)
            || location.Contains("/Identity/Account/Login?", StringComparison.Ordinal);
        var ok = expected switch
        {
            null => response.StatusCode == HttpStatusCode.BadRequest,
            Outcome.Ok => response.StatusCode == HttpStatusCode.OK,
            Outcome.SignIn => response.StatusCode == HttpStatusCode.Redirect && toSignIn,
            Outcome.Redirect => response.StatusCode == HttpStatusCode.Redirect && !toSignIn,
            Outcome.Forbidden => response.StatusCode == HttpStatusCode.Forbidden,
            Outcome.NotFound => response.StatusCode == HttpStatusCode.NotFound,
            Outcome.Unauthorized => response.StatusCode == HttpStatusCode.Unauthorized,
            _ => false,
        };
        if (!ok)
        {
            failures.Add($"  {how} {row.Pattern} as {actor}: expected {expected?.ToString() ?? "400"}, got {(int)response.StatusCode} {location}");
        }
    }
}
