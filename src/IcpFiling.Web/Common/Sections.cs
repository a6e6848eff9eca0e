namespace IcpFiling.Web;

/// <summary>The console's navigation sections: a page names its section so the layout highlights it.</summary>
public static class Sections
{
    /// <summary>The ViewData key a page sets to its section.</summary>
    public const string Key = "Section";

    public const string Application = "application";
    public const string Management = "management";
    public const string Granted = "granted";
    public const string Filings = "filings";
    public const string Activity = "activity";
    public const string Customers = "customers";
    public const string ResellerNumbers = "reseller-numbers";
    public const string Support = "support";
    public const string Account = "account";
    public const string Admin = "admin";

    /// <summary>Where a section sits in the console, for the breadcrumbs: its product group and its start page.</summary>
    public sealed record Place(string Group, string Title, string Controller, string Action, string? Area = null, string? Page = null);

    /// <summary>The section's place; null for pages outside the navigation (the home page, errors).</summary>
    public static Place? Of(string? section) => section switch
    {
        Application => new("ICP No.", "ICP No. Application", "Application", "Index"),
        Management => new("ICP No.", "ICP No. Management", "Management", "Index"),
        Granted => new("ICP No.", "Granted to me", "Management", "Granted"),
        Filings => new("ICP No.", "ICP Filing", "Filings", "Index"),
        Activity => new("Account", "Activity", "Activity", "Index"),
        Customers => new("Reseller", "Customers", "Resellers", "Customers"),
        ResellerNumbers => new("Reseller", "Issued numbers", "Resellers", "Numbers"),
        Support => new("Support", "Instances", "Support", "Index"),
        Account => new("Account", "Account settings", "", "", "Identity", "/Account/Manage/Index"),
        Admin => new("Administration", "Administration", "Admin", "Index"),
        _ => null,
    };
}
