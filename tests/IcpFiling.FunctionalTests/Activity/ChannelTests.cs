using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Activity;

/// <summary>
/// Every audit row keeps how its change arrived (a console page, the owner API, …), and the histories say it: a number
/// applied for through the owner API never reads as "through ICP No. Application".
/// </summary>
public sealed class ChannelTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task NumbersAppliedAndRestrictedThroughTheOwnerApi_AreRecordedAndShownAsTheOwnerApi()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"channel-{tag}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        var instance = $"i-channel-{tag}";
        await factory.AddInstanceWithNumbersAsync(ownerId, instance, 0);
        var token = Outcomes.Done(await factory.WithServiceAsync<PersonalAccessTokens, Outcome<CreatedToken>>((tokens, _) => tokens.CreateAsync(
            new Actor(ownerId, Roles.Owner, null), "script", [TokenScopes.NumbersApply, TokenScopes.NumbersGrant], 30, CancellationToken.None)));
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var apply = new HttpRequestMessage(HttpMethod.Post, "/api/v1/my/apply") { Content = JsonContent.Create(new { instanceId = instance, quantity = 1 }) };
        apply.Headers.Add("Idempotency-Key", "channel-" + tag);

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(apply)).StatusCode);
        var number = await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.AccountId == ownerId).Select(n => n.Number).SingleAsync());
        var receiver = $"channel-to-{tag}@demo.test";
        await factory.EnsureAccountAsync(receiver, Roles.Owner);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/my/numbers/{number}/restriction", new { email = receiver })).StatusCode);

        var rows = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == ownerId && a.Action != AuditActions.TokenCreated)
            .Select(a => new { a.Action, a.Channel }).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(AuditChannel.OwnerApi, r.Channel));
        Assert.Equal(IssueChannel.OwnerApi, await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Channel).SingleAsync()));

        using var owner = await ConsoleClient.SignInAsync(factory, email);
        var activity = await owner.GetAsync("/activity");
        var issued = activity.QuerySelectorAll("[data-testid=history] tr").Single(r => r.GetAttribute("data-action") == AuditActions.NumberIssued);
        Assert.StartsWith($"Service identification number {number} issued for instance {instance} through the owner API;", issued.QuerySelector("[data-testid=what]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("through the owner API", issued.QuerySelector("[data-testid=channel]")!.TextContent.Trim());

        await owner.PostFormAsync("/language", activity, new Dictionary<string, string> { ["culture"] = "zh-Hans", ["returnUrl"] = "/activity" });
        var chinese = await owner.GetAsync("/activity");
        var issuedZh = chinese.QuerySelectorAll("[data-testid=history] tr").Single(r => r.GetAttribute("data-action") == AuditActions.NumberIssued);
        Assert.StartsWith("通过账号 API 为实例", issuedZh.QuerySelector("[data-testid=what]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("通过账号 API", issuedZh.QuerySelector("[data-testid=channel]")!.TextContent.Trim());
    }
}
