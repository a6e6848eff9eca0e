using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;
using IcpFiling.Testing;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Every request body of every API (the owners' token API, the inventory API; the resellers' API takes none), taken
/// from a valid example and broken at every node: the node null, the member left out, a null appended to a list, a value
/// of the wrong JSON type, and the whole body null, empty, a list or a string. Each answer is a success, a refusal (409)
/// or a 400 problem+json whose errors name the broken field, in English or Chinese as the caller asked, never a 5xx.
/// </summary>
public abstract class ApiBodySweep(IcpFilingWebFactory factory, ITestOutputHelper output)
{
    /// <summary>One API action that takes a body: how to call it, and a body it accepts.</summary>
    private sealed record Endpoint(string Method, string Route, string Url, Func<HttpClient> Client, JsonNode Valid, bool NeedsIdempotencyKey = false);

    private async Task<IReadOnlyList<Endpoint>> EndpointsAsync()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var token = Outcomes.Done(await factory.WithServiceAsync<PersonalAccessTokens, Outcome<CreatedToken>>((tokens, _) =>
            tokens.CreateAsync(new Actor(ownerId, Roles.Owner, null), "sweep", [TokenScopes.NumbersRead, TokenScopes.NumbersApply, TokenScopes.NumbersGrant], 30, CancellationToken.None)));
        var key = Outcomes.Done(await factory.WithServiceAsync<ApiClients, Outcome<CreatedApiClient>>((clients, _) =>
            clients.CreateAsync(new Actor("test", "Operator", null), "sweep", [ApiScopes.InventoryWrite, ApiScopes.InventoryRead], CancellationToken.None)));
        var number = await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs);
        HttpClient With(string secret)
        {
            var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return http;
        }

        var account = new JsonObject
        {
            ["email"] = "sweep@example.cn", ["displayName"] = "Sweep", ["status"] = "active", ["resellerId"] = null, ["version"] = 1,
        };
        var instance = new JsonObject
        {
            ["ownerId"] = ownerId, ["type"] = "ecs", ["name"] = "sweep", ["regionId"] = "cn-hangzhou", ["billing"] = "subscription",
            ["subscriptionStartsAt"] = "2026-10-01T00:00:00Z", ["purchasedMonths"] = 12, ["expiresAt"] = "2027-10-01T00:00:00Z",
            ["publicIps"] = new JsonArray("47.96.12.200"), ["status"] = "running", ["trial"] = false, ["provider"] = "thisProvider",
            ["orderAmount"] = null, ["version"] = 1,
        };
        var batchAccount = account.DeepClone();
        batchAccount["accountId"] = "sweep-account";
        var batchInstance = instance.DeepClone();
        batchInstance["instanceId"] = "i-sweep-batch";
        return
        [
            new("POST", "api/v1/my/apply", "/api/v1/my/apply", () => With(token.Token),
                new JsonObject { ["instanceId"] = DemoAccounts.QualifiedEcs, ["quantity"] = 1 }, NeedsIdempotencyKey: true),
            new("POST", "api/v1/my/apply", "/api/v1/my/apply", () => With(token.Token),
                new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["instanceId"] = DemoAccounts.QualifiedEcs2, ["quantity"] = 1 }) },
                NeedsIdempotencyKey: true),
            new("PUT", "api/v1/my/numbers/{number}/restriction", $"/api/v1/my/numbers/{number}/restriction", () => With(token.Token),
                new JsonObject { ["email"] = DemoAccounts.Owner2, ["note"] = "sweep" }),
            new("PUT", "api/v1/accounts/{accountId}", "/api/v1/accounts/sweep-account", () => With(key.Key), account),
            new("PUT", "api/v1/instances/{instanceId}", "/api/v1/instances/i-sweep", () => With(key.Key), instance),
            new("POST", "api/v1/batches", "/api/v1/batches", () => With(key.Key),
                new JsonObject { ["items"] = new JsonArray(new JsonObject { ["account"] = batchAccount }, new JsonObject { ["instance"] = batchInstance }) }),
        ];
    }

    /// <summary>One broken body: where it was broken (a JSON path, <c>$</c> for the body) and the text sent.</summary>
    private sealed record Broken(string Path, string How, string Body);

    private static IEnumerable<Broken> Break(JsonNode valid)
    {
        foreach (var raw in new[] { "null", "", "[]", "\"x\"", "[null]", "{\"lines\":" })
        {
            yield return new("$", $"body {raw}", raw);
        }

        foreach (var (path, node, parent, key) in Walk(valid, "$", null, null))
        {
            yield return new(path, "null", Replace(valid, path, key, null));
            yield return new(path, "wrong type", Replace(valid, path, key, node switch
            {
                JsonObject => new JsonArray(),
                JsonArray => new JsonObject(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(12),
                _ => JsonValue.Create("x"),
            }));
            if (parent is JsonObject && key is string name)
            {
                var copy = valid.DeepClone();
                Find(copy, path)!.Parent!.AsObject().Remove(name);
                yield return new(path, "left out", copy.ToJsonString());
            }

            if (node is JsonArray)
            {
                var copy = valid.DeepClone();
                Find(copy, path)!.AsArray().Add(null);
                yield return new($"{path}[{node.AsArray().Count}]", "null appended", copy.ToJsonString());
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode Node, JsonNode? Parent, object? Key)> Walk(JsonNode node, string path, JsonNode? parent, object? key)
    {
        if (parent is not null)
        {
            yield return (path, node, parent, key);
        }

        var children = node switch
        {
            JsonObject o => o.Where(p => p.Value is not null).Select(p => (Path: path == "$" ? p.Key : $"{path}.{p.Key}", Node: p.Value!, Key: (object)p.Key)),
            JsonArray a => a.Select((n, i) => (Path: $"{path}[{i}]", Node: n!, Key: (object)i)),
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            foreach (var found in Walk(child.Node, child.Path, node, child.Key))
            {
                yield return found;
            }
        }
    }

    private static string Replace(JsonNode root, string path, object? key, JsonNode? with)
    {
        var copy = root.DeepClone();
        var target = Find(copy, path)!;
        switch (key)
        {
            case string name:
                target.Parent!.AsObject()[name] = with;
                break;
            case int index:
                target.Parent!.AsArray()[index] = with;
                break;
        }

        return copy.ToJsonString();
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Contains('[', StringComparison.Ordinal) ? part[..part.IndexOf('[', StringComparison.Ordinal)] : part;
            node = name is "$" or "" ? node : node![name];
            foreach (var index in part.Split('[').Skip(1).Select(i => int.Parse(i.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)))
            {
                node = node![index];
            }
        }

        return node;
    }

    [Fact]
    public async Task TheSweep_CoversEveryApiActionThatTakesABody()
    {
        var endpoints = await EndpointsAsync();
        var withBodies = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<ControllerActionDescriptor>())
            .Where(a => a?.AttributeRouteInfo?.Template?.StartsWith("api/", StringComparison.Ordinal) == true
                && a.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body))
            .Select(a => a!.AttributeRouteInfo!.Template!)
            .ToHashSet();

        Assert.Equal(withBodies.Order(), endpoints.Select(e => e.Route).Distinct().Order());
    }

    [Fact]
    public async Task ApplyWithANullLine_Is400NamingTheLine_InEnglishAndChinese()
    {
        var apply = (await EndpointsAsync())[0];
        using var http = apply.Client();

        var english = await SendAsync(http, apply, "{\"lines\":[null]}", "en");
        var chinese = await SendAsync(http, apply, "{\"lines\":[{\"instanceId\":\"i-demo-ecs-web01\"},null]}", "zh-CN");

        Assert.Equal(HttpStatusCode.BadRequest, english.Status);
        Assert.Equal("application/problem+json", english.ContentType);
        Assert.Equal("urn:icpfiling:problem:invalid", english.Json!["type"]!.GetValue<string>());
        Assert.Equal("Give a value here: it is missing or null.", english.Json["errors"]!["lines[0]"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, chinese.Status);
        Assert.Equal("请求无效。", chinese.Json!["title"]!.GetValue<string>());
        Assert.Equal("请在此处提供一个值：它缺失或为 null。", chinese.Json["errors"]!["lines[1]"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryBrokenBody_IsASuccessARefusalOrA400NamingTheField_NeverA5xx()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var endpoint in await EndpointsAsync())
        {
            using var http = endpoint.Client();
            foreach (var broken in Break(endpoint.Valid))
            {
                var language = count++ % 2 == 0 ? "en" : "zh-CN";
                var answer = await SendAsync(http, endpoint, broken.Body, language);
                var problem = Judge(answer, broken, language);
                if (problem is not null)
                {
                    failures.Add($"  {endpoint.Method} {endpoint.Url} ({language}) {broken.How} at {broken.Path}: {(int)answer.Status} {problem}\n    sent {broken.Body}\n    got {answer.Text}");
                }
            }
        }

        output.WriteLine($"{count} broken bodies");
        Assert.True(count > 150, $"only {count} broken bodies");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Text, JsonNode? Json);

    private static async Task<Answer> SendAsync(HttpClient http, Endpoint endpoint, string body, string language)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        if (endpoint.NeedsIdempotencyKey)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
        }

        return new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, json);
    }

    /// <summary>What is wrong with the answer to a broken body; null when nothing.</summary>
    private static string? Judge(Answer answer, Broken broken, string language)
    {
        if (answer.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict)
        {
            return broken.Path == "$" ? "a broken body was accepted" : null;
        }

        if (answer.Status != HttpStatusCode.BadRequest)
        {
            return "not a 400";
        }

        if (answer.ContentType != "application/problem+json" || answer.Json?["errors"] is not JsonObject errors)
        {
            return "not a problem with errors";
        }

        var chinese = language.StartsWith("zh", StringComparison.Ordinal);
        var messages = errors.SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).Append(answer.Json["title"]!.GetValue<string>()).ToList();
        if (chinese && !messages.All(m => m.Any(c => c is >= '\u4e00' and <= '\u9fff')))
        {
            return "a message is not in Chinese";
        }

        if (!chinese && messages.Any(m => m.Any(c => c is >= '\u4e00' and <= '\u9fff')))
        {
            return "a message is not in English";
        }

        // The inventory names a batch item's fields without the item's kind (items[1].regionId), as docs/api.md says.
        static string Plain(string path) => path.Replace(".instance", "", StringComparison.Ordinal).Replace(".account", "", StringComparison.Ordinal);
        var path = Plain(broken.Path);
        // A body broken as a whole is named where it broke ($, or the member the parser stopped in).
        var named = path == "$" || errors.Select(e => Plain(e.Key)).Any(key => key == path
            || (key != "$" && (path.StartsWith(key + ".", StringComparison.Ordinal) || path.StartsWith(key + "[", StringComparison.Ordinal)))
            || key.StartsWith(path + ".", StringComparison.Ordinal) || key.StartsWith(path + "[", StringComparison.Ordinal));
        return named ? null : "the errors do not name the field";
    }
}

public sealed class ApiBodySweepTests(IcpFilingWebFactory factory, ITestOutputHelper output) : ApiBodySweep(factory, output), IClassFixture<IcpFilingWebFactory>;

/// <summary>The same sweep in Production, where an unexpected fault would be the error page, not the developer's.</summary>
public sealed class ApiBodySweepProductionTests(ProductionFixture host, ITestOutputHelper output) : ApiBodySweep(host.Factory, output), IClassFixture<ProductionFixture>;
