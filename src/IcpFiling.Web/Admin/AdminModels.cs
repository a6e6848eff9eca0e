using System.ComponentModel.DataAnnotations;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Paging;
using IcpFiling.Web.Activity;
using IcpFiling.Web.Common;
using IcpFiling.Web.Support;

namespace IcpFiling.Web.Admin;

/// <summary>The accounts list's query; it lives in the URL.</summary>
public sealed class AccountSearchQuery : ListQuery
{
    [StringLength(InputLimits.EmailMaxLength)]
    public string? Search { get; set; }

    [StringLength(16)]
    public string? Role { get; set; }

    public ListSort<AccountSort> ToSort() => ListSort<AccountSort>.Parse(Sort, Dir, AccountDirectory.DefaultSort);
}

public sealed record AccountsPageModel(AccountSearchQuery Query, Paged<AccountListItem> Accounts);

/// <summary>An account created by hand: staff (support, admin, reseller) or an owner.</summary>
public sealed class NewAccountForm
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [StringLength(InputLimits.EmailMaxLength)]
    public string? Email { get; set; }

    [StringLength(ApplicationUser.DisplayNameMaxLength)]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a role.")]
    [StringLength(16)]
    public string? Role { get; set; }

    /// <summary>The provider's account id for an owner; a new id is made when empty.</summary>
    [StringLength(64)]
    public string? AccountId { get; set; }

    [StringLength(InputLimits.EmailMaxLength)]
    public string? ResellerEmail { get; set; }

    [StringLength(AccountLanguages.MaxLength)]
    public string? Language { get; set; }
}

public sealed class RoleForm : ReasonForm
{
    [Required(ErrorMessage = "Choose a role.")]
    [StringLength(16)]
    public string? Role { get; set; }
}

public sealed class ResellerForm
{
    [Required(ErrorMessage = "Enter the reseller's e-mail address.")]
    [StringLength(InputLimits.EmailMaxLength)]
    public string? ResellerEmail { get; set; }
}

/// <summary>The forms of an account's page as posted, so a refused or invalid post shows them again, filled in.</summary>
public sealed record AccountForms(
    RoleForm? Role = null,
    ResellerForm? Reseller = null,
    ReasonForm? Unlink = null,
    ReasonForm? Lock = null,
    ReasonForm? SignOut = null,
    ReasonForm? TwoFactor = null);

/// <summary>A set-password link shown to the administrator once, when no mail could carry it.</summary>
public sealed record ShownLink(string Email, string Url, DateTime ExpiresAt);

public sealed record AccountPageModel(AccountDetail Detail, HistoryModel History, AccountForms Forms, bool IsSelf, bool MailConfigured, ShownLink? Link = null);

public sealed record AdminHomeModel(AdminCounts Counts, bool MailConfigured);

/// <summary>English labels (localization keys) for the reason codes of refused applies: the rule's failure, not what it requires.</summary>
public static class RefusalReasonLabels
{
    public static string For(string code) => Enum.TryParse<EligibilityRuleId>(code, ignoreCase: false, out var rule) && Enum.IsDefined(rule)
        ? EligibilityEvaluator.Default.FailureOf(rule)
        : "The request itself was incomplete or malformed.";
}

/// <summary>A reason field of one of an account page's forms.</summary>
public sealed record ReasonField(string Prefix, string? Value);
