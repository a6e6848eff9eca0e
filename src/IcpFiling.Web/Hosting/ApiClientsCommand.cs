using System.Globalization;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Inventory;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/IcpFiling.Web -- api-clients create --name billing --scope inventory:write</c>, and
/// <c>list</c> and <c>revoke --id N</c>: API clients managed from the server's command line, on the configured
/// database, until the administrators' console has a page for them.
/// </summary>
internal static class ApiClientsCommand
{
    private const string Usage = """
        Usage:
          api-clients create --name <name> --scope <scope> [--scope <scope>]   scopes: inventory:write, inventory:read
          api-clients list
          api-clients revoke --id <id>
        """;

    public static bool Matches(string[] args) => args is ["api-clients", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClients>();
        var actor = Actor.Operator;
        switch (args.ElementAtOrDefault(1))
        {
            case "create":
                var created = await clients.CreateAsync(actor, Values(args, "--name").FirstOrDefault(), Values(args, "--scope"), cancellationToken);
                if (created.Value is not { } client)
                {
                    return Fail(output, created);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Created API client {client.Id} '{client.Name}' with scopes {string.Join(' ', client.Scopes)}."));
                output.WriteLine($"Key (shown once; store it in the calling system's secret store now): {client.Key}");
                return 0;
            case "revoke" when int.TryParse(Values(args, "--id").FirstOrDefault(), CultureInfo.InvariantCulture, out var id):
                var revoked = await clients.RevokeAsync(actor, id, cancellationToken);
                if (!revoked.Succeeded)
                {
                    return Fail(output, revoked);
                }

                output.WriteLine(revoked.Message!.ToEnglish());
                return 0;
            case "list":
                foreach (var c in await clients.ListAsync(cancellationToken))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{c.Id,4}  {c.Name,-30} {c.Scopes,-32} created {c.CreatedAt:yyyy-MM-dd}  last used {c.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {(c.RevokedAt is null ? "active" : "revoked")}"));
                }

                return 0;
            default:
                output.WriteLine(Usage);
                return 2;
        }
    }

    private static List<string> Values(string[] args, string option) =>
        [.. args.Select((arg, i) => (arg, i)).Where(a => a.arg == option && a.i + 1 < args.Length).Select(a => args[a.i + 1])];

    private static int Fail<T>(TextWriter output, Outcome<T> outcome)
    {
        output.WriteLine(outcome.Kind == OutcomeKind.NotFound
            ? "No such API client."
            : string.Join(Environment.NewLine, outcome.Problems.Select(p => p.Message.ToEnglish())));
        return 1;
    }
}
