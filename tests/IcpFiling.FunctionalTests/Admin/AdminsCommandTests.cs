using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using IcpFiling.Web.Admin;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>The operator's command that creates the first administrator of a fresh production database.</summary>
public sealed class AdminsCommandTests
{
    [Fact]
    public async Task CreateAdmin_ReadsThePasswordFromStandardInput_AndTheAdministratorCanSignIn()
    {
        await using var factory = new IcpFilingWebFactory();
        var output = new StringWriter();

        var code = await AdminsCommand.RunAsync(factory.Services, ["admins", "create", "--email", "ops@example.cn", "--name", "Operations"],
            new StringReader("Operator#2026x\n"), output, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.DoesNotContain("Operator#2026x", output.ToString(), StringComparison.Ordinal);
        using var ops = await ConsoleClient.SignInAsync(factory, "ops@example.cn", "Operator#2026x");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ops.Http.GetAsync("/admin")).StatusCode);
        var audit = await factory.AuditAsync(await factory.AccountIdAsync("ops@example.cn"));
        // The sign-in above is recorded too.
        Assert.Equal([AuditActions.AccountAdded, AuditActions.PasswordSet, AuditActions.SignedIn], audit.Select(a => a.Action));
        Assert.StartsWith("command-line:", audit[0].ActorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_WithAWeakPasswordOrATakenEmail_CreatesNothing()
    {
        await using var factory = new IcpFilingWebFactory();
        var weak = await AdminsCommand.RunAsync(factory.Services, ["admins", "create", "--email", "weak@example.cn"], new StringReader("short\n"), new StringWriter(), CancellationToken.None);
        var taken = await AdminsCommand.RunAsync(factory.Services, ["admins", "create", "--email", DemoAccounts.Owner], new StringReader("Operator#2026x\n"), new StringWriter(), CancellationToken.None);
        var usage = await AdminsCommand.RunAsync(factory.Services, ["admins", "delete"], new StringReader(""), new StringWriter(), CancellationToken.None);

        Assert.Equal([1, 1, 2], new[] { weak, taken, usage });
        Assert.Equal(1, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.UserRoles, ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))));
    }
}
