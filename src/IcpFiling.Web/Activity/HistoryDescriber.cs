using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Html;
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
/// place that knows how to read them, for every history (the owner's Activity, support's and resellers' histories,
/// the administrators' account pages and audit search, all through Views/Activity/_History). It reads no database:
/// the names it shows come with the rows from <c>AuditRows.Of</c>, so a history page costs no extra query.
/// </summary>
public sealed partial class HistoryDescriber(IStringLocalizer<SharedResource> localizer, InstanceTypeCatalog types)
{
    /// <summary>The rows as sentences; <paramref name="viewerId"/> (the signed-in account) reads "your account" in a quota it shares.</summary>
    public IReadOnlyList<HistoryLine> Describe(IReadOnlyList<AuditRow> rows, HistoryLinks links, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(links);
        return [.. rows.Select(row => new HistoryLine(row, Describe(row, new Context(links, row, viewerId))))];
    }

    private IHtmlContent Describe(AuditRow row, Context c)
    {
        var f = Fields(row.Detail);
        var id = row.SubjectId;
        return row.Action switch
        {
            AuditActions.NumberIssued when f.GetValueOrDefault("channel") == "Filing" => Sentence(
                "Service identification number {0} issued for instance {1} while filing; it is number {2} of {3} on {4}.",
                c.Number(id), c.Instance(f.GetValueOrDefault("instance")), Text(SlotPart(f, 0)), Text(SlotPart(f, 1)), Quota(f.GetValueOrDefault("quota"), c)),
            AuditActions.NumberIssued when f.GetValueOrDefault("channel") == "Batch" => Sentence(
                "Service identification number {0} issued for instance {1} in a batch on ICP No. Application; it is number {2} of {3} on {4}.",
                c.Number(id), c.Instance(f.GetValueOrDefault("instance")), Text(SlotPart(f, 0)), Text(SlotPart(f, 1)), Quota(f.GetValueOrDefault("quota"), c)),
            AuditActions.NumberIssued when f.GetValueOrDefault("channel") == "OwnerApi" => Sentence(
                "Service identification number {0} issued for instance {1} through the owner API; it is number {2} of {3} on {4}.",
                c.Number(id), c.Instance(f.GetValueOrDefault("instance")), Text(SlotPart(f, 0)), Text(SlotPart(f, 1)), Quota(f.GetValueOrDefault("quota"), c)),
            AuditActions.NumberIssued => Sentence(
                "Service identification number {0} issued for instance {1} through ICP No. Application; it is number {2} of {3} on {4}.",
                c.Number(id), c.Instance(f.GetValueOrDefault("instance")), Text(SlotPart(f, 0)), Text(SlotPart(f, 1)), Quota(f.GetValueOrDefault("quota"), c)),
            AuditActions.NumberUsed => Sentence("Service identification number {0} used for the filing of {1}.", c.Number(id), c.Filing(f.GetValueOrDefault("filing"), f.GetValueOrDefault("domain"))),
            AuditActions.FilingSubmitted => Sentence("Filing of {0} submitted with service identification number {1}.", c.Filing(id, f.GetValueOrDefault("domain")), c.Number(f.GetValueOrDefault("number"))),
            AuditActions.FilingCancelled => Sentence("Filing of {0} cancelled; its service identification number stays used.", c.Filing(id, null)),
            AuditActions.FilingProviderRemoved => Sentence("This provider removed from the filing of {0}; its service identification number stays used.", c.Filing(id, null)),
            AuditActions.NumberRestricted when RestrictionDetail.Read(row.Detail) is (var to, { } note) => Sentence(
                "Service identification number {0} restricted to {1}, with the note “{2}”.", c.Number(id), Text(to), Text(note)),
            AuditActions.NumberRestrictionChanged when RestrictionDetail.Read(row.Detail) is (var to, { } note) => Sentence(
                "Service identification number {0} now restricted to {1}, with the note “{2}”.", c.Number(id), Text(to), Text(note)),
            AuditActions.NumberRestricted => Sentence("Service identification number {0} restricted to {1}.", c.Number(id), Text(RestrictionDetail.Read(row.Detail).Email)),
            AuditActions.NumberRestrictionChanged => Sentence("Service identification number {0} now restricted to {1}.", c.Number(id), Text(RestrictionDetail.Read(row.Detail).Email)),
            AuditActions.NumberRestrictionLifted => Sentence("Service identification number {0} can again be used by any account.", c.Number(id)),
            AuditActions.NumberVoided => Sentence("Service identification number {0} of instance {1} voided; it still counts against the quota.", c.Number(id), c.Instance(InstanceOf(f))),
            AuditActions.NumberEnded => Sentence("Service identification number {0} of instance {1} became invalid for good: the instance ended.", c.Number(id), c.Instance(InstanceOf(f))),
            AuditActions.HoldPlaced => Sentence("Instance {0} placed on hold: it gets no new service identification numbers until released.", c.Instance(id)),
            AuditActions.HoldReleased => Sentence("The hold on instance {0} was released.", c.Instance(id)),
            AuditActions.QuotaOverrideSet when QuotaChange().Match(row.Detail ?? "") is { Success: true } m => Sentence(
                "Quota of instance {0} set to {1} (was {2}; {3} issued).", c.Instance(id), Text(m.Groups["to"].Value), Text(WasText(m.Groups["from"].Value)), Text(m.Groups["issued"].Value)),
            AuditActions.QuotaOverrideCleared when QuotaChange().Match(row.Detail ?? "") is { Success: true } m => Sentence(
                "Quota override of instance {0} cleared: back to the type's {1} (was {2}; {3} issued).", c.Instance(id), Text(Digits(m.Groups["to"].Value)), Text(m.Groups["from"].Value), Text(m.Groups["issued"].Value)),
            AuditActions.InstanceCreated => Sentence("The provider added instance {0}.", c.Instance(id)),
            AuditActions.InstanceUpdated => Sentence("The provider updated instance {0}.", c.Instance(id)),
            AuditActions.InstanceExpired => Sentence("Instance {0} expired.", c.Instance(id)),
            AuditActions.AccountCreated => Sentence("The provider added account {0}.", c.Subject()),
            AuditActions.AccountUpdated => Sentence("The provider updated account {0}.", c.Subject()),
            AuditActions.ApiClientCreated => Sentence("API client {0} created.", Text(FirstPart(row.Detail) ?? id)),
            AuditActions.ApiClientRotated => Sentence("The key of API client {0} replaced; the previous key works for a short grace period.", Text(FirstPart(row.Detail) ?? id)),
            AuditActions.ApiClientRevoked => Sentence("API client {0} revoked: its key is no longer accepted.", Code(id)),
            AuditActions.TokenCreated => Sentence("Personal access token {0} created.", Text(FirstPart(row.Detail) ?? id)),
            AuditActions.TokenRevoked => Sentence("Personal access token {0} revoked.", Text(FirstPart(row.Detail) ?? id)),
            AuditActions.AccountAdded => Sentence("Account {0} added by an administrator.", c.Subject(FirstPart(row.Detail))),
            AuditActions.RoleChanged => Sentence("The role of {0} changed: {1}.", c.Subject(), Text(row.Detail ?? "")),
            AuditActions.ResellerLinked => Sentence("{0} became a reseller's customer.", c.Subject()),
            AuditActions.ResellerUnlinked => Sentence("{0} is no longer a reseller's customer.", c.Subject()),
            AuditActions.AccountLocked => Sentence("{0} locked by an administrator and signed out everywhere.", c.Subject()),
            AuditActions.AccountUnlocked => Sentence("{0} unlocked by an administrator.", c.Subject()),
            AuditActions.SignedOutEverywhere => Sentence("{0} signed out everywhere by an administrator.", c.Subject()),
            AuditActions.TwoFactorReset => Sentence("Two-factor sign-in of {0} turned off by an administrator; the authenticator key and recovery codes were removed.", c.Subject()),
            AuditActions.InvitationIssued => Sentence("An invitation made for {0}.", c.Subject()),
            AuditActions.PasswordResetIssued => Sentence("A password reset link made for {0}.", c.Subject()),
            AuditActions.PasswordSet => Sentence("{0} set a password from a link.", c.Subject()),
            AuditActions.SignedIn => Sentence("{0} signed in with {1} from {2}.", c.Subject(), Word(MethodText(f.GetValueOrDefault("with"))), Code(f.GetValueOrDefault("from") ?? "—")),
            AuditActions.SignInFailed or AuditActions.LockedOut => id == SignInAudit.UnknownSubjectId
                ? Sentence("Sign-in refused for an e-mail that has no account, from {0}.", Code(AddressOf(row.Detail) ?? "—"))
                : Sentence("Sign-in to {0} refused from {1}: {2}.", c.Subject(), Code(AddressOf(row.Detail) ?? "—"), Word(FailureText(row.Detail))),
            AuditActions.PasswordChanged => Sentence("{0} changed the password.", c.Subject()),
            AuditActions.TwoFactorEnabled => Sentence("{0} turned on two-factor sign-in with an authenticator app.", c.Subject()),
            AuditActions.TwoFactorDisabled => Sentence("{0} turned off two-factor sign-in.", c.Subject()),
            AuditActions.RecoveryCodesGenerated => Sentence("{0} generated new recovery codes.", c.Subject()),
            _ => Sentence("{0}: {1} {2}.", Text(localizer[AuditLabels.For(row.Action)]), row.SubjectName is { } name ? Text(name) : Code(id), Text(row.Detail ?? "")),
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
        nameof(SignInMethod.AuthenticatorApp) => "a password and an authenticator code",
        nameof(SignInMethod.RecoveryCode) => "a password and a recovery code",
        _ => "a password",
    };

    /// <summary>Why a sign-in was refused, from the audit detail's wording (SignInAudit).</summary>
    internal static string FailureText(string? detail) => detail switch
    {
        null => "no reason recorded",
        _ when detail.StartsWith("wrong password", StringComparison.Ordinal) => "wrong password",
        _ when detail.StartsWith("wrong authenticator code", StringComparison.Ordinal) => "wrong authenticator code",
        _ when detail.StartsWith("wrong recovery code", StringComparison.Ordinal) => "wrong recovery code",
        _ when detail.StartsWith("too many failed", StringComparison.Ordinal) => "too many failures; that address is paused",
        _ when detail.StartsWith("sign-in refused", StringComparison.Ordinal) => "paused or locked",
        _ when detail.StartsWith("unknown e-mail", StringComparison.Ordinal) => "no such account",
        _ => "no reason recorded",
    };

    internal static string? AddressOf(string? detail) =>
        detail is null ? null : FromAddress().Match(detail) is { Success: true } m ? m.Groups["address"].Value : null;

    private static string? FirstPart(string? detail) => detail?.Split(';')[0] is { Length: > 0 } first ? first : null;

    private IHtmlContent Quota(string? quota, Context c) => quota?.Split(':') switch
    {
        // The account quota is always the instance owner's (QuotaKeys).
        ["account", var account, var type] => account == c.ViewerId
            ? Sentence("the quota your account shares for {0}", Text(TypeName(type)))
            : Sentence("the quota its owner account shares for {0}", Text(TypeName(type))),
        ["instance", var instance] => Sentence("the quota of instance {0}", c.Instance(instance)),
        _ => Text(localizer["its quota"]),
    };

    private string TypeName(string type) =>
        Enum.TryParse<InstanceType>(type, out var parsed) && types.All.TryGetValue(parsed, out var policy) ? localizer[policy.DisplayName] : type;

    private static string SlotPart(Dictionary<string, string> fields, int index) =>
        fields.GetValueOrDefault("slot")?.Split('/') is { } parts && parts.Length > index ? parts[index] : "?";

    private static string? InstanceOf(Dictionary<string, string> fields) => fields.GetValueOrDefault("instance")?.Split(' ')[0];

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

    /// <summary>An English part of a sentence (a method, a reason), in the page's language.</summary>
    private IHtmlContent Word(string english) => Text(localizer[english]);

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

    private sealed record Context(HistoryLinks Links, AuditRow Row, string? ViewerId)
    {
        public IHtmlContent Instance(string? id) => id is null ? HtmlString.Empty : Link(Links.Instance(id), id, code: true);

        public IHtmlContent Number(string? number) => number is null ? HtmlString.Empty : Link(Links.Number(number), number, code: true);

        /// <summary>A filing by its domain: from the detail where the change wrote it, else from the row's subject name.</summary>
        public IHtmlContent Filing(string? id, string? domain)
        {
            var name = domain ?? (id == Row.SubjectId ? Row.SubjectName : null) ?? $"#{id}";
            return id is null ? Link(null, name, code: false) : Link(Links.Filing(id), name, code: false);
        }

        /// <summary>The row's subject account by e-mail (the id only when the account no longer exists).</summary>
        public IHtmlContent Subject(string? fallback = null) =>
            (Row.SubjectName ?? fallback) is { } email ? Link(null, email, code: false) : Code(Row.SubjectId);
    }
}
