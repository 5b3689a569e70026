using System.Globalization;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How the drift panel writes statistics, bin edges and moments.</summary>
public static class DriftFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A score, threshold or bin edge with about three significant digits, so that a column or an axis label stays
    /// short: small p-values in scientific notation (0.0000123 → "1.23e-5"), fractions with up to three decimals
    /// (0.1234 → "0.123"), larger numbers with fewer (1.234 → "1.23", 14.237 → "14.2", 1234.6 → "1,235").
    /// </summary>
    public static string Number(double? value) => value is { } number && double.IsFinite(number)
        ? Math.Abs(number) switch
        {
            0 => "0",
            < 0.001 => number.ToString("0.##e-0", Invariant),
            < 1 => number.ToString("0.###", Invariant),
            < 10 => number.ToString("0.##", Invariant),
            < 100 => number.ToString("0.#", Invariant),
            _ => number.ToString("#,0", Invariant),
        }
        : KpiFormat.Missing;

    /// <summary>
    /// A score as <see cref="Number"/> writes it, with more digits when it would otherwise read as its threshold while
    /// it is not, since the verdict turns on that difference: 0.1004 against 0.1 → "0.1004".
    /// </summary>
    public static string Score(double? score, double threshold)
    {
        var text = Number(score);
        return score is { } value && value != threshold && text == Number(threshold)
            ? value.ToString("0.######", Invariant)
            : text;
    }

    /// <summary>A moment in the viewer's time zone: the time alone when it is today there, else the date with minutes.</summary>
    public static string Moment(DateTimeOffset moment, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        return local.Date == TimeZoneInfo.ConvertTime(now, zone).Date
            ? local.ToString("HH:mm:ss", Invariant)
            : local.ToString("yyyy-MM-dd HH:mm", Invariant);
    }
}
