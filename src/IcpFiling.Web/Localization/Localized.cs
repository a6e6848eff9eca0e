using System.Globalization;

namespace IcpFiling.Web.Localization;

/// <summary>Text looked up in another language than the request's, e.g. an export in the language the user picked.</summary>
public static class Localized
{
    /// <summary>
    /// Runs <paramref name="lookup"/> with <paramref name="culture"/> as the UI culture and restores it: the resource
    /// localizer reads the current UI culture at lookup time, and a synchronous swap cannot leak into other work.
    /// </summary>
    public static T In<T>(CultureInfo culture, Func<T> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return lookup();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
