using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>
/// Post/redirect/get on the administrators' forms too (issue 15, item 9): a refused or invalid post answers with a
/// redirect to the form's GET address, which shows the form again with what was typed and each message beside its
/// field, once. The browser never stays on a POST address, so a refresh re-submits nothing.
/// </summary>
public sealed class AdminFormRedirectTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => fixture.Factory;

    [Fact]
    public async Task NewAccount_Invalid_RedirectsToTheForm_WhichShowsTheInputAndMessagesOnce()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync());

        var answer = await admin.PostFormAsync("/admin/accounts/new", await admin.GetAsync("/admin/accounts/new"), new Dictionary<string, string>
        {
            ["Email"] = "", ["DisplayName"] = "Kept Name", ["Role"] = Roles.Reseller,
        });
        var shown = await admin.FollowAsync(answer);
        var refreshed = await admin.GetAsync("/admin/accounts/new");

        AssertRedirectTo("/admin/accounts/new", answer);
        Assert.Equal("Kept Name", shown.QuerySelector("input[name=DisplayName]")!.GetAttribute("value"));
        Assert.Equal(Roles.Reseller, shown.QuerySelector("select[name=Role] option[selected]")!.GetAttribute("value"));
        Assert.Contains("Enter the e-mail address.", shown.QuerySelector("[data-valmsg-for=Email]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refreshed.QuerySelector(".field-validation-error[data-valmsg-for=Email]"));
        Assert.True(string.IsNullOrEmpty(refreshed.QuerySelector("input[name=DisplayName]")!.GetAttribute("value")));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task NewAccount_RefusedForAnEmailInUse_RedirectsToTheForm_WithTheEmailAndTheReasonBesideIt()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostFormAsync("/admin/accounts/new", await admin.GetAsync("/admin/accounts/new"), new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.Owner2, ["Role"] = Roles.Owner,
        });
        var shown = await admin.FollowAsync(answer);

        AssertRedirectTo("/admin/accounts/new", answer);
        Assert.Equal(DemoAccounts.Owner2, shown.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Contains("Another account uses the e-mail address", shown.QuerySelector("[data-valmsg-for=Email]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountForm_Refused_RedirectsToTheAccount_WhichShowsTheInputAndTheReasonOnce()
    {
        var id = await Factory.EnsureAccountAsync("prg-owner@demo.test", Roles.Owner);
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostOnAccountAsync(id, "reseller", new() { ["Reseller.ResellerEmail"] = "nobody-here@demo.test" });
        var shown = await admin.FollowAsync(answer);
        var refreshed = await admin.GetAsync($"/admin/accounts/{id}");

        AssertRedirectTo($"/admin/accounts/{id}", answer);
        Assert.Equal("nobody-here@demo.test", shown.QuerySelector("input[name='Reseller.ResellerEmail']")!.GetAttribute("value"));
        Assert.Contains("nobody-here@demo.test", shown.QuerySelector("[data-valmsg-for='Reseller.ResellerEmail']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refreshed.QuerySelector("[data-valmsg-for='Reseller.ResellerEmail']"));
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ResellerId).SingleAsync()));
    }

    [Theory]
    [InlineData("lock", "Lock")]
    [InlineData("sign-out", "SignOut")]
    [InlineData("two-factor/reset", "TwoFactor")]
    [InlineData("role", "ChangeRole")]
    public async Task AccountForm_WithoutAReason_RedirectsToTheAccount_WithTheMessageBesideTheReason(string action, string prefix)
    {
        var id = await Factory.EnsureAccountAsync($"prg-{prefix.ToLowerInvariant()}@demo.test", Roles.Owner);
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostOnAccountAsync(id, action, new() { [$"{prefix}.Reason"] = "", ["ChangeRole.Role"] = Roles.Support });
        var shown = await admin.FollowAsync(answer);

        AssertRedirectTo($"/admin/accounts/{id}", answer);
        Assert.NotNull(shown.QuerySelector($"[data-valmsg-for='{prefix}.Reason']"));
        Assert.Equal([Roles.Owner], await RolesOfAsync(id));
    }

    [Fact]
    public async Task AccountForm_RefusedOnOneAccount_IsNotShownOnAnother()
    {
        var id = await Factory.EnsureAccountAsync("prg-first@demo.test", Roles.Owner);
        var other = await Factory.EnsureAccountAsync("prg-second@demo.test", Roles.Owner);
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostOnAccountAsync(id, "lock", new() { ["Lock.Reason"] = "" });
        var elsewhere = await admin.GetAsync($"/admin/accounts/{other}");

        AssertRedirectTo($"/admin/accounts/{id}", answer);
        Assert.Null(elsewhere.QuerySelector("[data-valmsg-for='Lock.Reason']"));
    }

    [Fact]
    public async Task NewApiClient_Invalid_RedirectsToTheList_WhichShowsTheNameAndTheMessageOnce()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var before = await Factory.WithDbAsync(db => db.ApiClients.CountAsync());

        var answer = await admin.PostFormAsync("/admin/api-clients", await admin.GetAsync("/admin/api-clients"),
            new Dictionary<string, string> { ["New.Name"] = "kept-client-name" });
        var shown = await admin.FollowAsync(answer);
        var refreshed = await admin.GetAsync("/admin/api-clients");

        AssertRedirectTo("/admin/api-clients", answer);
        Assert.Equal("kept-client-name", shown.QuerySelector("input[name='New.Name']")!.GetAttribute("value"));
        Assert.NotNull(shown.QuerySelector("[data-valmsg-for='New.Scopes']"));
        Assert.Null(refreshed.QuerySelector("[data-valmsg-for='New.Scopes']"));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.ApiClients.CountAsync()));
    }

    [Fact]
    public async Task RevokeApiClient_WithoutAReason_RedirectsToTheList_WithTheMessageInThatClientsRow()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var page = await admin.GetAsync("/admin/api-clients");
        var created = await admin.PostFormAsync("/admin/api-clients", page,
            new Dictionary<string, string> { ["New.Name"] = "prg-revoke", ["New.Scopes"] = "inventory:read" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = await Factory.WithDbAsync(db => db.ApiClients.Where(c => c.Name == "prg-revoke").Select(c => c.Id).SingleAsync());

        var answer = await admin.PostFormAsync($"/admin/api-clients/{id}/revoke", page, new Dictionary<string, string> { ["Revoke.Reason"] = " " });
        var shown = await admin.FollowAsync(answer);

        AssertRedirectTo("/admin/api-clients", answer);
        Assert.NotNull(shown.QuerySelector($"tr[data-client-id='{id}'] [data-valmsg-for='Revoke.Reason']"));
        Assert.Null(await Factory.WithDbAsync(db => db.ApiClients.Where(c => c.Id == id).Select(c => c.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task RevokeApiClient_ThatDoesNotExist_IsNotFound()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostFormAsync("/admin/api-clients/999999/revoke", await admin.GetAsync("/admin/api-clients"),
            new Dictionary<string, string> { ["Revoke.Reason"] = "" });

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task InventoryImport_WithoutAFile_RedirectsToTheImportPage_WhichSaysToChooseOne()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);

        var answer = await admin.PostFormAsync("/admin/inventory/import", await admin.GetAsync("/admin/inventory"),
            new Dictionary<string, string> { ["kind"] = "Accounts" });
        var shown = await admin.FollowAsync(answer);

        AssertRedirectTo("/admin/inventory", answer);
        Assert.Contains("Choose a CSV file.", shown.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
    }

    private static void AssertRedirectTo(string path, HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(path, answer.Headers.Location!.OriginalString);
    }

    private Task<List<string>> RolesOfAsync(string accountId) =>
        Factory.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == accountId select r.Name!).ToListAsync());
}
