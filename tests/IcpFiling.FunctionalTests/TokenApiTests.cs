using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The owners' and resellers' API with personal access tokens, over the real pipeline and database.</summary>
public sealed class TokenApiTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private static readonly string[] OwnerScopes = [TokenScopes.NumbersRead, TokenScopes.NumbersApply, TokenScopes.NumbersGrant];

    /// <summary>A fresh owner account (so tests never share quota) with <paramref name="instances"/> qualified ECS instances.</summary>
    private async Task<(string OwnerId, string Email, string[] Instances)> OwnerAsync(int instances)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"api-{tag}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        var ids = Enumerable.Range(1, instances).Select(i => $"i-api-{tag}-{i}").ToArray();
        foreach (var id in ids)
        {
            await factory.AddInstanceWithNumbersAsync(ownerId, id, 0);
        }

        return (ownerId, email, ids);
    }

    private async Task<(HttpClient Http, CreatedToken Token)> TokenAsync(string accountId, string role, params string[] scopes)
    {
        var created = Outcomes.Done(await factory.WithServiceAsync<PersonalAccessTokens, Outcome<CreatedToken>>((tokens, _) =>
            tokens.CreateAsync(new Actor(accountId, role, null), "script " + Guid.NewGuid().ToString("N")[..6], scopes, 30, CancellationToken.None)));
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        return (http, created);
    }

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient http, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/my/apply") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task Apply_OneInstanceAndQuantity_IssuesThem_TheSameKeyAndBodyAnswerTheSame_AndEveryWriteNamesTheToken()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (http, token) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        var body = new { instanceId = instances[0], quantity = 3 };

        var first = await ApplyAsync(http, "k-one-1", body);
        var again = await ApplyAsync(http, "k-one-1", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstJson = await JsonAsync(first);
        var againJson = await JsonAsync(again);
        Assert.False(firstJson["replayed"]!.GetValue<bool>());
        Assert.Equal(3, firstJson["issuedNow"]!.GetValue<int>());
        Assert.True(againJson["replayed"]!.GetValue<bool>());
        Assert.Equal(0, againJson["issuedNow"]!.GetValue<int>());
        Assert.Equal(firstJson["lines"]![0]!["numbers"]!.ToJsonString(), againJson["lines"]![0]!["numbers"]!.ToJsonString());
        Assert.Equal(3, await factory.ForInstanceAsync(instances[0]));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == ownerId && a.Action == AuditActions.NumberIssued).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Contains($"'{token.Name}'", a.CorrelationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_TheSameKeyWithADifferentBody_Is422_AndIssuesNothing()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(http, "k-mismatch", new { instanceId = instances[0], quantity = 1 })).StatusCode);

        var other = await ApplyAsync(http, "k-mismatch", new { instanceId = instances[0], quantity = 2 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:icpfiling:problem:idempotency-key-reused", (await JsonAsync(other))["type"]!.GetValue<string>());
        Assert.Equal(1, await factory.ForInstanceAsync(instances[0]));
    }

    [Fact]
    public async Task Apply_ABatch_IssuesForTheQualified_AndNamesEachRefusalByItsRule()
    {
        var (ownerId, _, instances) = await OwnerAsync(2);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);

        var response = await ApplyAsync(http, "k-batch", new
        {
            lines = new object[] { new { instanceId = instances[0], quantity = 2 }, new { instanceId = instances[1], quantity = 6 } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await JsonAsync(response))["lines"]!.AsArray();
        Assert.Equal(2, lines[0]!["numbers"]!.AsArray().Count);
        Assert.Empty(lines[0]!["reasons"]!.AsArray());
        // Five is the ECS quota: the sixth is refused by the quota rule, and the five stay issued.
        Assert.Equal(5, lines[1]!["numbers"]!.AsArray().Count);
        var reason = lines[1]!["reasons"]![0]!;
        Assert.Equal("urn:icpfiling:problem:quota", reason["type"]!.GetValue<string>());
        Assert.Equal("Quota", reason["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_WithoutAnIdempotencyKey_OrWithBothShapes_IsA400Problem_AndIssuesNothing()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);

        var noKey = await http.PostAsJsonAsync("/api/v1/my/apply", new { instanceId = instances[0], quantity = 1 });
        var both = await ApplyAsync(http, "k-both", new { instanceId = instances[0], quantity = 1, lines = new[] { new { instanceId = instances[0], quantity = 1 } } });
        var tooMany = await ApplyAsync(http, "k-many", new { lines = Enumerable.Range(1, 21).Select(i => new { instanceId = $"i-x-{i}", quantity = 1 }) });

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal("urn:icpfiling:problem:idempotency-key-missing", (await JsonAsync(noKey))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("urn:icpfiling:problem:invalid", (await JsonAsync(tooMany))["type"]!.GetValue<string>());
        Assert.Equal(0, await factory.ForInstanceAsync(instances[0]));
    }

    [Theory]
    [InlineData("POST", "/api/v1/my/apply", TokenScopes.NumbersRead)]
    [InlineData("GET", "/api/v1/my/numbers", TokenScopes.NumbersApply)]
    [InlineData("GET", "/api/v1/my/instances", TokenScopes.NumbersGrant)]
    [InlineData("GET", "/api/v1/my/granted-numbers", TokenScopes.NumbersApply)]
    [InlineData("PUT", "/api/v1/my/numbers/ANY/restriction", TokenScopes.NumbersRead)]
    [InlineData("DELETE", "/api/v1/my/numbers/ANY/restriction", TokenScopes.NumbersApply)]
    [InlineData("GET", "/api/v1/reseller/customers", TokenScopes.NumbersRead)]
    [InlineData("GET", "/api/v1/reseller/numbers", TokenScopes.NumbersRead)]
    public async Task AnEndpoint_WithATokenWithoutItsScope_IsA403Problem(string method, string url, string scope)
    {
        var (ownerId, _, _) = await OwnerAsync(0);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, scope);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", "k-scope");
        }

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("urn:icpfiling:problem:forbidden", (await JsonAsync(response))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetNumber_OwnIsFound_AnotherAccountsIsA404LikeOneThatDoesNotExist()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (otherId, _, otherInstances) = await OwnerAsync(1);
        var mine = (await factory.AddNumbersAsync(ownerId, instances[0], 1))[0];
        var theirs = (await factory.AddNumbersAsync(otherId, otherInstances[0], 1))[0];
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersRead);

        var own = await http.GetAsync($"/api/v1/my/numbers/{mine}");
        var other = await http.GetAsync($"/api/v1/my/numbers/{theirs}");
        var none = await http.GetAsync("/api/v1/my/numbers/nothing-like-a-number");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(instances[0], (await JsonAsync(own))["instanceId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("urn:icpfiling:problem:not-found", (await JsonAsync(other))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task GetNumbers_CursorPaging_ReadsEveryNumberOnceNewestFirst_AndABadCursorIsA400()
    {
        var (ownerId, _, instances) = await OwnerAsync(3);
        var issued = new List<string>();
        foreach (var instance in instances)
        {
            issued.AddRange(await factory.AddNumbersAsync(ownerId, instance, 4));
        }

        var (http, _) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersRead);
        var read = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await http.GetFromJsonAsync<JsonObject>($"/api/v1/my/numbers?size=5{(cursor is null ? "" : "&cursor=" + cursor)}");
            read.AddRange(page!["items"]!.AsArray().Select(n => n!["number"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(issued.AsEnumerable().Reverse(), read);
        var filtered = await http.GetFromJsonAsync<JsonObject>($"/api/v1/my/numbers?search={instances[1]}");
        Assert.Equal(4, filtered!["items"]!.AsArray().Count);
        var bad = await http.GetAsync("/api/v1/my/numbers?cursor=not-a-cursor!");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task GetInstances_ShowsEachVerdictAndFreeQuota_WithTheRuleOfEachReason()
    {
        var (ownerId, _, instances) = await OwnerAsync(2);
        await factory.AddNumbersAsync(ownerId, instances[1], 5);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersRead);

        var list = await http.GetFromJsonAsync<JsonObject>("/api/v1/my/instances");

        var items = list!["items"]!.AsArray().ToDictionary(i => i!["instanceId"]!.GetValue<string>());
        Assert.Equal(2, items.Count);
        Assert.True(items[instances[0]]!["qualified"]!.GetValue<bool>());
        Assert.Equal(5, items[instances[0]]!["quota"]!["free"]!.GetValue<int>());
        Assert.False(items[instances[1]]!["qualified"]!.GetValue<bool>());
        Assert.Equal(0, items[instances[1]]!["quota"]!["free"]!.GetValue<int>());
        Assert.Equal("urn:icpfiling:problem:quota", items[instances[1]]!["reasons"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restriction_GrantsANumberToAnAccount_WhichSeesItAsGranted_ThenLifts_EachWriteAuditedWithTheTokenName()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (receiverId, receiverEmail, _) = await OwnerAsync(0);
        var number = (await factory.AddNumbersAsync(ownerId, instances[0], 1))[0];
        var (http, token) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersGrant);
        var (receiver, _) = await TokenAsync(receiverId, Roles.Owner, TokenScopes.NumbersRead);

        var granted = await http.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction", new { email = receiverEmail });
        var seen = await receiver.GetFromJsonAsync<JsonObject>("/api/v1/my/granted-numbers");
        var unknown = await http.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction", new { email = "nobody-here@demo.test" });
        var lifted = await http.DeleteAsync($"/api/v1/my/numbers/{number}/restriction");
        var after = await receiver.GetFromJsonAsync<JsonObject>("/api/v1/my/granted-numbers");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("restricted", (await JsonAsync(granted))["change"]!.GetValue<string>());
        Assert.Equal([number], seen!["items"]!.AsArray().Select(n => n!["number"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal("lifted", (await JsonAsync(lifted))["change"]!.GetValue<string>());
        Assert.Empty(after!["items"]!.AsArray());
        var audit = await factory.AuditAsync(number);
        Assert.Equal([AuditActions.NumberIssued, AuditActions.NumberRestricted, AuditActions.NumberRestrictionLifted], audit.Select(a => a.Action));
        Assert.All(audit.Skip(1), a => Assert.Contains($"'{token.Name}'", a.CorrelationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restriction_OfAUsedNumber_IsA409TypedNumberUsed_AndChangesNothing()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (_, receiverEmail, _) = await OwnerAsync(0);
        var number = (await factory.AddNumbersAsync(ownerId, instances[0], 1))[0];
        await factory.MarkUsedAsync(number);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersGrant);

        var refused = await http.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction", new { email = receiverEmail });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("urn:icpfiling:problem:number-used", problem["type"]!.GetValue<string>());
        Assert.Equal(NumberTransitions.RefusalCode(ServiceNumberStatus.Used), problem["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Null((await factory.NumberAsync(number)).RestrictedToAccountId);
    }

    [Fact]
    public async Task Restriction_WithANote_IsReturnedToBothAccounts_RefusedWhenTooLong_AndClearedOnLift()
    {
        var (ownerId, ownerEmail, instances) = await OwnerAsync(1);
        var (receiverId, receiverEmail, _) = await OwnerAsync(0);
        var number = (await factory.AddNumbersAsync(ownerId, instances[0], 1))[0];
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersGrant, TokenScopes.NumbersRead);
        var (receiver, _) = await TokenAsync(receiverId, Roles.Owner, TokenScopes.NumbersRead);

        var tooLong = await http.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction",
            new { email = receiverEmail, note = new string('x', Core.InputLimits.GrantNoteMaxLength + 1) });
        var granted = await http.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction", new { email = receiverEmail, note = " for shop.example.cn " });
        var own = await http.GetFromJsonAsync<JsonObject>($"/api/v1/my/numbers/{number}");
        var seen = (await receiver.GetFromJsonAsync<JsonObject>("/api/v1/my/granted-numbers"))!["items"]!.AsArray().Single()!;
        await http.DeleteAsync($"/api/v1/my/numbers/{number}/restriction");
        var afterLift = await http.GetFromJsonAsync<JsonObject>($"/api/v1/my/numbers/{number}");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType!.MediaType);
        Assert.True((await JsonAsync(tooLong))["errors"]!.AsObject().ContainsKey("note"));
        Assert.Equal("for shop.example.cn", (await JsonAsync(granted))["note"]!.GetValue<string>());
        Assert.Equal("for shop.example.cn", own!["note"]!.GetValue<string>());
        Assert.NotNull(own["restrictedAt"]);
        Assert.Equal("for shop.example.cn", seen["note"]!.GetValue<string>());
        Assert.Equal(ownerEmail, seen["grantedBy"]!.GetValue<string>());
        Assert.Null(afterLift!["note"]);
        Assert.Null(afterLift["restrictedTo"]);
    }

    [Fact]
    public async Task RevokedOrExpiredTokens_AndTheConsolesCookie_AreA401OnTheApi()
    {
        var (ownerId, email, _) = await OwnerAsync(0);
        var (revoked, revokedToken) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersRead);
        var (expired, expiredToken) = await TokenAsync(ownerId, Roles.Owner, TokenScopes.NumbersRead);
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/my/numbers")).StatusCode);
        await factory.WithServiceAsync<PersonalAccessTokens, Outcome<int>>((tokens, _) =>
            tokens.RevokeAsync(Actor.Owner(ownerId, null), revokedToken.Id, CancellationToken.None));
        await factory.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Id == expiredToken.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        using var console = await ConsoleClient.SignInAsync(factory, email);

        var afterRevoke = await revoked.GetAsync("/api/v1/my/numbers");
        var afterExpiry = await expired.GetAsync("/api/v1/my/numbers");
        var withCookie = await console.Http.GetAsync("/api/v1/my/numbers");

        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("urn:icpfiling:problem:unauthorized", (await JsonAsync(afterRevoke))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }

    [Fact]
    public async Task AToken_NeverOpensAConsolePage()
    {
        var (ownerId, _, _) = await OwnerAsync(0);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        using var noRedirects = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        noRedirects.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;

        var page = await noRedirects.GetAsync("/icp-no/management");
        var tokens = await noRedirects.GetAsync("/Account/Tokens");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Identity/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
    }

    [Fact]
    public async Task Problems_SpeakTheCallersLanguage()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await http.GetAsync("/api/v1/my/numbers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("需要个人访问令牌。", (await JsonAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reseller_ListsItsCustomersAndTheirNumbers_WithTheCsvFields_AndAnotherResellersCustomerIsNotFound()
    {
        var resellerId = await factory.EnsureAccountAsync($"api-reseller-{Guid.NewGuid():N}@demo.test", Roles.Reseller);
        var customerIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var customerId = await factory.EnsureAccountAsync($"api-cust-{i}-{Guid.NewGuid():N}@demo.test", Roles.Owner, resellerId);
            await factory.AddInstanceWithNumbersAsync(customerId, $"i-api-cust-{Guid.NewGuid():N}"[..30], 2);
            customerIds.Add(customerId);
        }

        var (http, _) = await TokenAsync(resellerId, Roles.Reseller, TokenScopes.CustomersRead);

        var first = await http.GetFromJsonAsync<JsonObject>("/api/v1/reseller/customers?size=2");
        var second = await http.GetFromJsonAsync<JsonObject>($"/api/v1/reseller/customers?size=2&cursor={first!["nextCursor"]!.GetValue<string>()}");
        var numbers = await http.GetFromJsonAsync<JsonObject>("/api/v1/reseller/numbers?size=4");
        var rest = await http.GetFromJsonAsync<JsonObject>($"/api/v1/reseller/numbers?size=4&cursor={numbers!["nextCursor"]!.GetValue<string>()}");
        var ofOne = await http.GetFromJsonAsync<JsonObject>($"/api/v1/reseller/customers/{customerIds[0]}/numbers");
        var demoOwner = await factory.AccountIdAsync(DemoAccounts.Owner);
        using var notMine = await http.GetAsync($"/api/v1/reseller/customers/{demoOwner}/numbers");
        using var notMineFiltered = await http.GetAsync($"/api/v1/reseller/numbers?customerId={demoOwner}");

        var customers = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).Select(c => c!["accountId"]!.GetValue<string>()).ToList();
        Assert.Equal(customerIds.Order(), customers.Order());
        Assert.Null(second["nextCursor"]);
        Assert.Equal(2, first["items"]![0]!["issued"]!.GetValue<int>());
        Assert.Equal(6, numbers["items"]!.AsArray().Count + rest!["items"]!.AsArray().Count);
        var row = numbers["items"]![0]!.AsObject();
        Assert.Equal(["number", "customerId", "customerEmail", "instanceId", "instanceType", "issuedAt", "status", "usedFor"], row.Select(p => p.Key));
        Assert.All(ofOne!["items"]!.AsArray(), n => Assert.Equal(customerIds[0], n!["customerId"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notMine.StatusCode, notMineFiltered.StatusCode));
        Assert.Equal("urn:icpfiling:problem:not-found", (await JsonAsync(notMine))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryTokenEndpoint_AndParsesAsOpenApi3()
    {
        using var http = factory.CreateClient();
        await using var stream = await http.GetStreamAsync("/api/openapi/v1.json");

        var read = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(stream, "json");

        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.StartsWith("3.", read.Diagnostic.SpecificationVersion switch
        {
            Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0 => "3.0",
            Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1 => "3.1",
            _ => "other",
        }, StringComparison.Ordinal);
        var documented = read.Document!.Paths
            .SelectMany(p => p.Value.Operations!.Select(op => $"{op.Key.Method.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "GET /api/v1/my/instances", "POST /api/v1/my/apply", "GET /api/v1/my/numbers", "GET /api/v1/my/numbers/{number}",
            "PUT /api/v1/my/numbers/{number}/restriction", "DELETE /api/v1/my/numbers/{number}/restriction", "GET /api/v1/my/granted-numbers",
            "GET /api/v1/reseller/customers", "GET /api/v1/reseller/numbers", "GET /api/v1/reseller/customers/{customerId}/numbers",
        }, documented);
        Assert.Empty(Microsoft.OpenApi.OpenApiElementExtensions.Validate(read.Document, Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task TwoSimultaneousApplyCalls_OverTheSameTenInstances_NeverExceedAnyQuota()
    {
        var (ownerId, _, instances) = await OwnerAsync(10);
        var (first, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        var (second, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        var forward = new { lines = instances.Select(i => new { instanceId = i, quantity = 4 }) };
        var backward = new { lines = instances.Reverse().Select(i => new { instanceId = i, quantity = 4 }) };

        var answers = await Task.WhenAll(ApplyAsync(first, "race-forward", forward), ApplyAsync(second, "race-backward", backward));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var issued = 0;
        foreach (var answer in answers)
        {
            issued += (await JsonAsync(answer))["issuedNow"]!.GetValue<int>();
        }

        // Eight asked per instance, five fit: exactly five each, whichever call won each slot.
        Assert.Equal(50, issued);
        foreach (var instance in instances)
        {
            Assert.Equal(5, await factory.ForInstanceAsync(instance));
        }
    }

    [Fact]
    public async Task ATokenOverItsRateLimit_GetsA429ProblemWithRetryAfter_AndOtherTokensDoNot()
    {
        await using var limited = new IcpFilingWebFactory
        {
            Settings = new() { ["Security:TokenRateLimit:PermitLimit"] = "3", ["Security:TokenRateLimit:WindowSeconds"] = "60" },
        };
        var ownerId = await limited.AccountIdAsync(DemoAccounts.Owner2);
        async Task<HttpClient> ClientAsync()
        {
            var created = Outcomes.Done(await limited.WithServiceAsync<PersonalAccessTokens, Outcome<CreatedToken>>((tokens, _) =>
                tokens.CreateAsync(Actor.Owner(ownerId, null), "limited", [TokenScopes.NumbersRead], 1, CancellationToken.None)));
            var http = limited.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
            return http;
        }

        using var busy = await ClientAsync();
        using var quiet = await ClientAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await busy.GetAsync("/api/v1/my/numbers");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("urn:icpfiling:problem:rate-limited", (await JsonAsync(last))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/my/numbers")).StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheSizeLimit_IsA413_AndIssuesNothing()
    {
        var (ownerId, _, instances) = await OwnerAsync(1);
        var (http, _) = await TokenAsync(ownerId, Roles.Owner, OwnerScopes);
        var huge = new string('x', 1024 * 1024 + 10);

        var response = await ApplyAsync(http, "k-huge", new { instanceId = instances[0], quantity = 1, padding = huge });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await factory.ForInstanceAsync(instances[0]));
    }
}
