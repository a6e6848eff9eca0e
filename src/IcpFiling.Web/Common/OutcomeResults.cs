using IcpFiling.Core.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web;

/// <summary>
/// The one place a command's <see cref="Outcome{T}"/> becomes HTTP. Not found is a 404 whatever the command.
/// Done and replayed leave a success or info message and redirect (post/redirect/get). A refusal or invalid
/// input either shows the posted form again with each problem beside its field (form commands), or leaves an
/// error message and redirects (button commands, which have no form to show again).
/// </summary>
internal static class OutcomeResults
{
    /// <summary>For a command posted from a form: its problems go into ModelState under <paramref name="prefix"/>.</summary>
    public static async Task<IActionResult> FormResultAsync<T>(
        this Controller controller, Outcome<T> outcome, Func<T, IActionResult> redirect, Func<Task<IActionResult>> showForm, string prefix = "")
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return controller.NotFound();
        }

        var localizer = Localizer(controller);
        if (outcome.Succeeded)
        {
            return Redirect(controller, outcome, localizer, redirect);
        }

        var problems = outcome.Problems.Count > 0 || outcome.Message is null
            ? outcome.Problems
            : [new Problem(null, outcome.Message)];
        foreach (var problem in problems)
        {
            var key = problem.Field is null ? prefix : prefix.Length == 0 ? problem.Field : $"{prefix}.{problem.Field}";
            controller.ModelState.AddModelError(key, Localize(localizer, problem.Message));
        }

        return await showForm();
    }

    /// <summary>
    /// For a command posted from a form whose refusals go back to a GET page (post/redirect/get on errors too): the
    /// problems go into ModelState under <paramref name="prefix"/> and, with what was typed, are carried to
    /// <paramref name="formPage"/> as the form named <paramref name="form"/> (see <see cref="CarriedForms"/>).
    /// </summary>
    public static Task<IActionResult> FormRedirectResultAsync<T>(
        this Controller controller, Outcome<T> outcome, Func<T, IActionResult> redirect, string form, Func<IActionResult> formPage, string prefix = "") =>
        controller.FormResultAsync(outcome, redirect, () => Task.FromResult(controller.RedirectWithForm(form, formPage())), prefix);

    /// <summary>For a command behind a button: every answer is a message on the page <paramref name="redirect"/> leads to.</summary>
    public static IActionResult MessageResult<T>(this Controller controller, Outcome<T> outcome, Func<T?, IActionResult> redirect)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return controller.NotFound();
        }

        var localizer = Localizer(controller);
        if (outcome.Succeeded)
        {
            return Redirect(controller, outcome, localizer, value => redirect(value));
        }

        // The summary heads the reasons when there is one; otherwise the first reason is the message.
        var messages = outcome.Problems.Select(p => Localize(localizer, p.Message)).ToList();
        var heading = outcome.Message is { } summary ? Localize(localizer, summary) : messages.FirstOrDefault() ?? "";
        controller.TempData.PutFlash(FlashKind.Error, heading, [.. outcome.Message is null ? messages.Skip(1) : messages]);
        return redirect(default);
    }

    /// <summary>
    /// For the API: RFC 9457 problem details. Invalid input is a 400 whose <c>errors</c> map names each field as a
    /// JSON path (<c>items[3].regionId</c>; <paramref name="stripPrefix"/> is dropped for single-record calls); a
    /// refusal is a 409 naming each reason's code; not found is a 404.
    /// </summary>
    public static IActionResult ApiResult<T>(this ControllerBase controller, Outcome<T> outcome, Func<T, IActionResult> success, string? stripPrefix = null)
    {
        if (outcome.Succeeded)
        {
            return success(outcome.Value!);
        }

        var localizer = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return controller.Problem(statusCode: StatusCodes.Status404NotFound, title: localizer["Not found."]);
            case OutcomeKind.Invalid:
                var errors = outcome.Problems
                    .GroupBy(p => JsonPath(p.Field, stripPrefix))
                    .ToDictionary(g => g.Key, g => g.Select(p => Localize(localizer, p.Message)).ToArray());
                return controller.ValidationProblem(new ValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest, Type = Api.ApiProblems.Invalid, Title = localizer["The request is not valid."],
                });
            default:
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = outcome.Message is { } summary ? Localize(localizer, summary) : localizer["The request was refused."],
                    Detail = string.Join(" ", outcome.Problems.Select(p => Localize(localizer, p.Message))),
                };
                problem.Extensions["reasons"] = outcome.Problems.Select(p => new { code = p.Code, message = Localize(localizer, p.Message) }).ToArray();
                return new ObjectResult(problem) { StatusCode = problem.Status };
        }
    }

    /// <summary>
    /// For the token API: problem details with a stable <c>type</c> per reason (Api.ApiProblems). Invalid input is a
    /// 400; an idempotency key already used for another body is a 422; a refusal is a 409 typed by its first reason
    /// (the eligibility rule), listing every reason; not found is a 404.
    /// </summary>
    public static IActionResult TokenApiResult<T>(this ControllerBase controller, Outcome<T> outcome, Func<T, IActionResult> success)
    {
        if (outcome.Succeeded)
        {
            return success(outcome.Value!);
        }

        var localizer = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        ProblemDetails problem;
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                problem = new ProblemDetails { Status = StatusCodes.Status404NotFound, Type = Api.ApiProblems.NotFound, Title = localizer["Not found."] };
                break;
            case OutcomeKind.Invalid when outcome.Problems.Any(p => p.Field == nameof(Core.ServiceNumbers.BatchApplyRequest.BatchKey)):
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Type = Api.ApiProblems.IdempotencyKeyReused,
                    Title = localizer["This Idempotency-Key was already used with a different body."],
                    Detail = localizer["Nothing was issued. Send a new key with a new request; resend the same body to read the first answer."],
                };
                break;
            case OutcomeKind.Invalid:
                var errors = outcome.Problems
                    .GroupBy(p => JsonPath(p.Field, null))
                    .ToDictionary(g => g.Key, g => g.Select(p => Localize(localizer, p.Message)).ToArray());
                problem = new ValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest, Type = Api.ApiProblems.Invalid, Title = localizer["The request is not valid."],
                };
                break;
            default:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Type = Api.ApiProblems.ForCode(outcome.Problems.Select(p => p.Code).FirstOrDefault(c => c is not null)),
                    Title = outcome.Message is { } summary ? Localize(localizer, summary) : localizer["The request was refused."],
                    Detail = string.Join(" ", outcome.Problems.Select(p => Localize(localizer, p.Message))),
                };
                problem.Extensions["reasons"] = ApiReasons(outcome.Problems, localizer);
                break;
        }

        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>Each reason with its stable type, its rule's code and its message in the caller's language.</summary>
    public static IReadOnlyList<Api.ApiReason> ApiReasons(IEnumerable<Problem> problems, IStringLocalizer localizer) =>
        [.. problems.Select(p => new Api.ApiReason(Api.ApiProblems.ForCode(p.Code), p.Code, Localize(localizer, p.Message)))];

    /// <summary><c>Items[3].RegionId</c> as the JSON the client sent names it: <c>items[3].regionId</c>.</summary>
    private static string JsonPath(string? field, string? stripPrefix)
    {
        if (field is null)
        {
            return "";
        }

        if (stripPrefix is not null && field.StartsWith(stripPrefix, StringComparison.Ordinal))
        {
            field = field[stripPrefix.Length..];
        }

        return string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }

    private static IActionResult Redirect<T>(Controller controller, Outcome<T> outcome, IStringLocalizer localizer, Func<T, IActionResult> redirect)
    {
        controller.TempData.PutFlash(
            outcome.Kind == OutcomeKind.Done ? FlashKind.Success : FlashKind.Info,
            outcome.Message is { } message ? Localize(localizer, message) : "");
        return redirect(outcome.Value!);
    }

    public static string Localize(this IStringLocalizer localizer, Notice notice) => localizer[notice.Format, notice.Arguments];

    private static IStringLocalizer<SharedResource> Localizer(Controller controller) =>
        controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
}
