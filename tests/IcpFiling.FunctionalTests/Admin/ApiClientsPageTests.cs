using System.Net;
using System.Net.Http.Headers;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Admin;

public sealed class ApiClientsPageTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task Create_ShowsTheKeyOnce_Rotate_KeepsTheOldKeyForTheGrace_Revoke_EndsBoth()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var page = await admin.GetAsync("/admin/api-clients");
        var created = await ConsoleClient.ParseAsync(await admin.PostFormAsync("/admin/api-clients", page,
            new Dictionary<string, string> { ["New.Name"] = "billing-page", ["New.Scopes"] = "inventory:read" }));
        var key = created.QuerySelector("[data-testid=key]")!.TextContent.Trim();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key));
        Assert.Null((await admin.GetAsync("/admin/api-clients")).QuerySelector("[data-testid=key]"));
        var id = await Factory.WithDbAsync(db => db.ApiClients.Where(c => c.Name == "billing-page").Select(c => c.Id).SingleAsync());
        var row = (await admin.GetAsync("/admin/api-clients")).QuerySelector($"tr[data-client-id='{id}']")!;
        Assert.DoesNotContain("Never", row.TextContent, StringComparison.Ordinal);

        var rotated = await ConsoleClient.ParseAsync(await admin.PostFormAsync($"/admin/api-clients/{id}/rotate", page, new Dictionary<string, string>()));
        var newKey = rotated.QuerySelector("[data-testid=key]")!.TextContent.Trim();
        Assert.NotEqual(key, newKey);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(newKey));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key));
        Assert.Contains("previous key works until", rotated.QuerySelector($"tr[data-client-id='{id}'] [data-testid=client-status]")!.TextContent, StringComparison.Ordinal);

        // The grace over: only the new key works.
        await Factory.WithDbAsync(db => db.ApiClients.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PreviousSecretValidUntil, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(key));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(newKey));

        var noReason = await admin.PostFormAsync($"/admin/api-clients/{id}/revoke", page, new Dictionary<string, string> { ["Revoke.Reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.NotNull((await admin.FollowAsync(noReason)).QuerySelector($"tr[data-client-id='{id}'] [data-valmsg-for='Revoke.Reason']"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(newKey));
        var revoked = await admin.PostFormAsync($"/admin/api-clients/{id}/revoke", page, new Dictionary<string, string> { ["Revoke.Reason"] = "billing replaced" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(newKey));

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectType == AuditSubjects.ApiClient && a.SubjectId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.ApiClientCreated, AuditActions.ApiClientRotated, AuditActions.ApiClientRevoked], audit.Select(a => a.Action));
        Assert.Equal("billing replaced", audit[^1].Reason);
    }

    [Fact]
    public async Task Create_WithoutNameOrScopes_ShowsTheFormWithMessages_AndCreatesNothing()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var before = await Factory.WithDbAsync(db => db.ApiClients.CountAsync());
        var page = await admin.GetAsync("/admin/api-clients");
        var answer = await admin.PostFormAsync("/admin/api-clients", page, new Dictionary<string, string> { ["New.Name"] = "no scopes" });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotNull((await admin.FollowAsync(answer)).QuerySelector("[data-valmsg-for='New.Scopes']"));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.ApiClients.CountAsync()));
    }

    private async Task<HttpStatusCode> CallAsync(string key)
    {
        using var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await http.GetAsync("/api/v1/changes?cursor=0")).StatusCode;
    }
}
