using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace IcpFiling.Web.Localization;

/// <summary>The console's languages: English (the resource keys) and Simplified Chinese (Resources/SharedResource.zh-Hans.resx).</summary>
public static class ConsoleLanguages
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";

    /// <summary>How long the language choice is remembered.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static IReadOnlyList<CultureInfo> Supported { get; } = [new(English), new(SimplifiedChinese)];

    /// <summary>Each language named in itself, as the switcher shows it.</summary>
    public static IReadOnlyList<(string Culture, string Name)> Choices { get; } =
        [(English, "English"), (SimplifiedChinese, "简体中文")];

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Any(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Chinese browsers send zh-CN, zh-SG or plain zh; all read Simplified Chinese. (zh-TW and zh-HK fall back to
    /// English rather than be shown simplified characters they did not ask for.)
    /// </summary>
    public static Task<ProviderCultureResult?> FromAcceptLanguage(HttpContext context)
    {
        var header = context.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in header.OrderByDescending(l => l.Quality ?? 1))
        {
            var value = language.Value.Value ?? "";
            if (value.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Result(English);
            }

            if (value.Equals("zh", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase)
                || value.Equals("zh-CN", StringComparison.OrdinalIgnoreCase)
                || value.Equals("zh-SG", StringComparison.OrdinalIgnoreCase))
            {
                return Result(SimplifiedChinese);
            }
        }

        return Task.FromResult<ProviderCultureResult?>(null);

        static Task<ProviderCultureResult?> Result(string culture) => Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }
}
