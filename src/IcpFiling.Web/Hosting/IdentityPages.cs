using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Which account pages the console offers; each is the console's own page in Areas/Identity. Identity UI's other stock
/// pages (phone number, external logins, e-mail confirmation and change, personal-data download and deletion, the
/// authenticator reset page) answer 404: accounts, names and e-mails come from the provider's systems, and an owner's
/// personal data cannot be deleted while audit rows and numbers point at the account (README, "Security").
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
        "/Account/LoginWith2fa",
        "/Account/LoginWithRecoveryCode",
        "/Account/Manage/TwoFactorAuthentication",
        "/Account/Manage/EnableAuthenticator",
        "/Account/Manage/ShowRecoveryCodes",
        "/Account/Manage/GenerateRecoveryCodes",
        "/Account/Manage/Disable2fa",
        "/Account/Manage/SignIns",
    };

    private static readonly HashSet<string> SelfRegistration = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Register",
        "/Account/RegisterConfirmation",
    };

    /// <summary>Whether the console offers the Identity page (its view path, e.g. "/Account/Manage/Index").</summary>
    public static bool IsOffered(string page) => Offered.Contains(page);

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
