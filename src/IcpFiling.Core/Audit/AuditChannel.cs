namespace IcpFiling.Core.Audit;

/// <summary>
/// How a change reached the console, kept on its audit row so a history can say "through the owner API" rather
/// than guess from the actor. Stored as text, so members are never renamed.
/// </summary>
public enum AuditChannel
{
    /// <summary>A page of the console, in a signed-in browser.</summary>
    Console,

    /// <summary>The owner and reseller API, with a personal access token.</summary>
    OwnerApi,

    /// <summary>The provider's systems, with an API client's key (the inventory feed).</summary>
    ProviderApi,

    /// <summary>An operator at the command line (<c>admins</c>, <c>api-clients</c>).</summary>
    CommandLine,

    /// <summary>The console itself (the lifecycle sweep).</summary>
    System,
}
