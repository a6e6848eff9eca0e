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
}
