using System.Net;
using System.Net.Http.Headers;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The API tokens page: create (shown once), the list with last use, revoke; scopes offered by role.</summary>
public sealed class TokensPageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Fact]
    public async Task Owner_CreatesAToken_SeesItOnce_UsesIt_SeesTheLastUse_AndRevokesIt()
    {
        var email = $"tokens-{Guid.NewGuid():N}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        using var client = await ConsoleClient.SignInAsync(factory, email);
        var page = await client.GetAsync("/Account/Tokens");
        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));
        Assert.Equal(["numbers:read", "numbers:apply", "numbers:grant"],
            page.QuerySelectorAll("input[name='New.Scopes']").Select(i => i.GetAttribute("value")));

        var created = await ConsoleClient.ParseAsync(await client.PostFormAsync("/Account/Tokens", page,
            new Dictionary<string, string> { ["New.Name"] = "deploy script", ["New.Scopes"] = "numbers:read", ["New.ExpiresInDays"] = "30" }));
        var token = created.QuerySelector("[data-testid=token]")!.TextContent.Trim();
        Assert.StartsWith(PersonalAccessTokens.Prefix, token, StringComparison.Ordinal);
        var again = await client.GetAsync("/Account/Tokens");
        Assert.Null(again.QuerySelector("[data-testid=shown-token]"));
        Assert.DoesNotContain(token, again.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("Never", again.QuerySelector("[data-testid=last-used]")!.TextContent.Trim());

        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/my/numbers")).StatusCode);
        var used = await client.GetAsync("/Account/Tokens");
        Assert.NotEqual("Never", used.QuerySelector("[data-testid=last-used]")!.TextContent.Trim());
        var form = used.QuerySelector("[data-testid=revoke-form]")!;
        Assert.NotNull(form.GetAttribute("data-confirm"));

        var revoked = await client.PostFormAsync(form.GetAttribute("action")!, used, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/my/numbers")).StatusCode);
        var after = await client.GetAsync("/Account/Tokens");
        Assert.Null(after.QuerySelector("[data-testid=revoke-form]"));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == ownerId && a.SubjectType == AuditSubjects.Token)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated, AuditActions.TokenRevoked], audit);
    }

    [Fact]
    public async Task Create_WithoutANameOrWithAScopeTheRoleMayNotHave_ShowsTheFormAgainWithTheReasons_AndMakesNothing()
    {
        var email = $"tokens-{Guid.NewGuid():N}@demo.test";
        var ownerId = await factory.EnsureAccountAsync(email, Roles.Owner);
        using var client = await ConsoleClient.SignInAsync(factory, email);
        var page = await client.GetAsync("/Account/Tokens");

        var noName = await client.PostFormAsync("/Account/Tokens", page,
            new Dictionary<string, string> { ["New.Name"] = "", ["New.Scopes"] = "numbers:read", ["New.ExpiresInDays"] = "30" });
        var resellerScope = await client.PostFormAsync("/Account/Tokens", page,
            new Dictionary<string, string> { ["New.Name"] = "x", ["New.Scopes"] = "customers:read", ["New.ExpiresInDays"] = "30" });
        var tooLong = await client.PostFormAsync("/Account/Tokens", page,
            new Dictionary<string, string> { ["New.Name"] = "x", ["New.Scopes"] = "numbers:read", ["New.ExpiresInDays"] = "366" });

        Assert.Equal(HttpStatusCode.OK, noName.StatusCode);
        Assert.NotNull((await ConsoleClient.ParseAsync(noName)).QuerySelector("[data-valmsg-for='New.Name']"));
        Assert.NotNull((await ConsoleClient.ParseAsync(resellerScope)).QuerySelector("[data-valmsg-for='New.Scopes']"));
        Assert.NotNull((await ConsoleClient.ParseAsync(tooLong)).QuerySelector("[data-valmsg-for='New.ExpiresInDays']"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalAccessTokens.CountAsync(t => t.AccountId == ownerId)));
    }

    [Fact]
    public async Task Reseller_IsOfferedCustomersReadOnly()
    {
        using var client = await ConsoleClient.SignInAsync(factory, DemoAccounts.Reseller);

        var page = await client.GetAsync("/Account/Tokens");

        Assert.Equal(["customers:read"], page.QuerySelectorAll("input[name='New.Scopes']").Select(i => i.GetAttribute("value")));
    }
}
