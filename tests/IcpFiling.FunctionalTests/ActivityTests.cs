using System.Net;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>The owner's Activity page and the audit rows of failed sign-ins and lockouts.</summary>
public sealed class ActivityTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var anonymous = ConsoleClient.Anonymous(factory);
        return await anonymous.PostFormAsync("/Identity/Account/Login", await anonymous.GetAsync("/Identity/Account/Login"),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    private Task<List<AuditEntry>> SignInAuditAsync() =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignInFailed || a.Action == AuditActions.LockedOut)
            .OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Activity_ShowsTheOwnersOwnHistoryOnly_IncludingSupportsActionsWithReason()
    {
        using var support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);
        var held = await support.PostFormAsync($"/support/instances/{DemoAccounts.QualifiedEcs2}/hold",
            await support.GetAsync($"/support/instances/{DemoAccounts.QualifiedEcs2}"),
            new Dictionary<string, string> { ["Hold.Reason"] = "Checking the site content" });
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        var page = await owner.GetAsync("/activity");
        var page2 = await owner2.GetAsync("/activity");

        var rows = page.QuerySelectorAll("[data-testid=history] tr[data-action]");
        Assert.Equal(9, rows.Count(r => r.GetAttribute("data-action") == AuditActions.NumberIssued));
        // The demo seed holds another instance; this is the hold just placed.
        var hold = Assert.Single(rows, r => r.GetAttribute("data-action") == AuditActions.HoldPlaced
            && r.TextContent.Contains(DemoAccounts.QualifiedEcs2, StringComparison.Ordinal));
        Assert.Equal("Checking the site content", hold.QuerySelector("[data-testid=reason]")!.TextContent);
        // Owners see the actor's role, not support staff's accounts.
        Assert.DoesNotContain(DemoAccounts.Support, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Support", hold.QuerySelector("[data-testid=actor]")!.TextContent, StringComparison.Ordinal);
        var rows2 = page2.QuerySelectorAll("[data-testid=history] tr[data-action]");
        Assert.Equal(2, rows2.Count(r => r.GetAttribute("data-action") == AuditActions.NumberIssued));
        Assert.DoesNotContain(rows2, r => r.GetAttribute("data-action") == AuditActions.HoldPlaced);
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var ownerNumbers = await factory.WithDbAsync(db => db.ServiceNumbers.Where(n => n.AccountId == ownerId).Select(n => n.Number).ToListAsync());
        Assert.DoesNotContain(rows2, r => ownerNumbers.Contains(r.GetAttribute("data-subject")!));
    }

    [Fact]
    public async Task Activity_IsForOwners()
    {
        using var support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);

        Assert.Equal(HttpStatusCode.Forbidden, (await support.Http.GetAsync("/activity")).StatusCode);
    }

    [Fact]
    public async Task FailedSignIn_IsAudited_WithoutThePassword()
    {
        var owner2 = await factory.AccountIdAsync(DemoAccounts.Owner2);
        var before = (await SignInAuditAsync()).Count;

        var known = await SignInAsync(DemoAccounts.Owner2, "Secret-Guess-1");
        var unknown = await SignInAsync("nobody@demo.test", "Secret-Guess-2");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var entries = (await SignInAuditAsync()).Skip(before).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal((AuditActions.SignInFailed, owner2, AuditSubjects.Account, owner2), (entries[0].Action, entries[0].ActorId, entries[0].SubjectType, entries[0].SubjectId));
        Assert.Equal((AuditActions.SignInFailed, "anonymous"), (entries[1].Action, entries[1].ActorId));
        Assert.All(entries, e => Assert.DoesNotContain("Secret-Guess", e.Detail ?? "", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
    }

    [Fact]
    public async Task RepeatedFailuresFromOneAddress_PauseThatAddress_AndThePauseIsAuditedAsALockout()
    {
        const string email = "lockout-test@demo.test";
        var id = await factory.EnsureAccountAsync(email, Roles.Owner);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(email, "wrong-password");
        }

        var entries = (await SignInAuditAsync()).Where(e => e.ActorId == id).ToList();
        Assert.Equal(4, entries.Count(e => e.Action == AuditActions.SignInFailed));
        Assert.Equal(AuditActions.LockedOut, entries[^1].Action);
    }
}
