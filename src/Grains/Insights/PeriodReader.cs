using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Insights;

/// <summary>
/// The metrics of a period of whole seconds: exact from the per-second window while it still holds the period, else from
/// the per-minute history.
/// </summary>
public static class PeriodReader
{
    public static PeriodMetrics? Read(MetricsWindow window, MinuteHistory minutes, long fromSecond, long toSecond, long nowSecond, ModelTask task)
    {
        if (toSecond < fromSecond)
        {
            return null;
        }
        var seconds = toSecond - fromSecond + 1;
        var (from, to) = (DateTimeOffset.FromUnixTimeSeconds(fromSecond), DateTimeOffset.FromUnixTimeSeconds(toSecond));
        if (fromSecond > nowSecond - (long)window.Length.TotalSeconds)
        {
            var merged = window.MergeSeconds(fromSecond, toSecond);
            return new PeriodMetrics(from, to, MetricsCalculator.Snapshot(merged, TimeSpan.FromSeconds(seconds), seconds, task), PerMinute: false);
        }
        var points = minutes.Points(fromSecond, toSecond, nowSecond).Where(point => point.Count > 0).ToArray();
        return points.Length == 0 ? null : new PeriodMetrics(from, to, Combine(points, seconds), PerMinute: true);
    }

    /// <summary>Counts add up and error rates combine exactly; accuracy and latency are averaged by event count.</summary>
    private static MetricsSnapshot Combine(IReadOnlyList<HistoryPoint> points, long seconds)
    {
        var count = points.Sum(point => point.Count);
        double? Weighted(Func<HistoryPoint, double?> metric)
        {
            var known = points.Where(point => metric(point) is not null).ToArray();
            var weight = known.Sum(point => point.Count);
            return weight == 0 ? null : known.Sum(point => metric(point)!.Value * point.Count) / weight;
        }
        return new MetricsSnapshot
        {
            Window = TimeSpan.FromSeconds(seconds),
            Count = count,
            ThroughputPerSec = (double)count / seconds,
            Accuracy = Weighted(point => point.Accuracy),
            ErrorRate = Weighted(point => point.ErrorRate),
            Latency = new LatencyStats(null, Weighted(point => point.LatencyP50), Weighted(point => point.LatencyP95), Weighted(point => point.LatencyP99)),
            Mae = Weighted(point => point.Mae),
            Rmse = Weighted(point => point.Rmse),
        };
    }
}
