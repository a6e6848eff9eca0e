namespace IcpFiling.Web;

/// <summary>The console's navigation sections: a page names its section so the layout highlights it.</summary>
public static class Sections
{
    /// <summary>The ViewData key a page sets to its section.</summary>
    public const string Key = "Section";

    public const string Application = "application";
    public const string Management = "management";
    public const string Filings = "filings";
    public const string Activity = "activity";
    public const string Customers = "customers";
    public const string ResellerNumbers = "reseller-numbers";
    public const string Support = "support";
    public const string Account = "account";
    public const string Admin = "admin";
}
