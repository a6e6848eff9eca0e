using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using Microsoft.AspNetCore.Identity;

namespace IcpFiling.Web.Admin;

/// <summary>
/// <c>dotnet run --project src/IcpFiling.Web -- admins create --email ops@example.cn --name "Operations"</c>: creates an
/// administrator on the configured database (a fresh production database has none), with a password read from
/// standard input (never from the command line, where it would stay in the shell's history), checked against the
/// console's password policy. Both steps are audited as the operator's.
/// </summary>
internal static class AdminsCommand
{
    private const string Usage = """
        Usage:
          admins create --email <e-mail> [--name <display name>]   reads the password from standard input
        """;

    public static bool Matches(string[] args) => args is ["admins", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.ElementAtOrDefault(1) != "create" || Value(args, "--email") is not { } email)
        {
            output.WriteLine(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<AccountProvisioningCommands>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var actor = Actor.Operator;

        output.WriteLine("Password for the new administrator (read from standard input):");
        var password = input.ReadLine() ?? "";
        var probe = new ApplicationUser { UserName = email, Email = email };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, probe, password)).Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            output.WriteLine(string.Join(Environment.NewLine, problems));
            return 1;
        }

        var created = await commands.CreateAsync(actor, new NewAccount(email, Value(args, "--name"), Roles.Admin), cancellationToken);
        if (created.Value is not { } id)
        {
            output.WriteLine(string.Join(Environment.NewLine, created.Problems.Select(p => p.Message.ToEnglish())));
            return 1;
        }

        var set = await commands.SetPasswordAsync(actor, id, users.PasswordHasher.HashPassword(probe, password), expectedStamp: null, cancellationToken);
        if (!set.Succeeded)
        {
            output.WriteLine("The account was created but its password could not be set; make a set-password link from the console.");
            return 1;
        }

        output.WriteLine($"Created administrator {email.Trim()} ({id}). Sign in with the password just given.");
        return 0;
    }

    private static string? Value(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
