using ModelOps.Contracts;
using ModelOps.Grains.Labels;

namespace ModelOps.Grains.Monitoring;

/// <summary>Turns merged bucket sums into the metrics of the contract; a metric without data is null.</summary>
public static class MetricsCalculator
{
    /// <summary>p50, p95 and p99, ascending, as <see cref="QuantileSketch.Quantiles"/> wants them.</summary>
    private static ReadOnlySpan<double> ReportedQuantiles => [0.50, 0.95, 0.99];

    public static MetricsSnapshot Snapshot(MetricsBucket merged, TimeSpan window, long observedSeconds, ModelTask task, Scoring? scoring = null)
    {
        var labels = LabelMetricsOf(merged, task, scoring);
        return new()
        {
        Window = window,
        Count = merged.Count,
        ThroughputPerSec = (double)merged.Count / observedSeconds,
        Accuracy = task == ModelTask.Classification ? Ratio(merged.CorrectCount, merged.LabelCount) : null,
        LabelCount = merged.LabelCount,
        ErrorRate = Ratio(merged.ErrorCount, merged.Count),
        Latency = Latency(merged),
        Mae = task == ModelTask.Regression ? Mean(merged.AbsoluteErrorSum, merged.LabelCount) : null,
        Rmse = task == ModelTask.Regression && merged.LabelCount > 0 ? Math.Sqrt(merged.SquaredErrorSum / merged.LabelCount) : null,
        LateEvents = merged.LateCount,
        Precision = labels.Precision,
        Recall = labels.Recall,
        F1 = labels.F1,
        RocAuc = labels.RocAuc,
        LogLoss = labels.LogLoss,
        Mape = labels.Mape,
        R2 = labels.R2,
        Classes = labels.Report,
        };
    }

    /// <summary>The point of <paramref name="seconds"/> seconds from <paramref name="firstSecond"/> whose merged sums <paramref name="bucket"/> holds.</summary>
    public static HistoryPoint Point(MetricsBucket bucket, long firstSecond, int seconds, ModelTask task, Scoring? scoring = null)
    {
        var labels = LabelMetricsOf(bucket, task, scoring);
        Span<double?> latency = stackalloc double?[3];
        bucket.Latency.Quantiles(ReportedQuantiles, latency);
        return new HistoryPoint
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(firstSecond),
            Count = bucket.Count,
            ThroughputPerSec = (double)bucket.Count / seconds,
            Accuracy = task == ModelTask.Classification ? Ratio(bucket.CorrectCount, bucket.LabelCount) : null,
            ErrorRate = Ratio(bucket.ErrorCount, bucket.Count),
            LatencyP50 = latency[0],
            LatencyP95 = latency[1],
            LatencyP99 = latency[2],
            Mae = task == ModelTask.Regression ? Mean(bucket.AbsoluteErrorSum, bucket.LabelCount) : null,
            Rmse = task == ModelTask.Regression && bucket.LabelCount > 0 ? Math.Sqrt(bucket.SquaredErrorSum / bucket.LabelCount) : null,
            Precision = labels.Precision,
            Recall = labels.Recall,
            F1 = labels.F1,
            RocAuc = labels.RocAuc,
            LogLoss = labels.LogLoss,
            Mape = labels.Mape,
            R2 = labels.R2,
        };
    }

    /// <summary>The metrics of a bucket's <see cref="MetricsBucket.Labels"/>; all null without them or without the model's <paramref name="scoring"/>.</summary>
    public static LabelMetrics LabelMetricsOf(MetricsBucket bucket, ModelTask task, Scoring? scoring)
    {
        if (bucket.Labels is not { } summary || bucket.LabelCount <= 0)
        {
            return default;
        }
        if (task == ModelTask.Regression)
        {
            return new LabelMetrics { Mape = PerformanceCalculator.Mape(summary, bucket.LabelCount), R2 = PerformanceCalculator.R2(summary, bucket.LabelCount, bucket.SquaredErrorSum) };
        }
        if (scoring is null)
        {
            return default;
        }
        var report = PerformanceCalculator.Report(summary, scoring);
        var (precision, recall, f1) = PerformanceCalculator.Headline(report, scoring);
        return new LabelMetrics
        {
            Report = report,
            Precision = precision,
            Recall = recall,
            F1 = f1,
            RocAuc = PerformanceCalculator.RocAuc(summary),
            LogLoss = PerformanceCalculator.LogLoss(summary, report),
        };
    }

    /// <summary>A step without events: count and throughput 0, every other metric null.</summary>
    public static HistoryPoint EmptyPoint(long second) => new() { Timestamp = DateTimeOffset.FromUnixTimeSeconds(second) };

    private static LatencyStats Latency(MetricsBucket merged)
    {
        Span<double?> quantiles = stackalloc double?[3];
        merged.Latency.Quantiles(ReportedQuantiles, quantiles);
        return new(Mean(merged.LatencySum, merged.Count), quantiles[0], quantiles[1], quantiles[2]);
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static double? Mean(double sum, long count) => count == 0 ? null : sum / count;
}

/// <summary>The label metrics beyond accuracy, MAE and RMSE; null each where they cannot be computed.</summary>
public readonly record struct LabelMetrics(
    ClassificationReport? Report, double? Precision, double? Recall, double? F1, double? RocAuc, double? LogLoss, double? Mape, double? R2);
