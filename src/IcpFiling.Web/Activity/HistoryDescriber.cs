using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Activity;

/// <summary>Where a history sentence links an instance, a number or a filing for this viewer (null: no link, the id alone).</summary>
public sealed record HistoryLinks(Func<string, string?> Instance, Func<string, string?> Number, Func<string, string?> Filing)
{
    public static HistoryLinks None { get; } = new(_ => null, _ => null, _ => null);
}

/// <summary>One history row as people read it: the row, and what happened as a sentence with e-mails, ids and links.</summary>
public sealed record HistoryLine(AuditRow Row, IHtmlContent What);

/// <summary>One sign-in row of the audit trail, for the account's "Recent sign-ins".</summary>
public sealed record SignInLine(DateTime At, bool Succeeded, string How, string Address)
{
    public static SignInLine From(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var fields = HistoryDescriber.Fields(row.Detail);
        var succeeded = row.Action == AuditActions.SignedIn;
        var how = succeeded ? HistoryDescriber.MethodText(fields.GetValueOrDefault("with")) : HistoryDescriber.FailureText(row.Detail);
        return new SignInLine(row.At, succeeded, how, fields.GetValueOrDefault("from") ?? HistoryDescriber.AddressOf(row.Detail) ?? "—");
    }
}

/// <summary>
/// Turns audit rows into sentences. The rows keep what the change wrote (ids, "key=value" details); this is the one
/// place that knows how to read them, shared by Activity, support's and resellers' histories and the admin audit
/// search. Accounts are named by e-mail and filings by domain, looked up once per page.
/// </summary>
public sealed partial class HistoryDescriber(IcpFilingDbContext db, IStringLocalizer<SharedResource> localizer, InstanceTypeCatalog types)
{
    public async Task<IReadOnlyList<HistoryLine>> DescribeAsync(IReadOnlyList<AuditRow> rows, HistoryLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(links);
        var accountIds = rows.Where(r => r.SubjectType == AuditSubjects.Account).Select(r => r.SubjectId)
            .Concat(rows.Select(r => QuotaAccount(Fields(r.Detail).GetValueOrDefault("quota"))).OfType<string>())
            .Distinct().ToList();
        var emails = accountIds.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => accountIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var filingIds = rows.Where(r => r.SubjectType == AuditSubjects.Filing)
            .Select(r => long.TryParse(r.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
            .OfType<long>().Distinct().ToList();
        var domains = filingIds.Count == 0 ? [] : await db.Filings.AsNoTracking()
            .Where(f => filingIds.Contains(f.Id)).Select(f => new { f.Id, f.Domain })
            .ToDictionaryAsync(f => f.Id.ToString(CultureInfo.InvariantCulture), f => f.Domain, cancellationToken);
        var context = new Context(links, emails, domains);
        return [.. rows.Select(row => new HistoryLine(row, Describe(row, context)))];
    }

    private IHtmlContent Describe(AuditRow row, Context c)
    {
        var f = Fields(row.Detail);
        var id = row.SubjectId;
        return row.Action switch
        {
            AuditActions.NumberIssued => Sentence(
                f.GetValueOrDefault("channel") == "Filing"
                    ? "Service identification number {0} issued for instance {1} while filing; it is number {2} of {3} on {4}."
                    : "Service identification number {0} issued for instance {1} on the ICP No. Application page; it is number {2} of {3} on {4}.",
                c.Number(id), c.Instance(f.GetValueOrDefault("instance")), Text(SlotPart(f, 0)), Text(SlotPart(f, 1)), Quota(f.GetValueOrDefault("quota"), c)),
            AuditActions.NumberUsed => Sentence("Service identification number {0} used for the filing of {1}.", c.Number(id), c.Filing(f.GetValueOrDefault("filing"), f.GetValueOrDefault("domain"))),
            AuditActions.FilingSubmitted => Sentence("Filing of {0} submitted with service identification number {1}.", c.Filing(id, f.GetValueOrDefault("domain")), c.Number(f.GetValueOrDefault("number"))),
            AuditActions.FilingCancelled => Sentence("Filing of {0} cancelled; its service identification number stays used.", c.Filing(id, null)),
            AuditActions.FilingProviderRemoved => Sentence("This provider removed from the filing of {0}; its service identification number stays used.", c.Filing(id, null)),
            AuditActions.NumberRestricted => Sentence("Service identification number {0} restricted to {1}.", c.Number(id), Text(After(row.Detail, "restricted to "))),
            AuditActions.NumberRestrictionChanged => Sentence("Service identification number {0} now restricted to {1}.", c.Number(id), Text(After(row.Detail, "restricted to "))),
            AuditActions.NumberRestrictionLifted => Sentence("Service identification number {0} can again be used by any account.", c.Number(id)),
            AuditActions.NumberVoided => Sentence("Service identification number {0} of instance {1} voided; it still counts against the quota.", c.Number(id), c.Instance(InstanceOf(f))),
            AuditActions.NumberEnded => Sentence("Service identification number {0} of instance {1} became invalid for good: the instance ended.", c.Number(id), c.Instance(InstanceOf(f))),
            AuditActions.HoldPlaced => Sentence("Instance {0} placed on hold: it gets no new service identification numbers until released.", c.Instance(id)),
            AuditActions.HoldReleased => Sentence("The hold on instance {0} released.", c.Instance(id)),
            AuditActions.QuotaOverrideSet when QuotaChange().Match(row.Detail ?? "") is { Success: true } m => Sentence(
                "Quota of instance {0} set to {1} (was {2}; {3} issued).", c.Instance(id), Text(m.Groups["to"].Value), Text(WasText(m.Groups["from"].Value)), Text(m.Groups["issued"].Value)),
            AuditActions.QuotaOverrideCleared when QuotaChange().Match(row.Detail ?? "") is { Success: true } m => Sentence(
                "Quota override of instance {0} cleared: back to the type's {1} (was {2}; {3} issued).", c.Instance(id), Text(Digits(m.Groups["to"].Value)), Text(m.Groups["from"].Value), Text(m.Groups["issued"].Value)),
            AuditActions.InstanceCreated => Sentence("The provider added instance {0}.", c.Instance(id)),
            AuditActions.InstanceUpdated => Sentence("The provider updated instance {0}.", c.Instance(id)),
            AuditActions.InstanceExpired => Sentence("Instance {0} expired.", c.Instance(id)),
            AuditActions.AccountCreated => Sentence("The provider added account {0}.", c.Account(id)),
            AuditActions.AccountUpdated => Sentence("The provider updated account {0}.", c.Account(id)),
            AuditActions.ApiClientCreated => Sentence("API client {0} created.", Text(row.Detail?.Split(';')[0] ?? id)),
            AuditActions.ApiClientRevoked => Sentence("API client {0} revoked: its key is no longer accepted.", Code(id)),
            AuditActions.SignedIn => Sentence("{0} signed in with {1} from {2}.", c.Account(id), Text(localizer[MethodText(f.GetValueOrDefault("with"))]), Code(f.GetValueOrDefault("from") ?? "—")),
            AuditActions.SignInFailed or AuditActions.LockedOut => id == SignInAudit.UnknownSubjectId
                ? Sentence("Sign-in refused for an e-mail that has no account, from {0}.", Code(AddressOf(row.Detail) ?? "—"))
                : Sentence("Sign-in to {0} refused from {1}: {2}.", c.Account(id), Code(AddressOf(row.Detail) ?? "—"), Text(localizer[FailureText(row.Detail)])),
            AuditActions.PasswordChanged => Sentence("{0} changed the password.", c.Account(id)),
            AuditActions.TwoFactorEnabled => Sentence("{0} turned on two-factor sign-in with an authenticator app.", c.Account(id)),
            AuditActions.TwoFactorDisabled => Sentence("{0} turned off two-factor sign-in.", c.Account(id)),
            AuditActions.RecoveryCodesGenerated => Sentence("{0} generated new recovery codes.", c.Account(id)),
            _ => Sentence("{0}: {1} {2}.", Text(localizer[AuditLabels.For(row.Action)]), Code(id), Text(row.Detail ?? "")),
        };
    }

    /// <summary>"a=1; b=2" details as fields; details written as prose give none.</summary>
    internal static Dictionary<string, string> Fields(string? detail)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (detail ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals]] = part[(equals + 1)..];
            }
        }

        return fields;
    }

    internal static string MethodText(string? method) => method switch
    {
        nameof(SignInMethod.AuthenticatorApp) => "password and authenticator code",
        nameof(SignInMethod.RecoveryCode) => "password and recovery code",
        _ => "password",
    };

    /// <summary>Why a sign-in was refused, from the audit detail's wording (SignInAudit).</summary>
    internal static string FailureText(string? detail) => detail switch
    {
        null => "refused",
        _ when detail.StartsWith("wrong password", StringComparison.Ordinal) => "wrong password",
        _ when detail.StartsWith("wrong authenticator code", StringComparison.Ordinal) => "wrong authenticator code",
        _ when detail.StartsWith("wrong recovery code", StringComparison.Ordinal) => "wrong recovery code",
        _ when detail.StartsWith("too many failed", StringComparison.Ordinal) => "too many failures; that address is paused",
        _ when detail.StartsWith("sign-in refused", StringComparison.Ordinal) => "paused or locked",
        _ when detail.StartsWith("unknown e-mail", StringComparison.Ordinal) => "no such account",
        _ => "refused",
    };

    internal static string? AddressOf(string? detail) =>
        detail is null ? null : FromAddress().Match(detail) is { Success: true } m ? m.Groups["address"].Value : null;

    private static string? QuotaAccount(string? quota) =>
        quota is not null && quota.StartsWith("account:", StringComparison.Ordinal) && quota.Split(':') is [_, var account, ..] ? account : null;

    private IHtmlContent Quota(string? quota, Context c) => quota?.Split(':') switch
    {
        ["account", var account, var type] => Sentence("the quota {0} shares for {1}", c.Account(account), Text(TypeName(type))),
        ["instance", var instance] => Sentence("the quota of instance {0}", c.Instance(instance)),
        _ => Text(localizer["its quota"]),
    };

    private string TypeName(string type) =>
        Enum.TryParse<InstanceType>(type, out var parsed) && types.All.TryGetValue(parsed, out var policy) ? localizer[policy.DisplayName] : type;

    private static string SlotPart(Dictionary<string, string> fields, int index) =>
        fields.GetValueOrDefault("slot")?.Split('/') is { } parts && parts.Length > index ? parts[index] : "?";

    private static string? InstanceOf(Dictionary<string, string> fields) => fields.GetValueOrDefault("instance")?.Split(' ')[0];

    private static string After(string? detail, string prefix) =>
        detail is not null && detail.StartsWith(prefix, StringComparison.Ordinal) ? detail[prefix.Length..] : detail ?? "";

    private string WasText(string from) => from.StartsWith("type default ", StringComparison.Ordinal)
        ? localizer["the type's {0}", Digits(from)] : from;

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    /// <summary>The localized template with its {n} holes filled by the (already encoded) parts.</summary>
    private IHtmlContent Sentence(string template, params IHtmlContent[] parts)
    {
        var text = localizer[template].Value;
        var builder = new HtmlContentBuilder();
        var at = 0;
        foreach (Match hole in Hole().Matches(text))
        {
            builder.Append(text[at..hole.Index]);
            var index = int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture);
            builder.AppendHtml(index < parts.Length ? parts[index] : HtmlString.Empty);
            at = hole.Index + hole.Length;
        }

        return builder.Append(text[at..]);
    }

    private static IHtmlContent Text(string text) => new HtmlContentBuilder().Append(text);

    private static HtmlString Code(string text) => new($"<code>{HtmlEncoder.Default.Encode(text)}</code>");

    private static HtmlString Link(string? href, string text, bool code) =>
        new(href is null ? (code ? $"<code>{HtmlEncoder.Default.Encode(text)}</code>" : HtmlEncoder.Default.Encode(text))
            : $"<a href=\"{HtmlEncoder.Default.Encode(href)}\">{(code ? $"<code>{HtmlEncoder.Default.Encode(text)}</code>" : HtmlEncoder.Default.Encode(text))}</a>");

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"from (?<address>[^\s:;]+(?::[0-9a-fA-F:]+)?)")]
    private static partial Regex FromAddress();

    [GeneratedRegex(@"^quota (?<from>.+?) -> (?<to>.+?); issued (?<issued>\d+)$")]
    private static partial Regex QuotaChange();

    private sealed record Context(HistoryLinks Links, Dictionary<string, string?> Emails, Dictionary<string, string> Domains)
    {
        public IHtmlContent Instance(string? id) => id is null ? HtmlString.Empty : Link(Links.Instance(id), id, code: true);

        public IHtmlContent Number(string? number) => number is null ? HtmlString.Empty : Link(Links.Number(number), number, code: true);

        public IHtmlContent Filing(string? id, string? domain)
        {
            var name = domain ?? (id is not null ? Domains.GetValueOrDefault(id) : null) ?? $"#{id}";
            return id is null ? Link(null, name, code: false) : Link(Links.Filing(id), name, code: false);
        }

        public IHtmlContent Account(string id) => Emails.GetValueOrDefault(id) is { } email ? Link(null, email, code: false) : Code(id);
    }
}
