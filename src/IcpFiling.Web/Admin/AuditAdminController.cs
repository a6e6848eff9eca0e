using System.ComponentModel.DataAnnotations;
using System.Globalization;
using IcpFiling.Core;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Paging;
using IcpFiling.Web.Activity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IcpFiling.Web.Admin;

/// <summary>The audit search's query; it lives in the URL.</summary>
public sealed class AuditQuery
{
    private const string DateOutOfRange = "Enter a date between 2000-01-01 and 2999-12-31.";

    [StringLength(InputLimits.EmailMaxLength)]
    public string? Actor { get; set; }

    [StringLength(AuditEntry.ActionMaxLength)]
    public string? Action { get; set; }

    [StringLength(AuditEntry.SubjectIdMaxLength)]
    public string? Subject { get; set; }

    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true, ErrorMessage = DateOutOfRange)]
    public DateOnly? From { get; set; }

    [Range(typeof(DateOnly), InputLimits.EarliestFilterDate, InputLimits.LatestFilterDate, ParseLimitsInInvariantCulture = true, ErrorMessage = DateOutOfRange)]
    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    /// <summary>Rows per page; clamped by PageRequest.</summary>
    public int? Size { get; set; }

    public AuditFilter ToFilter() => new(Actor, Action, Subject, From, To);

    public object RouteValues(int? page = null) => new
    {
        actor = Actor,
        action = Action,
        subject = Subject,
        from = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        to = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        page,
    };
}

public sealed record AuditPageModel(AuditQuery Query, HistoryModel History, IReadOnlyList<string> Actions);

/// <summary>Every audit row of the console, searchable, paged and exportable; shown with the same history partial as every other history.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/audit")]
public sealed class AuditAdminController(AuditSearch search, TimeProvider time, ConsoleTime clock, ILogger<AuditAdminController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditQuery query, CancellationToken cancellationToken)
    {
        var filter = ModelState.IsValid ? query.ToFilter() : new AuditFilter(null, null, null, null, null);
        var rows = await search.SearchAsync(filter, new PageRequest(query.Page, query.Size), cancellationToken);
        // Pager links from the request itself: "action" and "page" are route values, so Url.Action cannot carry them as filters.
        var history = new HistoryModel(rows, Request.Pages(), this.AccountId(), ShowActorAccounts: true);
        return View("~/Views/Admin/Audit.cshtml", new AuditPageModel(query, history, await search.ActionsAsync(cancellationToken)));
    }

    [HttpGet("export")]
    public IActionResult Export([FromQuery] AuditQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var adminId = this.AccountId();
        return new CsvFileResult<AuditRow>(
            $"icp-audit-{clock.Date(time.GetUtcNow().UtcDateTime)}.csv",
            Columns(clock),
            search.StreamAsync(query.ToFilter(), cancellationToken),
            rows => logger.LogInformation("Administrator {AdminId} exported {RowCount} audit rows", adminId, rows));
    }

    /// <summary>The audit row's own fields by their names, the time in China time with its offset as in every export.</summary>
    private static IReadOnlyList<CsvColumn<AuditRow>> Columns(ConsoleTime clock) =>
    [
        new("id", r => r.Id.ToString(CultureInfo.InvariantCulture)),
        new("at", r => clock.Iso(r.At)),
        new("actorId", r => r.ActorId),
        new("actorEmail", r => r.ActorEmail),
        new("actorRole", r => r.ActorRole),
        new("action", r => r.Action),
        new("subjectType", r => r.SubjectType),
        new("subjectId", r => r.SubjectId),
        new("reason", r => r.Reason),
        new("detail", r => r.Detail),
        new("requestId", r => r.CorrelationId),
        new("channel", r => r.Channel?.ToString()),
    ];
}
