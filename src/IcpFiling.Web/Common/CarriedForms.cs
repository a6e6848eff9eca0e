using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace IcpFiling.Web;

/// <summary>
/// A refused or invalid form carried across post/redirect/get: what the user typed and each message, kept in
/// TempData and read once by the GET that shows the form again. The browser ends on a GET address, so a refresh
/// re-submits nothing and nothing typed is lost.
/// </summary>
internal static class CarriedForms
{
    private const string Key = "Form.Carried";
    private const string AntiforgeryField = "__RequestVerificationToken";

    private sealed record Carried(string Form, Dictionary<string, string[]> Values, Dictionary<string, string[]> Errors);

    /// <summary>Keeps the posted values and ModelState's messages for the form named <paramref name="form"/>, then redirects.</summary>
    public static IActionResult RedirectWithForm(this Controller controller, string form, IActionResult redirect)
    {
        var values = controller.Request.HasFormContentType
            ? controller.Request.Form.Where(f => f.Key != AntiforgeryField).ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray())
            : [];
        var errors = controller.ModelState
            .Where(entry => entry.Value!.Errors.Count > 0)
            .ToDictionary(entry => entry.Key, entry => entry.Value!.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToArray());
        controller.TempData[Key] = JsonSerializer.Serialize(new Carried(form, values, errors));
        return redirect;
    }

    /// <summary>
    /// The form named <paramref name="form"/> as it was refused, with its messages back in ModelState; null when none
    /// was carried (an ordinary GET). Taken once: a refresh shows the empty form.
    /// </summary>
    public static async Task<TForm?> TakeFormAsync<TForm>(this Controller controller, string form, string prefix = "")
        where TForm : class, new()
    {
        if (controller.TempData.Peek(Key) is not string json
            || JsonSerializer.Deserialize<Carried>(json) is not { } carried
            || carried.Form != form)
        {
            return null;
        }

        controller.TempData.Remove(Key);
        var model = new TForm();
        var posted = new FormCollection(carried.Values.ToDictionary(v => v.Key, v => new StringValues(v.Value)));
        await controller.TryUpdateModelAsync(model, prefix, new FormValueProvider(BindingSource.Form, posted, CultureInfo.CurrentCulture));

        // The messages are the POST's (the command's refusals included), not a second validation's.
        controller.ModelState.Clear();
        foreach (var (key, messages) in carried.Errors)
        {
            foreach (var message in messages)
            {
                controller.ModelState.AddModelError(key, message);
            }
        }

        return model;
    }

    /// <summary>The name of the form carried now, if any (to choose which of a page's forms to take).</summary>
    public static string? CarriedFormName(this Controller controller) =>
        controller.TempData.Peek(Key) is string json ? JsonSerializer.Deserialize<Carried>(json)?.Form : null;
}
