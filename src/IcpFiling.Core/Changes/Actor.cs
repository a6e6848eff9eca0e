using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;

namespace IcpFiling.Core.Changes;

/// <summary>Who makes a change: an account acting in a role, and the request (correlation id) that carried it.</summary>
public sealed record Actor(string AccountId, string? Role, string? CorrelationId)
{
    /// <summary>How the change arrived; a console page unless the caller says otherwise.</summary>
    public AuditChannel Channel { get; init; } = AuditChannel.Console;

    /// <summary>The actor id of audit rows written for someone who is not signed in (a failed sign-in).</summary>
    public const string AnonymousId = "anonymous";

    public static Actor Owner(string accountId, string? correlationId) => new(accountId, Roles.Owner, correlationId);

    public static Actor Support(string accountId, string? correlationId) => new(accountId, Roles.Support, correlationId);

    public static Actor Anonymous(string? correlationId) => new(AnonymousId, null, correlationId);

    /// <summary>The console itself (the lifecycle sweep).</summary>
    public static Actor System { get; } = new("system", "System", null) { Channel = AuditChannel.System };

    /// <summary>A client of the API, acting with its key.</summary>
    public static Actor ApiClient(int clientId, string? correlationId) => new($"api-client:{clientId}", "ApiClient", correlationId) { Channel = AuditChannel.ProviderApi };

    /// <summary>An operator at the command line.</summary>
    public static Actor Operator { get; } = new("command-line:" + Environment.UserName, "Operator", null) { Channel = AuditChannel.CommandLine };
}
