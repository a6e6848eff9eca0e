using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Areas.Identity.Pages.Account;

internal static class PostedInput
{
    /// <summary>
    /// Validates a page's bound input even when none of its fields was posted: model binding then skips the input, and
    /// the model state would call an empty form valid and let it through without a message.
    /// </summary>
    public static bool InputIsValid(this PageModel page, object input, string prefix = "Input")
    {
        page.ModelState.ClearValidationState(prefix);
        return page.TryValidateModel(input, prefix);
    }
}
