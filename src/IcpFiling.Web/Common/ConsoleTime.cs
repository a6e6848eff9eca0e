using System.Globalization;
using IcpFiling.Core.Instances;

namespace IcpFiling.Web;

/// <summary>Dates as the pages show them: on the console's calendar (China Standard Time), labelled, never UTC.</summary>
public sealed class ConsoleTime(ChinaCalendar calendar)
{
    /// <summary>The zone's label for column headings, e.g. "CST".</summary>
    public string Label => calendar.Label;

    public string Date(DateTime utc) => calendar.ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Minute(DateTime utc) => calendar.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Second(DateTime utc) => calendar.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// An instant in a file (CSV): ISO 8601 to the second on the console's calendar with its offset, e.g.
    /// 2026-12-07T23:33:00+08:00. A spreadsheet shows the time the pages show; a program still reads the exact instant.
    /// </summary>
    public string Iso(DateTime utc)
    {
        var local = calendar.ToLocal(utc);
        var offset = local - DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
