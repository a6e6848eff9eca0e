using IcpFiling.Core.Audit;

namespace IcpFiling.Web.Activity;

/// <summary>How a history names the way a change arrived (localized through the shared resources).</summary>
public static class ChannelNames
{
    public static string Of(AuditChannel channel) => channel switch
    {
        AuditChannel.Console => "through the console",
        AuditChannel.OwnerApi => "through the owner API",
        AuditChannel.ProviderApi => "through the provider's systems",
        AuditChannel.CommandLine => "at the command line",
        AuditChannel.System => "by the console itself",
        _ => channel.ToString(),
    };
}
