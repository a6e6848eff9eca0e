using System.Globalization;
using IcpFiling.Core;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Api;

/// <summary>
/// An owner's API, with a personal access token: their instances and whether each can get a number, applying (one
/// instance and a quantity, or up to 20 instances) with an Idempotency-Key, their numbers, restricting a number to
/// one account, and the numbers others granted to them. Under /api/v1/my/ so it never meets the inventory's routes.
/// </summary>
[ApiController]
[Route("api/v1/my")]
[IgnoreAntiforgeryToken]
[ServiceFilter<TokenRateLimitFilter>]
public sealed class OwnerApiController(
    OwnerInstancesQuery instances, BatchApplication batches, AccountNumbersQuery numbers, RestrictionCommands restrictions,
    IStringLocalizer<SharedResource> localizer) : ControllerBase
{
    /// <summary>The owner's instances (pages of up to 100), each with its eligibility verdict and free quota.</summary>
    [HttpGet("instances")]
    [Authorize(Policy = TokenPolicies.NumbersRead)]
    [ProducesResponseType<MyInstanceList>(StatusCodes.Status200OK)]
    public async Task<MyInstanceList> GetInstances(int page = 1, int size = PageRequest.DefaultSize, CancellationToken cancellationToken = default)
    {
        var found = await instances.ListAsync(this.AccountId(), new InstanceFilter(null, null), new PageRequest(page, size), cancellationToken);
        return new MyInstanceList([.. found.Items.Select(s => MyInstance.Of(s, localizer))], found.Page, found.Size, found.Total);
    }

    /// <summary>
    /// Applies for numbers: <c>{"instanceId", "quantity"}</c> or <c>{"lines": [{"instanceId", "quantity"}, …]}</c> (up to 20).
    /// Each number is its own transaction; a refused instance never undoes another's numbers. The same Idempotency-Key
    /// and body answer the first call's numbers again; the same key with another body is a 422.
    /// </summary>
    [HttpPost("apply")]
    [Authorize(Policy = TokenPolicies.NumbersApply)]
    [ProducesResponseType<ApplyResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> PostApply(
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ApplyBody body, CancellationToken cancellationToken)
    {
        if (!InputLimits.IsValidIdempotencyKey(idempotencyKey))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.IdempotencyKeyMissing,
                title: localizer["Send an Idempotency-Key header."],
                detail: localizer["A key of your choosing (a UUID, say) makes a retried call answer what the first one did."]);
        }

        if ((body.InstanceId is null) == (body.Lines is null))
        {
            var shape = new Core.Changes.Notice("Give instanceId (with a quantity) or lines, one of the two.");
            return this.TokenApiResult<ApplyResult>(
                Outcome.Invalid([new Core.Changes.Problem(nameof(ApplyBody.InstanceId), shape), new Core.Changes.Problem(nameof(ApplyBody.Lines), shape)]), Ok);
        }

        IReadOnlyList<BatchApplyLine> lines = body.Lines is { } many
            ? [.. many.Select(l => new BatchApplyLine(l.InstanceId ?? "", l.Quantity ?? 1))]
            : [new BatchApplyLine(body.InstanceId!, body.Quantity ?? 1)];
        var outcome = await batches.ApplyAsync(
            new BatchApplyRequest(this.AccountId(), idempotencyKey!, lines, IssueChannel.OwnerApi, TokenApi.CorrelationId(this)),
            cancellationToken);
        return this.TokenApiResult(outcome, result => Ok(new ApplyResult(
            outcome.Kind == OutcomeKind.Replayed,
            result.IssuedNow,
            [.. result.Lines.Select(l => new ApplyLineResult(l.InstanceId, l.Requested, [.. l.Numbers.Select(n => n.Number)], l.IssuedNow,
                OutcomeResults.ApiReasons(l.Problems, localizer)))])));
    }

    /// <summary>The owner's numbers newest first (<c>search</c>: a number or instance id prefix, an IP address, or a website domain); pass <c>nextCursor</c> as <c>cursor</c> to read on (stays fast at a million rows).</summary>
    [HttpGet("numbers")]
    [Authorize(Policy = TokenPolicies.NumbersRead)]
    [ProducesResponseType<SliceOf<MyNumber>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetNumbers(
        string? search, ServiceNumberStatus? status, InstanceType? type, string? cursor, int size = PageRequest.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        if (!NumberCursor.TryDecode(cursor, out var after))
        {
            return TokenApi.BadCursor(this, localizer);
        }

        var slice = await numbers.SliceAsync(this.AccountId(), new NumberFilter(search, status, type), after, size, cancellationToken);
        return Ok(new SliceOf<MyNumber>([.. slice.Items.Select(MyNumber.Of)], slice.NextCursor));
    }

    /// <summary>One of the owner's numbers; another account's number is a 404, like one that does not exist.</summary>
    [HttpGet("numbers/{number}")]
    [Authorize(Policy = TokenPolicies.NumbersRead)]
    [ProducesResponseType<MyNumber>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetNumber(string number, CancellationToken cancellationToken) =>
        await numbers.FindAsync(this.AccountId(), number, cancellationToken) is { } found
            ? Ok(MyNumber.Of(found))
            : this.TokenApiResult<MyNumber>(Outcome.NotFound, Ok);

    /// <summary>Restricts an unused number to the one account with <c>email</c> (or moves the restriction to it), with an optional <c>note</c>.</summary>
    [HttpPut("numbers/{number}/restriction")]
    [Authorize(Policy = TokenPolicies.NumbersGrant)]
    [ProducesResponseType<RestrictionResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> PutRestriction(string number, RestrictionBody body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Email))
        {
            return this.TokenApiResult<RestrictionResult>(
                Outcome.Invalid(nameof(RestrictionBody.Email), "Enter the e-mail address of the account that may use the number."), Ok);
        }

        return await RestrictAsync(number, body.Email, body.Note, cancellationToken);
    }

    /// <summary>Lifts the restriction: any account may use the number again.</summary>
    [HttpDelete("numbers/{number}/restriction")]
    [Authorize(Policy = TokenPolicies.NumbersGrant)]
    [ProducesResponseType<RestrictionResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<IActionResult> DeleteRestriction(string number, CancellationToken cancellationToken) => RestrictAsync(number, null, null, cancellationToken);

    /// <summary>Unused numbers other accounts restricted to this one, newest first (cursor paging).</summary>
    [HttpGet("granted-numbers")]
    [Authorize(Policy = TokenPolicies.NumbersRead)]
    [ProducesResponseType<SliceOf<MyNumber>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetGrantedNumbers(string? cursor, int size = PageRequest.DefaultSize, CancellationToken cancellationToken = default)
    {
        if (!NumberCursor.TryDecode(cursor, out var after))
        {
            return TokenApi.BadCursor(this, localizer);
        }

        var slice = await numbers.GrantedSliceAsync(this.AccountId(), after, size, cancellationToken);
        return Ok(new SliceOf<MyNumber>([.. slice.Items.Select(MyNumber.Of)], slice.NextCursor));
    }

    private async Task<IActionResult> RestrictAsync(string number, string? email, string? note, CancellationToken cancellationToken)
    {
        var outcome = await restrictions.RestrictAsync(
            new RestrictionRequest(this.AccountId(), number, email, TokenApi.CorrelationId(this), note, AuditChannel.OwnerApi), cancellationToken);
        var lifted = string.IsNullOrWhiteSpace(email);
        return this.TokenApiResult(outcome, change => Ok(new RestrictionResult(
            ServiceNumberGenerator.Normalize(number)!, change, lifted ? null : email?.Trim(),
            lifted || string.IsNullOrWhiteSpace(note) ? null : note.Trim())));
    }
}

/// <summary>What the token controllers share.</summary>
internal static class TokenApi
{
    /// <summary>
    /// The request's correlation id with the token that made it: every write's audit row names the token
    /// ("… token 12 'deploy script'"), within the column's 128 characters.
    /// </summary>
    public static string CorrelationId(ControllerBase controller)
    {
        var user = controller.User;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{controller.HttpContext.TraceIdentifier} token {user.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value} '{user.FindFirst(TokenAuthenticationHandler.TokenNameClaim)?.Value}'");
        return text.Length <= Core.Audit.AuditEntry.CorrelationIdMaxLength ? text : text[..Core.Audit.AuditEntry.CorrelationIdMaxLength];
    }

    public static IActionResult BadCursor(ControllerBase controller, IStringLocalizer localizer) =>
        controller.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Invalid,
            title: localizer["The cursor is not valid."], detail: localizer["Pass the nextCursor of the previous answer, or no cursor to start."]);
}
