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

    /// <summary>The status tag's colour: green for what can still be used or is in force, grey for what is spent, red for what is void.</summary>
    public static string CssClass(ServiceNumberStatus status) => status switch
    {
        ServiceNumberStatus.Used => "status-tag-neutral",
        ServiceNumberStatus.Invalid => "status-tag-danger",
        _ => "status-tag-success",
    };

    public static string CssClass(FilingStatus status) => status switch
    {
        FilingStatus.Cancelled => "status-tag-neutral",
        FilingStatus.ProviderRemoved => "status-tag-warning",
        _ => "status-tag-info",
    };

    public static string CssClass(InstanceStatus status) => status switch
    {
        InstanceStatus.Stopped => "status-tag-warning",
        InstanceStatus.Expired or InstanceStatus.Released => "status-tag-danger",
        _ => "status-tag-success",
    };
}

/// <summary>What the pager partial needs: where we are, and how to link to another page.</summary>
public sealed record PagerModel(int Page, int PageCount, int Total, Func<int, string?> UrlFor)
{
    /// <summary>The page sizes offered; any size from 1 to <see cref="IcpFiling.Core.Paging.PageRequest.MaxSize"/> works in the URL.</summary>
    public static readonly int[] Sizes = [10, 20, 50, 100];

    /// <summary>The rows per page of the list shown, for the size choice.</summary>
    public int Size { get; init; } = IcpFiling.Core.Paging.PageRequest.DefaultSize;

    public static PagerModel Of<T>(IcpFiling.Core.Paging.Paged<T> paged, Func<int, string?> urlFor) =>
        new(paged.Page, paged.PageCount, paged.Total, urlFor) { Size = paged.Size };
}
