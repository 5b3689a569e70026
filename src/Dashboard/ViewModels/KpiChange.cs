using System.Globalization;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// How a KPI moved against the previous window, in words and an arrow so that colour is never the only signal:
/// "▲ 1.2 pp vs previous 5 min". Shares change in percentage points, the rest in their own unit.
/// </summary>
public static class KpiChange
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly Func<double, string> Points = delta => (delta * 100).ToString("0.0", Invariant) + " pp";
    public static readonly Func<double, string> Milliseconds = delta => delta.ToString("#,0.0", Invariant) + " ms";
    public static readonly Func<double, string> PerSecond = delta => delta.ToString("#,0.0", Invariant) + "/s";
    public static readonly Func<double, string> Error = delta => KpiFormat.Error(delta);

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>; null when either is unknown.</summary>
    public static string? Of(double? current, double? previous, Func<double, string> format, string? what, string against)
    {
        if (current is not { } now || previous is not { } before || !double.IsFinite(now) || !double.IsFinite(before))
        {
            return null;
        }
        var delta = now - before;
        var shown = format(Math.Abs(delta));
        var subject = what is null ? "" : what + " ";
        return shown == format(0)
            ? $"{subject}unchanged {against}"
            : $"{subject}{(delta > 0 ? "▲" : "▼")} {shown} {against}";
    }
}
