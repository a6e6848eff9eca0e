using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Web;

/// <summary>English labels for enum values; views pass them through the localizer.</summary>
public static class Labels
{
    public static string For(BillingMethod billing) => billing switch
    {
        BillingMethod.PayAsYouGo => "Pay-as-you-go",
        _ => "Subscription",
    };

    public static string For(ServiceNumberStatus status) => status switch
    {
        ServiceNumberStatus.Used => "Used",
        ServiceNumberStatus.Invalid => "Invalid",
        _ => "Unused",
    };

    public static string For(InstanceStatus status) => status switch
    {
        InstanceStatus.Stopped => "Stopped",
        InstanceStatus.Expired => "Expired",
        InstanceStatus.Released => "Released",
        _ => "Running",
    };

    public static string For(FilingStatus status) => status switch
    {
        FilingStatus.Cancelled => "Cancelled",
        FilingStatus.ProviderRemoved => "Provider removed",
        _ => "Submitted",
    };

    public static string CssClass(ServiceNumberStatus status) => status switch
    {
        ServiceNumberStatus.Used => "text-bg-secondary",
        ServiceNumberStatus.Invalid => "text-bg-danger",
        _ => "text-bg-success",
    };
}

/// <summary>What the pager partial needs: where we are, and how to link to another page.</summary>
public sealed record PagerModel(int Page, int PageCount, int Total, Func<int, string?> UrlFor);
