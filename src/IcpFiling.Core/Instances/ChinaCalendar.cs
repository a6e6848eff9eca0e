namespace IcpFiling.Core.Instances;

/// <summary>The time zone the console's calendar runs in (section <c>Time</c>).</summary>
public sealed class TimeOptions
{
    public const string SectionName = "Time";

    /// <summary>An IANA zone id. China Standard Time by default: the calendar of the customers and of the rules.</summary>
    public string ZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>How dates are labelled on the pages.</summary>
    public string Label { get; set; } = "CST";
}

/// <summary>
/// Month arithmetic and dates as people in China count them. Instants are stored in UTC; "three months from
/// now" and "the 1st of the month" are days of this calendar, which is eight hours ahead of UTC.
/// </summary>
public sealed class ChinaCalendar(TimeZoneInfo zone, string label = "CST")
{
    public static ChinaCalendar For(TimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(TimeZoneInfo.FindSystemTimeZoneById(options.ZoneId), options.Label);
    }

    public string Label => label;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    /// <summary><paramref name="months"/> calendar months after <paramref name="utc"/>, counted on this calendar's days.</summary>
    public DateTime AddMonths(DateTime utc, int months) => ToUtc(ToLocal(utc).AddMonths(months));

    /// <summary>The first instant of <paramref name="date"/> on this calendar, in UTC.</summary>
    public DateTime StartOf(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));
}
