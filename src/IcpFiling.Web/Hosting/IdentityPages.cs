using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Which of Identity UI's stock pages the console offers. Everything else (two-factor, external logins, e-mail
/// confirmation and change, password reset by e-mail, personal-data download and deletion) answers 404: the
/// console has no e-mail sender or authenticator set-up, and an owner's personal data cannot be deleted while audit
/// rows and numbers point at the account (README, "Security"). The console's own account pages replace these later.
/// </summary>
internal static class IdentityPages
{
    private static readonly HashSet<string> Offered = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Login",
        "/Account/Logout",
        "/Account/Manage/Index",
        "/Account/Manage/ChangePassword",
        "/Account/ForgotPassword",
        "/Account/ResetPassword",
    };

    private static readonly HashSet<string> SelfRegistration = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Register",
        "/Account/RegisterConfirmation",
    };

    public static void HideUnsupported(this RazorPagesOptions options, bool allowSelfRegistration) =>
        options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/", model =>
        {
            var page = model.ViewEnginePath;
            if (!Offered.Contains(page) && !(allowSelfRegistration && SelfRegistration.Contains(page)))
            {
                model.Filters.Add(new NotFoundPageFilter());
            }
        });
}
