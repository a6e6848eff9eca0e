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
