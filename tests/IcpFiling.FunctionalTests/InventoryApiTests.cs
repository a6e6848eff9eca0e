using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The inventory API over the real pipeline: keys and scopes, writes, batches, reads, problem details, the document.</summary>
public sealed class InventoryApiTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private async Task<(HttpClient Http, CreatedApiClient Client)> ClientAsync(params string[] scopes)
    {
        var created = await factory.WithServiceAsync<ApiClients, Outcome<CreatedApiClient>>((clients, _) =>
            clients.CreateAsync(new Actor("test", "Operator", null), "test " + string.Join('+', scopes), scopes, CancellationToken.None));
        var client = Outcomes.Done(created);
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.Key);
        return (http, client);
    }

    private static async Task<string> OwnerIdAsync(IcpFilingWebFactory factory) => await factory.AccountIdAsync(DemoAccounts.Owner);

    private static object Instance(string ownerId, long version, string region = "cn-shanghai", string status = "running") => new
    {
        ownerId,
        type = "ecs",
        name = "api instance",
        regionId = region,
        billing = "subscription",
        subscriptionStartsAt = DateTime.UtcNow.AddMonths(-1),
        purchasedMonths = 12,
        expiresAt = DateTime.UtcNow.AddMonths(11),
        publicIps = new[] { "121.40.7.8" },
        status,
        version,
    };

    /// <summary>Dates and counts no provider system can mean are refused with the field named, and nothing is stored.</summary>
    [Theory]
    [InlineData("subscriptionStartsAt", "0001-01-01T00:00:00Z", "Give a time from 2000-01-01 up to 2100-01-01 (UTC).")]
    [InlineData("expiresAt", "9999-12-31T00:00:00Z", "Give a time from 2000-01-01 up to 2100-01-01 (UTC).")]
    [InlineData("purchasedMonths", 0, "Give the months purchased, renewals included (1 to 1200).")]
    public async Task PutInstance_WithADateOrCountOutOfBounds_Is400NamingTheField(string field, object value, string message)
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var body = JsonSerializer.SerializeToNode(Instance(await OwnerIdAsync(factory), 1), JsonSerializerOptions.Web)!.AsObject();
        body[field] = JsonSerializer.SerializeToNode(value);

        var response = await http.PutAsJsonAsync($"/api/v1/instances/i-api-bounds-{field}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Equal(message, errors[field]![0]!.GetValue<string>());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Instances.CountAsync(i => i.InstanceId == $"i-api-bounds-{field}")));
    }

    [Fact]
    public async Task PutInstance_CreatesThenUpdates_ReplaysAreUnchanged_AndTheWriteIsAuditedAsTheClient()
    {
        var (http, client) = await ClientAsync(ApiScopes.InventoryWrite, ApiScopes.InventoryRead);
        var owner = await OwnerIdAsync(factory);

        var created = await http.PutAsJsonAsync("/api/v1/instances/i-api-1", Instance(owner, 1));
        var replayed = await http.PutAsJsonAsync("/api/v1/instances/i-api-1", Instance(owner, 1));
        var updated = await http.PutAsJsonAsync("/api/v1/instances/i-api-1", Instance(owner, 2));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("created", (await created.Content.ReadFromJsonAsync<JsonObject>())!["change"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("unchanged", (await replayed.Content.ReadFromJsonAsync<JsonObject>())!["change"]!.GetValue<string>());
        Assert.Equal("updated", (await updated.Content.ReadFromJsonAsync<JsonObject>())!["change"]!.GetValue<string>());
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectId == "i-api-1").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.InstanceCreated, AuditActions.InstanceUpdated], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal($"api-client:{client.Id}", a.ActorId));

        var read = await http.GetFromJsonAsync<JsonObject>("/api/v1/instances/i-api-1");
        Assert.True(read!["eligibility"]!["qualified"]!.GetValue<bool>());
        Assert.Equal(5, read["quota"]!["total"]!.GetValue<int>());
        Assert.Equal(2, read["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task StoppedByTheProvider_TheOwnersUnusedNumbersStayUnused_AndThePageSaysTheyCannotBeUsed()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var owner = await factory.AccountIdAsync(DemoAccounts.Owner2);
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsJsonAsync("/api/v1/instances/i-api-stop", Instance(owner, 1))).StatusCode);
        var number = (await factory.AddNumbersAsync(owner, "i-api-stop", 1))[0];

        var stopped = await http.PutAsJsonAsync("/api/v1/instances/i-api-stop", Instance(owner, 2, status: "stopped"));

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        using var client = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);
        var page = await client.GetAsync($"/icp-no/management?search={number}");
        var row = Assert.Single(page.QuerySelectorAll("tr"), r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Equal("Unused", row.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("[data-testid=stopped]"));
    }

    [Fact]
    public async Task SuspendedByTheProvider_TheOwnerCannotSignIn_AndGetsTheUsualAnswer()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var id = await factory.EnsureAccountAsync("suspend-me@demo.test", IcpFiling.Core.Accounts.Roles.Owner);
        using (await ConsoleClient.SignInAsync(factory, "suspend-me@demo.test"))
        {
            // Signs in while active.
        }

        var suspended = await http.PutAsJsonAsync($"/api/v1/accounts/{id}", new { email = "suspend-me@demo.test", status = "suspended", version = 1 });

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        using var client = ConsoleClient.Anonymous(factory);
        var page = await client.GetAsync("/Identity/Account/Login");
        var response = await client.PostFormAsync("/Identity/Account/Login", page,
            new Dictionary<string, string> { ["Input.Email"] = "suspend-me@demo.test", ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid e-mail or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-10-01T00:00:00+08:00", "2027-09-30T16:00:00Z")]
    [InlineData("2027-10-01T00:00:00Z", "2027-10-01T00:00:00Z")]
    [InlineData("2027-10-01T00:00:00", "2027-10-01T00:00:00Z")]
    public async Task PutInstance_StoresTimesAsUtc_TakingATimeWithoutAnOffsetAsUtc(string sent, string stored)
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var id = "i-api-time-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.SerializeToNode(Instance(await OwnerIdAsync(factory), 1), JsonSerializerOptions.Web)!;
        body["expiresAt"] = sent;

        var response = await http.PutAsJsonAsync($"/api/v1/instances/{id}", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var instance = await factory.InstanceAsync(id);
        Assert.Equal(DateTime.Parse(stored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), instance.ExpiresAt);
        Assert.Equal(DateTimeKind.Utc, instance.ExpiresAt.Kind);
    }

    [Fact]
    public async Task PutAccount_CreatesAnOwnerWithoutPassword_LinkedToItsReseller()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var reseller = await factory.AccountIdAsync(DemoAccounts.Reseller);

        var response = await http.PutAsJsonAsync("/api/v1/accounts/acct-api-1", new
        {
            email = "api-owner@example.cn", displayName = "API Owner", status = "active", resellerId = reseller, version = 1,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == "acct-api-1"));
        Assert.Equal(("api-owner@example.cn", reseller, (string?)null), (user.Email, user.ResellerId, user.PasswordHash));
    }

    [Fact]
    public async Task Batch_WithOneBadItem_Is400NamingItsIndexAndField_AndStoresNothing()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);
        var owner = await OwnerIdAsync(factory);
        var items = Enumerable.Range(0, 5).Select(i => (object)new { instance = Instance(owner, 1) }).ToList();
        var body = JsonSerializer.SerializeToNode(new { items }, JsonSerializerOptions.Web)!;
        for (var i = 0; i < 5; i++)
        {
            body["items"]![i]!["instance"]!["instanceId"] = $"i-api-batch-{i}";
        }

        body["items"]![3]!["instance"]!["regionId"] = "mars-1";

        var response = await http.PostAsJsonAsync("/api/v1/batches", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("mars-1 is not a region of this provider.", problem!["errors"]!["items[3].regionId"]![0]!.GetValue<string>());
        Assert.False(await factory.WithDbAsync(db => db.Instances.AnyAsync(i => i.InstanceId.StartsWith("i-api-batch-"))));
    }

    [Fact]
    public async Task Keys_WrongRevokedOrOutOfScope_Get401Or403_AndSayNothingAboutTheKey()
    {
        var (writer, writerClient) = await ClientAsync(ApiScopes.InventoryWrite);
        var (reader, _) = await ClientAsync(ApiScopes.InventoryRead);
        var (revoked, revokedClient) = await ClientAsync(ApiScopes.InventoryRead);
        Outcomes.Done(await factory.WithServiceAsync<ApiClients, Outcome<int>>((c, _) =>
            c.RevokeAsync(new Actor("test", "Operator", null), revokedClient.Id, CancellationToken.None)));
        using var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writerClient.Key[..^4] + "AAAA");
        using var cookie = (await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner)).Http;

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["wrong key"] = await wrong.GetAsync("/api/v1/changes"),
            ["revoked key"] = await revoked.GetAsync("/api/v1/changes"),
            ["no key, signed-in cookie"] = await cookie.GetAsync("/api/v1/changes"),
            ["write-only key reads"] = await writer.GetAsync("/api/v1/changes"),
            ["read-only key writes"] = await reader.PutAsJsonAsync("/api/v1/instances/i-api-scope", Instance(await OwnerIdAsync(factory), 1)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, responses["wrong key"].StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, responses["revoked key"].StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, responses["no key, signed-in cookie"].StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, responses["write-only key reads"].StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, responses["read-only key writes"].StatusCode);
        var unauthorizedBodies = new[] { responses["wrong key"], responses["revoked key"] }.Select(r => r.Content.ReadAsStringAsync().Result).ToList();
        Assert.Equal(unauthorizedBodies[0].Split("traceId")[0], unauthorizedBodies[1].Split("traceId")[0]);
        Assert.All(responses.Values, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.False(await factory.WithDbAsync(db => db.Instances.AnyAsync(i => i.InstanceId == "i-api-scope")));
    }

    [Fact]
    public async Task Changes_ListWhatWasWrittenAfterACursor_InOrder()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite, ApiScopes.InventoryRead);
        var start = (await http.GetFromJsonAsync<JsonObject>("/api/v1/changes?cursor=0&limit=500"))!;
        var cursor = start["nextCursor"]!.GetValue<long>();
        while (start["items"]!.AsArray().Count == 500)
        {
            start = (await http.GetFromJsonAsync<JsonObject>($"/api/v1/changes?cursor={cursor}&limit=500"))!;
            cursor = start["nextCursor"]!.GetValue<long>();
        }

        await http.PutAsJsonAsync("/api/v1/instances/i-api-changes", Instance(await OwnerIdAsync(factory), 1));
        await http.PutAsJsonAsync("/api/v1/instances/i-api-changes", Instance(await OwnerIdAsync(factory), 2, status: "released"));

        var changes = (await http.GetFromJsonAsync<JsonObject>($"/api/v1/changes?cursor={cursor}"))!;
        var mine = changes["items"]!.AsArray().Where(c => c!["id"]!.GetValue<string>() == "i-api-changes").Select(c => c!["action"]!.GetValue<string>());
        Assert.Equal([AuditActions.InstanceCreated, AuditActions.InstanceUpdated], mine);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "{\"version\": \"many\"")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "{\"status\": \"flying\", \"version\": 1}")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "{\"version\": 99999999999999999999999999}")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "{\"purchasedMonths\": -3, \"version\": 1}")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "[]")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "{\"publicIps\": \"1.2.3.4\", \"version\": 1}")]
    [InlineData("PUT", "/api/v1/instances/a%01b", "{\"version\": 1}")]
    [InlineData("PUT", "/api/v1/accounts/acct-bad", "{\"email\": \"no-at-sign\", \"version\": 1}")]
    [InlineData("PUT", "/api/v1/accounts/acct-bad", "{\"email\": \"x@y.cn\", \"resellerId\": \"acct-bad\", \"version\": 1}")]
    [InlineData("POST", "/api/v1/batches", "{\"items\": null}")]
    [InlineData("POST", "/api/v1/batches", "{\"items\": [{}]}")]
    [InlineData("POST", "/api/v1/batches", "{\"items\": [null]}")]
    [InlineData("PUT", "/api/v1/instances/i-api-bad", "null")]
    [InlineData("POST", "/api/v1/batches", "{\"items\": [{\"account\": {\"version\": 1}, \"instance\": {\"version\": 1}}]}")]
    [InlineData("POST", "/api/v1/batches", "{\"items\": \"lots\"}")]
    [InlineData("GET", "/api/v1/changes?cursor=abc", null)]
    public async Task BadInput_WithAValidKey_Is400ProblemDetails_AndWritesNothing(string method, string url, string? body)
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite, ApiScopes.InventoryRead);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "application/problem+json", "text/plain" });
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemDetails_Not500()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite);

        var response = await http.PutAsync("/api/v1/instances/i-api-bad", new StringContent("{\"version\": \"many\"", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryApiEndpoint_AndEachCanBeCalledAsDocumented()
    {
        var (http, _) = await ClientAsync(ApiScopes.InventoryWrite, ApiScopes.InventoryRead);
        var document = (await http.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key.ToUpperInvariant(), Path: path.Key)))
            // The owners' and resellers' token endpoints have a test of their own (TokenApiTests).
            .Where(op => !op.Path.StartsWith("/api/v1/my/", StringComparison.Ordinal) && !op.Path.StartsWith("/api/v1/reseller/", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("PUT", "/api/v1/accounts/{accountId}"), ("PUT", "/api/v1/instances/{instanceId}"), ("GET", "/api/v1/instances/{instanceId}"),
                ("POST", "/api/v1/batches"), ("GET", "/api/v1/changes"),
            },
            documented);
        // A client written from the document: each operation, called with its path filled in, is routed (never 404/405 for the route).
        foreach (var (method, path) in documented)
        {
            var url = path.Replace("{accountId}", "acct-doc", StringComparison.Ordinal).Replace("{instanceId}", "i-demo-ecs-web01", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{method} {url}: {(int)response.StatusCode}");
        }
    }
}
