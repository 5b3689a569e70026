using ModelOps.Contracts;
using ModelOps.Grains.Labels;
using Orleans;

namespace ModelOps.Grains.Monitoring;

/// <summary>
/// A rolling window of one-second <see cref="MetricsBucket"/>s in a ring. Time is passed in, never read,
/// so the window is driven by whatever clock the caller has (a grain's, or a test's).
/// </summary>
[GenerateSerializer, Alias("ModelOps.MetricsWindow")]
public sealed class MetricsWindow
{
    [Id(0)] private MetricsBucket[] ring;
    [Id(1)] private long firstSecond = long.MaxValue;
    [Id(2)] private long latestSecond = long.MinValue;

    // Not stored: the seconds recorded into since the last TakeChanges, which a checkpoint writes instead of the whole ring.
    [NonSerialized] private HashSet<long>? changed;

    public MetricsWindow(TimeSpan length)
    {
        ring = new MetricsBucket[Seconds(length)];
        for (var i = 0; i < ring.Length; i++)
        {
            ring[i] = new MetricsBucket();
        }
    }

    public TimeSpan Length => TimeSpan.FromSeconds(ring.Length);

    /// <summary>Approximate bytes held by the window.</summary>
    public long MemoryBytes => ring.Sum(bucket => 120L + bucket.Latency.MemoryBytes);

    /// <summary>
    /// Folds one event into the bucket of its second. An event from the future is counted now; one older
    /// than the window is late: it is counted as late in the current second and nowhere else.
    /// </summary>
    /// <returns>False when the event was late.</returns>
    public bool Record(in Observation observation, long nowSecond)
    {
        // The window never moves backwards: if the clock steps back, time stands still until it catches up,
        // rather than a newer second's bucket being reset for an older one.
        nowSecond = latestSecond = Math.Max(nowSecond, latestSecond);
        var second = Math.Min(observation.Second, nowSecond);
        if (second <= nowSecond - ring.Length)
        {
            Changed(nowSecond).RecordLate();
            return false;
        }
        Changed(second).Record(observation);
        if (second < firstSecond)
        {
            firstSecond = second;
        }
        return true;
    }

    /// <summary>The merged summary of every second in the window ending at <paramref name="nowSecond"/>.</summary>
    public MetricsBucket Merge(long nowSecond) => Merge(nowSecond, ring.Length);

