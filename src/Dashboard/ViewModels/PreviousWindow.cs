using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// A model's metrics over the window before the current one, from its per-minute history, to show each KPI's change.
/// Shares and errors are weighted by each minute's events; latency quantiles too, which makes them the typical minute's
/// quantile rather than the quantile of the merged window, close enough to say which way latency moved.
/// </summary>
public sealed record PreviousWindow(
    long Count, double? Accuracy, double? Mae, double? Rmse, double? LatencyP50, double? LatencyP95, double? LatencyP99,
    double ThroughputPerSec, double? ErrorRate)
{
    /// <summary>The window of <paramref name="length"/> that ends where the current one starts, or null when it held no events.</summary>
    public static PreviousWindow? From(IReadOnlyList<HistoryPoint> minutes, TimeSpan length)
    {
        var count = minutes.Sum(point => point.Count);
        if (count == 0)
        {
            return null;
        }
        return new PreviousWindow(
            count,
            Weighted(minutes, point => point.Accuracy),
            Weighted(minutes, point => point.Mae),
            Weighted(minutes, point => point.Rmse is { } rmse ? rmse * rmse : null) is { } meanSquare ? Math.Sqrt(meanSquare) : null,
            Weighted(minutes, point => point.LatencyP50),
            Weighted(minutes, point => point.LatencyP95),
            Weighted(minutes, point => point.LatencyP99),
            count / length.TotalSeconds,
            Weighted(minutes, point => point.ErrorRate));
    }

    private static double? Weighted(IReadOnlyList<HistoryPoint> minutes, Func<HistoryPoint, double?> value)
    {
        double sum = 0, weight = 0;
        foreach (var point in minutes)
        {
            if (point.Count > 0 && value(point) is { } number && double.IsFinite(number))
            {
                sum += number * point.Count;
                weight += point.Count;
            }
        }
        return weight > 0 ? sum / weight : null;
    }
}
