using System.Globalization;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How the drift panel writes statistics, bin edges and moments.</summary>
public static class DriftFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A score, threshold or bin edge with as few digits as still tell values apart: small p-values in scientific
    /// notation (0.0000123 → "1.23e-5"), shares with up to three decimals (0.1234 → "0.123"), larger numbers with
    /// fewer (14.237 → "14.24", 1234.5 → "1,235").
    /// </summary>
    public static string Number(double? value) => value is { } number && double.IsFinite(number)
        ? Math.Abs(number) switch
        {
            0 => "0",
            < 0.001 => number.ToString("0.##e-0", Invariant),
            < 1 => number.ToString("0.###", Invariant),
            < 100 => number.ToString("0.##", Invariant),
            _ => number.ToString("#,0", Invariant),
        }
        : KpiFormat.Missing;

    /// <summary>A moment in the viewer's time zone: the time alone when it is today there, else the date with minutes.</summary>
    public static string Moment(DateTimeOffset moment, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        return local.Date == TimeZoneInfo.ConvertTime(now, zone).Date
            ? local.ToString("HH:mm:ss", Invariant)
            : local.ToString("yyyy-MM-dd HH:mm", Invariant);
    }
}