    /// <summary>
    /// The metrics of the newest <paramref name="span"/> of the window ending at <paramref name="nowSecond"/> (whole
    /// seconds, rounded up; a span longer than the window is the window), or of the whole window when it is null.
    /// Throughput divides by the seconds of the span observed since the first event.
    /// </summary>
    public MetricsSnapshot Snapshot(long nowSecond, ModelTask task, TimeSpan? span = null, Scoring? scoring = null)
    {
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, "A snapshot spans at least one second.");
        }
        var seconds = span is { } newest ? (int)Math.Min(Math.Ceiling(newest.TotalSeconds), ring.Length) : ring.Length;
        var merged = Merge(nowSecond, seconds);
        var observedSeconds = firstSecond == long.MaxValue ? 1 : Math.Clamp(nowSecond - firstSecond + 1, 1, seconds);
        return MetricsCalculator.Snapshot(merged, TimeSpan.FromSeconds(seconds), observedSeconds, task, scoring);
    }

    /// <summary>One point per second from the first event (or the window start) to now.</summary>
    public IReadOnlyList<HistoryPoint> History(long nowSecond, ModelTask task, Scoring? scoring = null) => History(nowSecond, task, long.MinValue, long.MaxValue, scoring);

    /// <summary>
    /// One point per second from <paramref name="fromSecond"/> to <paramref name="toSecond"/>, both included, of the part of that
    /// range that lies in the window ending now and after the first event.
    /// </summary>
    public IReadOnlyList<HistoryPoint> History(long nowSecond, ModelTask task, long fromSecond, long toSecond, Scoring? scoring = null)
    {
        if (firstSecond == long.MaxValue)
        {
            return [];
        }
        var start = Math.Max(Math.Max(firstSecond, nowSecond - ring.Length + 1), fromSecond);
        var end = Math.Min(nowSecond, toSecond);
        var points = new HistoryPoint[Math.Max(0, end - start + 1)];
        for (var second = start; second <= end; second++)
        {
            var bucket = ring[SlotOf(second)];
            points[second - start] = bucket.Second == second
                ? MetricsCalculator.Point(bucket, second, 1, task, scoring)
                : MetricsCalculator.EmptyPoint(second);
        }
        return points;
    }

    /// <summary>
    /// The seconds after <paramref name="after"/> and up to <paramref name="through"/> that hold events, ascending. The ring
    /// keeps a second until a second one window later takes its slot, so after a pause it may still hold seconds older than
    /// the window.
    /// </summary>
    public IEnumerable<long> SecondsWithEvents(long after, long through) =>
        ring.Where(bucket => bucket.Count > 0 && bucket.Second > after && bucket.Second <= through).Select(bucket => bucket.Second).Order();

    /// <summary>The merged summary of the seconds from <paramref name="first"/> to <paramref name="last"/> that the ring still holds.</summary>
    public MetricsBucket MergeSeconds(long first, long last)
    {
        var merged = new MetricsBucket();
        merged.Reset(first);
        foreach (var bucket in ring)
        {
            if (bucket.Second >= first && bucket.Second <= last)
            {
                merged.Merge(bucket);
            }
        }
        return merged;
    }

    /// <summary>
    /// Counts (<paramref name="sign"/> = 1) or takes back (−1) a delayed label in the bucket of its event's second, when the
    /// ring still holds that second.
    /// </summary>
    /// <returns>False when the second is no longer in the ring.</returns>
    public bool ApplyLabel(long second, in Judgement judgement, int sign)
    {
        var bucket = ring[SlotOf(second)];
        if (bucket.Second != second || bucket.Count == 0)
        {
            return false;
        }
        (changed ??= []).Add(second);
        bucket.ApplyLabel(judgement, sign);
        return true;
    }

    /// <summary>True when any second of the window ending now holds events.</summary>
    public bool HasData(long nowSecond) => ring.Any(bucket => bucket.Count > 0 && InWindow(bucket.Second, nowSecond));

    /// <summary>A window of another length holding the same seconds (those that still fit).</summary>
    public MetricsWindow Resize(TimeSpan length, long nowSecond)
    {
        var resized = new MetricsWindow(length);
        foreach (var bucket in ring.Where(bucket => resized.InWindow(bucket.Second, nowSecond)).OrderBy(bucket => bucket.Second))
        {
            var target = resized.BucketFor(bucket.Second);
            target.Merge(bucket);
            resized.firstSecond = Math.Min(resized.firstSecond, bucket.Second);
        }
        return resized;
    }

    /// <summary>Copies of the buckets recorded into since the last call, oldest first; the window then counts changes afresh.</summary>
    public IReadOnlyList<MetricsBucket> TakeChanges()
    {
        if (changed is not { Count: > 0 })
        {
            return [];
        }
        var copies = changed.Order().Where(second => ring[SlotOf(second)].Second == second).Select(second => MetricsBucket.CopyOf(ring[SlotOf(second)])).ToArray();
        changed.Clear();
        return copies;
    }

    /// <summary>
    /// Puts back a bucket taken by <see cref="TakeChanges"/> after the checkpoint this window was restored from; a slot
    /// already holding a newer second keeps it.
    /// </summary>
    public void Restore(MetricsBucket saved)
    {
        var slot = SlotOf(saved.Second);
        if (ring[slot].Second > saved.Second)
        {
            return;
        }
        ring[slot] = MetricsBucket.CopyOf(saved);
        firstSecond = Math.Min(firstSecond, saved.Second);
        latestSecond = Math.Max(latestSecond, saved.Second);
    }

    private static int Seconds(TimeSpan length) =>
        length >= TimeSpan.FromSeconds(1) && length <= TimeSpan.FromDays(1)
            ? (int)length.TotalSeconds
            : throw new ArgumentOutOfRangeException(nameof(length), length, "A metrics window is between 1 second and 1 day long.");

    private bool InWindow(long second, long nowSecond) => InNewest(second, nowSecond, ring.Length);

    private static bool InNewest(long second, long nowSecond, int seconds) => second > nowSecond - seconds && second <= nowSecond;

    private MetricsBucket Merge(long nowSecond, int seconds) => MergeSeconds(nowSecond - seconds + 1, nowSecond);

    private int SlotOf(long second) => (int)(((second % ring.Length) + ring.Length) % ring.Length);

    private MetricsBucket Changed(long second)
    {
        (changed ??= []).Add(second);
        return BucketFor(second);
    }

    private MetricsBucket BucketFor(long second)
    {
        var bucket = ring[SlotOf(second)];
        if (bucket.Second != second)
        {
            bucket.Reset(second);
        }
        return bucket;
    }
}
