namespace IcpFiling.Web;

/// <summary>
/// The one choice between an English text for one thing and for several ("Export CSV (1 row)", "Export CSV (2 rows)"):
/// both are keys of the string table, passed as the localizer's key with the count as its argument, so the text reads
/// right in English and the Chinese entries (which have no plural) simply read alike.
/// </summary>
public static class Plural
{
    public static string Of(long count, string one, string other) => count == 1 ? one : other;
}
