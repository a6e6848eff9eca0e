using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Paging;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Activity;

/// <summary>A page of history and how to show it.</summary>
/// <param name="History">The entries, newest first.</param>
/// <param name="PageUrl">The link to another page of the history.</param>
/// <param name="ViewerId">The signed-in account: its own entries read "You".</param>
/// <param name="ShowActorAccounts">Support and resellers see who acted; owners see the actor's role only.</param>
public sealed record HistoryModel(Paged<AuditRow> History, Func<int, string?> PageUrl, string ViewerId, bool ShowActorAccounts);

/// <summary>A history page of its own: the owner's Activity, an account's history for support or a reseller.</summary>
public sealed record HistoryPageModel(string Title, string? Lead, HistoryModel History, string? BackUrl, string? BackText);

/// <summary>An account's history as a page of its own, for staff (support, a reseller): actors named by account, and a way back.</summary>
internal static class StaffHistoryPages
{
    public static ViewResult StaffHistoryPage(
        this Controller controller, string section, string title, string lead, Paged<AuditRow> entries, Func<int, string?> pageUrl, string? backUrl, string backText)
    {
        controller.ViewData[Sections.Key] = section;
        return controller.View("~/Views/Activity/History.cshtml", new HistoryPageModel(
            title, lead, new HistoryModel(entries, pageUrl, controller.AccountId(), ShowActorAccounts: true), backUrl, backText));
    }
}

/// <summary>English labels for audit actions; views pass them through the localizer.</summary>
public static class AuditLabels
{
    public static string For(string action) => action switch
    {
        AuditActions.NumberIssued => "Number issued",
        AuditActions.NumberUsed => "Number used",
        AuditActions.NumberRestricted => "Number restricted to an account",
        AuditActions.NumberRestrictionChanged => "Number restriction changed",
        AuditActions.NumberRestrictionLifted => "Number restriction lifted",
        AuditActions.NumberVoided => "Number voided",
        AuditActions.FilingSubmitted => "Filing submitted",
        AuditActions.FilingCancelled => "Filing cancelled",
        AuditActions.FilingProviderRemoved => "Provider removed from filing",
        AuditActions.HoldPlaced => "Placed on hold",
        AuditActions.HoldReleased => "Hold released",
        AuditActions.QuotaOverrideSet => "Quota override set",
        AuditActions.QuotaOverrideCleared => "Quota override cleared",
        AuditActions.SignInFailed => "Sign-in failed",
        AuditActions.LockedOut => "Sign-in locked out",
        AuditActions.NumberEnded => "Number invalid: its instance ended",
        AuditActions.InstanceCreated => "Instance added by the provider",
        AuditActions.InstanceUpdated => "Instance updated by the provider",
        AuditActions.InstanceExpired => "Instance expired",
        AuditActions.AccountCreated => "Account added by the provider",
        AuditActions.AccountUpdated => "Account updated by the provider",
        AuditActions.ApiClientCreated => "API client created",
        AuditActions.ApiClientRevoked => "API client revoked",
        _ => action,
    };

    /// <summary>
    /// Who acted, by kind: a role, the console itself, an API client, an operator at the command line (the audit row's
    /// actor role, which is a code, never shown as it is stored).
    /// </summary>
    public static string ForActor(string? role) => role switch
    {
        Roles.Owner => "Account owner",
        Roles.Reseller => "Reseller",
        Roles.Support => "Support",
        Roles.Admin => "Administrator",
        "System" => "The console (automatic)",
        "ApiClient" => "API client",
        "Operator" => "Operator (command line)",
        _ => "Someone",
    };

    public static string ForSubject(string subjectType) => subjectType switch
    {
        AuditSubjects.Instance => "Instance",
        AuditSubjects.ServiceNumber => "Number",
        AuditSubjects.Filing => "Filing",
        AuditSubjects.Account => "Account",
        _ => subjectType,
    };
}
