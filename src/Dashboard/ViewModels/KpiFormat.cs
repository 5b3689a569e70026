using System.Globalization;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How the dashboard writes numbers. A value that cannot be computed yet is an em dash, never 0.</summary>
public static class KpiFormat
{
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A share in [0, 1] as a percentage with one decimal: 0.9342 → "93.4%".</summary>
    public static string Percent(double? share) => Format(share, value => (value * 100).ToString("0.0", Invariant) + "%");

    /// <summary>Milliseconds with one decimal: 11 → "11.0 ms".</summary>
    public static string Milliseconds(double? milliseconds) => Format(milliseconds, value => value.ToString("#,0.0", Invariant) + " ms");

    /// <summary>Events per second with one decimal: 40 → "40.0/s".</summary>
    public static string PerSecond(double? eventsPerSecond) => Format(eventsPerSecond, value => value.ToString("#,0.0", Invariant) + "/s");

    /// <summary>A regression error in the target's own unit, with fewer decimals as it grows: 0.0456 → "0.046", 1.234 → "1.23", 12345.6 → "12,346".</summary>
    public static string Error(double? error) => Format(error, value => Math.Abs(value) switch
    {
        >= 100 => value.ToString("#,0", Invariant),
        >= 1 => value.ToString("0.00", Invariant),
        _ => value.ToString("0.000", Invariant),
    });

    /// <summary>A count with thousands separators: 8000 → "8,000".</summary>
    public static string Count(long count) => count.ToString("#,0", Invariant);

    private static string Format(double? value, Func<double, string> format) =>
        value is { } number && double.IsFinite(number) ? format(number) : Missing;
}
