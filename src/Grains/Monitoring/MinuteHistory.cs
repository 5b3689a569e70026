using ModelOps.Contracts;
using ModelOps.Grains.Labels;
using Orleans;

namespace ModelOps.Grains.Monitoring;

/// <summary>
/// A model's metrics per minute, for the last <see cref="Minutes"/> minutes, in a ring. Each minute is sealed once, by
/// the first <see cref="Advance"/> after it ends, from the one-second buckets the <see cref="MetricsWindow"/> holds for
/// it; an event that arrives later for a minute before the newest sealed one stays in the window only. The window must
/// be at least a minute long to hold a whole minute. Time is passed in, never read.
/// </summary>
[GenerateSerializer, Alias("ModelOps.MinuteHistory")]
public sealed class MinuteHistory
{
    public const int SecondsPerMinute = 60;

    [Id(0)] private MinutePoint[] ring;
    [Id(1)] private long firstMinute = long.MaxValue;
    [Id(2)] private long lastMinute = long.MinValue;

    // Not stored: the minutes sealed since the last TakeSealed, which a checkpoint writes instead of the whole ring.
    [NonSerialized] private List<MinutePoint>? sealedSinceTaken;

    public MinuteHistory(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ring = new MinutePoint[minutes];
    }

    /// <summary>How many minutes the ring keeps.</summary>
    public int Minutes => ring.Length;

    /// <summary>Seals every whole minute before <paramref name="nowSecond"/>, after the newest sealed one, that holds events.</summary>
    /// <returns>True when a minute was sealed.</returns>
    public bool Advance(MetricsWindow window, long nowSecond, ModelTask task)
    {
        var newestWhole = MinuteOf(nowSecond) - 1;
        if (newestWhole <= lastMinute)
        {
            return false;
        }
        var after = lastMinute == long.MinValue ? long.MinValue : FirstSecondOf(lastMinute + 1) - 1;
        var sealedAny = false;
        foreach (var minute in window.SecondsWithEvents(after, FirstSecondOf(newestWhole + 1) - 1).Select(MinuteOf).Distinct())
        {
            var first = FirstSecondOf(minute);
            var merged = window.MergeSeconds(first, first + SecondsPerMinute - 1);
            ring[SlotOf(minute)] = MinutePoint.From(minute, MetricsCalculator.Point(merged, first, SecondsPerMinute, task), merged);
            (sealedSinceTaken ??= []).Add(ring[SlotOf(minute)]);
            firstMinute = Math.Min(firstMinute, minute);
            lastMinute = minute;
            sealedAny = true;
        }
        return sealedAny;
    }

    /// <summary>
    /// One point per minute from <paramref name="fromSecond"/>'s minute to <paramref name="toSecond"/>'s, both included, of the
    /// minutes kept since the first sealed one and before <paramref name="nowSecond"/>'s: a minute without events is an empty
    /// point (count and throughput 0), so a model that stopped receiving traffic shows it.
    /// </summary>
    public IReadOnlyList<HistoryPoint> Points(long fromSecond, long toSecond, long nowSecond, ModelTask task = ModelTask.Classification, Scoring? scoring = null)
    {
        if (lastMinute == long.MinValue)
        {
            return [];
        }
        var newestWhole = MinuteOf(nowSecond) - 1;
        var start = Math.Max(Math.Max(MinuteOf(fromSecond), firstMinute), newestWhole - ring.Length + 1);
        var end = Math.Min(MinuteOf(toSecond), newestWhole);
        var points = new HistoryPoint[Math.Max(0, end - start + 1)];
        for (var minute = start; minute <= end; minute++)
        {
            var kept = ring[SlotOf(minute)];
            points[minute - start] = kept.Minute == minute && kept.Count > 0
                ? kept.ToContract(task, scoring)
                : MetricsCalculator.EmptyPoint(FirstSecondOf(minute));
        }
        return points;
    }

    /// <summary>
    /// Counts (<paramref name="sign"/> = 1) or takes back (−1) a delayed label in the sealed minute of its event's second,
    /// when the ring keeps that minute.
    /// </summary>
    /// <returns>False when the minute is not sealed yet (its buckets still take the label) or no longer kept.</returns>
    public bool ApplyLabel(long second, in Judgement judgement, int sign, ModelTask task)
    {
        var minute = MinuteOf(second);
        var slot = SlotOf(minute);
        if (minute > lastMinute || ring[slot].Minute != minute || ring[slot].Count == 0)
        {
            return false;
        }
        ring[slot] = ring[slot].WithLabel(judgement, sign, task);
        (sealedSinceTaken ??= []).Add(ring[slot]);
        return true;
    }

