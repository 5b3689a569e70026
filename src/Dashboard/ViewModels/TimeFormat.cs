using System.Globalization;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How the dashboard writes times: in the viewer's time zone, and spans as people say them.</summary>
public static class TimeFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A time of day to the millisecond, for log lines: "15:00:01.250"; "—" when unknown.</summary>
    public static string TimeOfDay(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } time ? TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss.fff", Invariant) : KpiFormat.Missing;

    /// <summary>A date and time to the second: "2026-11-29 15:00:01"; "—" when unknown.</summary>
    public static string DateTime(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } time ? TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", Invariant) : KpiFormat.Missing;

    /// <summary>A span in its largest whole unit: "45 s", "12 min", "3 h", "2 d". A negative span (clocks apart) is "0 s".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)span.TotalSeconds)} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalDays: < 1 } => $"{(int)span.TotalHours} h",
        _ => $"{(int)span.TotalDays} d",
    };
}
