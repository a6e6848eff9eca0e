using System.Globalization;
using IcpFiling.Web.Localization;

namespace IcpFiling.Web;

/// <summary>The language of a CSV export: the one chosen beside its button (en or zh-Hans), or the page's.</summary>
public static class CsvExportLanguage
{
    public static CultureInfo Culture(string? lang) =>
        ConsoleLanguages.IsSupported(lang) ? CultureInfo.GetCultureInfo(lang!) : CultureInfo.CurrentUICulture;
}

/// <summary>The Views/Shared/_CsvExport form: where it exports to and how many rows the list holds.</summary>
public sealed record CsvExportModel(string Action, int Total, bool TotalIsExact);