    /// <summary>The minutes sealed since the last call, oldest first.</summary>
    public IReadOnlyList<MinutePoint> TakeSealed()
    {
        if (sealedSinceTaken is not { Count: > 0 } taken)
        {
            return [];
        }
        sealedSinceTaken = null;
        return taken;
    }

    /// <summary>Puts back a minute taken by <see cref="TakeSealed"/> after the checkpoint this ring was restored from (a minute a label revised replaces its earlier copy).</summary>
    public void Restore(MinutePoint point)
    {
        if (ring[SlotOf(point.Minute)].Minute > point.Minute)
        {
            return;
        }
        ring[SlotOf(point.Minute)] = point;
        firstMinute = Math.Min(firstMinute, point.Minute);
        lastMinute = Math.Max(lastMinute, point.Minute);
    }

    private static long MinuteOf(long second) => second / SecondsPerMinute;

    private static long FirstSecondOf(long minute) => minute * SecondsPerMinute;

    private int SlotOf(long minute) => (int)(((minute % ring.Length) + ring.Length) % ring.Length);
}

/// <summary>One sealed minute, stored compactly: the per-minute ring is a day of these in every window checkpoint.</summary>
[GenerateSerializer, Alias("ModelOps.MinutePoint")]
public readonly record struct MinutePoint(
    [property: Id(0)] long Minute,
    [property: Id(1)] long Count,
    [property: Id(2)] double? Accuracy,
    [property: Id(3)] double? ErrorRate,
    [property: Id(4)] double? LatencyP50,
    [property: Id(5)] double? LatencyP95,
    [property: Id(6)] double? LatencyP99,
    [property: Id(7)] double? Mae,
    [property: Id(8)] double? Rmse)
{
    /// <summary>The label counts of the minute (no latency), which the label metrics are read from and a delayed label revises; null without labels.</summary>
    [Id(9)] public MetricsBucket? Labels { get; init; }

    public static MinutePoint From(long minute, HistoryPoint point, MetricsBucket? merged = null) =>
        new(minute, point.Count, point.Accuracy, point.ErrorRate, point.LatencyP50, point.LatencyP95, point.LatencyP99, point.Mae, point.Rmse)
        {
            Labels = merged is { LabelCount: > 0 } ? merged.LabelsOnly() : null,
        };

    /// <summary>This minute with one delayed label counted or taken back.</summary>
    public MinutePoint WithLabel(in Judgement judgement, int sign, ModelTask task)
    {
        var labels = Labels ?? EmptyLabels();
        labels.ApplyLabel(judgement, sign);
        var point = MetricsCalculator.Point(labels, Minute * MinuteHistory.SecondsPerMinute, MinuteHistory.SecondsPerMinute, task);
        return this with { Accuracy = point.Accuracy, Mae = point.Mae, Rmse = point.Rmse, Labels = labels };
    }

    public HistoryPoint ToContract(ModelTask task = ModelTask.Classification, Scoring? scoring = null)
    {
        var labels = Labels is null ? default : MetricsCalculator.LabelMetricsOf(Labels, task, scoring);
        return new()
        {
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(Minute * MinuteHistory.SecondsPerMinute),
        Count = Count,
        ThroughputPerSec = (double)Count / MinuteHistory.SecondsPerMinute,
        Accuracy = Accuracy,
        ErrorRate = ErrorRate,
        LatencyP50 = LatencyP50,
        LatencyP95 = LatencyP95,
        LatencyP99 = LatencyP99,
        Mae = Mae,
        Rmse = Rmse,
        Precision = labels.Precision,
        Recall = labels.Recall,
        F1 = labels.F1,
        RocAuc = labels.RocAuc,
        LogLoss = labels.LogLoss,
        Mape = labels.Mape,
        R2 = labels.R2,
        };
    }

    private MetricsBucket EmptyLabels()
    {
        var empty = new MetricsBucket();
        empty.Reset(Minute * MinuteHistory.SecondsPerMinute);
        return empty;
    }
}
