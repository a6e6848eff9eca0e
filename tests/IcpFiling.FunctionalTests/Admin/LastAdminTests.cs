using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>The console always keeps an administrator who can sign in, whatever the order of requests. Each test has a console of its own.</summary>
public sealed class LastAdminTests
{
    private static readonly Actor Operator = new("command-line:test", "Operator", null);

    [Fact]
    public async Task DemotingOrLockingTheOnlyAdministrator_IsRefused_AndChangesNothing()
    {
        await using var factory = new IcpFilingWebFactory();
        var adminId = await factory.AccountIdAsync(DemoAccounts.Admin);

        var demoted = await factory.WithServiceAsync<AccountAccessCommands, Outcome<string>>((c, _) => c.ChangeRoleAsync(Operator, adminId, Roles.Owner, "test", CancellationToken.None));
        var locked = await factory.WithServiceAsync<AccountAccessCommands, Outcome<string>>((c, _) => c.LockAsync(Operator, adminId, "test", CancellationToken.None));

        Assert.Equal(OutcomeKind.Refused, demoted.Kind);
        Assert.Contains("last administrator", demoted.Problems.Single().Message.ToEnglish(), StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Refused, locked.Kind);
        using var stillAdmin = await ConsoleClient.SignInAsync(factory, DemoAccounts.Admin);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await stillAdmin.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task TwoAdministratorsDemotingEachOtherAtOnce_LeaveExactlyOne()
    {
        await using var factory = new IcpFilingWebFactory();
        var a = await factory.AccountIdAsync(DemoAccounts.Admin);
        var b = await factory.EnsureAccountAsync("admin-b@demo.test", Roles.Admin);

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(
                Demote(factory, actor: a, target: b),
                Demote(factory, actor: b, target: a));

            Assert.Single(results, r => r.Kind == OutcomeKind.Done);
            Assert.Single(results, r => r.Kind == OutcomeKind.Refused);
            Assert.Equal(1, await AdminsAsync(factory));

            // Restore both for the next round.
            var survivor = results[0].Kind == OutcomeKind.Done ? a : b;
            var demotedOne = survivor == a ? b : a;
            Assert.True((await factory.WithServiceAsync<AccountAccessCommands, Outcome<string>>((c, _) =>
                c.ChangeRoleAsync(new Actor(survivor, Roles.Admin, null), demotedOne, Roles.Admin, "round", CancellationToken.None))).Succeeded);
        }
    }

    private static Task<Outcome<string>> Demote(IcpFilingWebFactory factory, string actor, string target) =>
        factory.WithServiceAsync<AccountAccessCommands, Outcome<string>>((c, _) =>
            c.ChangeRoleAsync(new Actor(actor, Roles.Admin, null), target, Roles.Owner, "race", CancellationToken.None));

    private static Task<int> AdminsAsync(IcpFilingWebFactory factory) =>
        factory.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
}
