using System.Data.Common;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IcpFiling.IntegrationTests.Accounts;

/// <summary>
/// Two administrators demoting each other at the same moment on PostgreSQL, where read-committed transactions on
/// separate connections do not queue by themselves (SQLite's write lock would hide the race): the guard's lock on the
/// Admin role's row makes the second wait for the first, so one of them stays an administrator.
/// </summary>
public sealed class LastAdminGuardRaceTests
{
    [SkippableFact]
    public async Task TwoAdministratorsDemotingEachOther_WhileTheFirstIsBetweenItsCheckAndItsCommit_LeaveOneAdministrator()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        var a = await database.SeedSignInAccountAsync("admin-a", Roles.Admin);
        var b = await database.SeedSignInAccountAsync("admin-b", Roles.Admin);
        Task<Outcome<string>>? second = null;
        var meanwhile = new WhileChecking(() =>
        {
            // B demotes A after A has judged that A itself remains an administrator who can sign in, before A commits.
            second = Task.Run(() => DemoteAsync(database, actor: b, target: a));
            return Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2)));
        });

        var first = await DemoteAsync(database, actor: a, target: b, meanwhile);
        var outcomes = new[] { first, await second! };

        Assert.True(meanwhile.Ran);
        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Done);
        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Refused);
        var roles = new[] { await database.RolesOfAsync(a), await database.RolesOfAsync(b) };
        Assert.Single(roles, r => r.Contains(Roles.Admin));
    }

    private static async Task<Outcome<string>> DemoteAsync(TestDatabase database, string actor, string target, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
        return await new AccountAccessCommands(database.Runner(db))
            .ChangeRoleAsync(AccountRows.Admin(actor), target, Roles.Owner, "race", CancellationToken.None);
    }

    /// <summary>Runs <paramref name="meanwhile"/> once, just after the guard has read the other administrators.</summary>
    private sealed class WhileChecking(Func<Task> meanwhile) : DbCommandInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!Ran && command.CommandText.Contains("\"PasswordHash\" IS NOT NULL", StringComparison.Ordinal))
            {
                Ran = true;
                await meanwhile();
            }

            return result;
        }
    }
}
