using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using Orleans;

namespace ModelOps.Grains.Drift.Window;

/// <summary>
/// The current data drift is measured on: a ring of <see cref="BucketsPerWindow"/> time buckets, each holding one
/// <see cref="FeatureSummary"/> per feature of the baseline the window was made for. A new baseline fixes new bins,
/// so it gets a new, empty window: a new upload replaces the baseline and starts a fresh comparison.
/// Time is passed in, never read, so the window is driven by whatever clock the caller has (a grain's, or a test's).
/// </summary>
[GenerateSerializer, Alias("ModelOps.DriftWindow")]
public sealed class DriftWindow
{
    /// <summary>
    /// A bucket holds about a kilobyte per numeric feature (one count per bin), so a bucket per second would cost
    /// 3 600 of them per feature for an hour; 60 buckets keep a model with 20 features near 1 MB, whatever the
    /// window's length, at the price of ranges that start and end on bucket boundaries.
    /// </summary>
    public const int BucketsPerWindow = 60;

    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(1);

    /// <summary>
    /// The newest buckets, which still take events: the current one, and the one before it for events stamped a little
    /// before a bucket boundary and sent a little after it.
    /// </summary>
    private const int UnsettledBuckets = 2;

    [Id(0)] private readonly BaselineProfile baseline;
    [Id(1)] private readonly DriftBucket[] ring;
    [Id(2)] private readonly long bucketSeconds;
    [Id(3)] private long latestSecond = long.MinValue;

    // Not stored: rebuilt by the first whole-window merge after a restart.
    [NonSerialized] private SettledBuckets? settled;

    // Not stored: the buckets recorded into since the last TakeChanges, which a checkpoint writes instead of the whole ring.
    [NonSerialized] private HashSet<long>? changed;

    public DriftWindow(BaselineProfile baseline, TimeSpan length)
    {
        this.baseline = baseline;
        bucketSeconds = BucketSeconds(length);
        ring = new DriftBucket[BucketsPerWindow];
        for (var i = 0; i < ring.Length; i++)
        {
            ring[i] = new DriftBucket(baseline);
        }
    }

    public DriftWindow(BaselineProfile baseline)
        : this(baseline, DefaultLength)
    {
    }

    /// <summary>The baseline whose bins this window counts over.</summary>
    public BaselineProfile Baseline => baseline;

    public TimeSpan Length => TimeSpan.FromSeconds(bucketSeconds * BucketsPerWindow);

    public TimeSpan BucketLength => TimeSpan.FromSeconds(bucketSeconds);

    /// <summary>
    /// Folds one event's features into the bucket of its second; a baseline feature absent from the event (or all
    /// features, when there are none) counts as missing, and features the baseline does not have are not compared.
    /// An event from the future is counted now; one older than the window is late and counted nowhere.
    /// </summary>
    /// <returns>False when the event was late.</returns>
    public bool Record(IReadOnlyDictionary<string, ScalarValue>? features, long second, long nowSecond)
    {
        // The window never moves backwards: if the clock steps back, time stands still until it catches up,
        // rather than a newer bucket being reset for an older one.
        nowSecond = latestSecond = Math.Max(nowSecond, latestSecond);
        var index = IndexOf(Math.Min(second, nowSecond));
        if (index <= IndexOf(nowSecond) - BucketsPerWindow)
        {
            return false;
        }
        if (index <= settled?.LastIndex)
        {
            settled = null;
        }
        BucketFor(index).Record(features, baseline);
        (changed ??= []).Add(index);
        return true;
    }

    /// <summary>Copies of the buckets recorded into since the last call, oldest first; the window then counts changes afresh.</summary>
    public IReadOnlyList<DriftBucket> TakeChanges()
    {
        if (changed is not { Count: > 0 })
        {
            return [];
        }
        var copies = changed.Order().Where(index => ring[Position(index)].Index == index).Select(index => ring[Position(index)].Copy()).ToArray();
        changed.Clear();
        return copies;
    }

    /// <summary>
    /// Puts back a bucket taken by <see cref="TakeChanges"/> after the checkpoint this window was restored from; a slot
    /// already holding a newer bucket keeps it.
    /// </summary>
    public void Restore(DriftBucket saved)
    {
        var position = Position(saved.Index);
        if (ring[position].Index > saved.Index || saved.Summaries.Count != baseline.Features.Length)
        {
            return;
        }
        ring[position] = saved.Copy();
        latestSecond = Math.Max(latestSecond, saved.Index * bucketSeconds);
        settled = null;
    }

    /// <summary>The merged buckets of the whole window ending at <paramref name="nowSecond"/>.</summary>
    public DriftWindowData Merge(long nowSecond) => Merge(long.MinValue, long.MaxValue, nowSecond);

    /// <summary>
    /// The merged buckets that overlap the seconds [<paramref name="fromSecond"/>, <paramref name="toSecond"/>) and are
    /// still in the window ending at <paramref name="nowSecond"/>; whole buckets, so the covered range is returned.
    /// Buckets are merged oldest first, the order in which the kept merge of the settled buckets (see <see cref="Settled"/>)
    /// is continued, so that keeping it changes no sum.
    /// </summary>
    public DriftWindowData Merge(long fromSecond, long toSecond, long nowSecond)
    {
        nowSecond = Math.Max(nowSecond, latestSecond);
        var nowIndex = IndexOf(nowSecond);
        var firstIndex = Math.Clamp(IndexOf(fromSecond), nowIndex - BucketsPerWindow + 1, nowIndex + 1);
        var lastIndex = toSecond <= fromSecond ? firstIndex - 1 : Math.Min(IndexOf(toSecond - 1), nowIndex);

        var merged = NewSummaries();
        long count = 0;
        var next = firstIndex;
        if (firstIndex == nowIndex - BucketsPerWindow + 1 && lastIndex == nowIndex)
        {
            var settledBuckets = Settled(nowIndex);
            count = settledBuckets.Count;
            Fold(merged, settledBuckets.Summaries);
            next = settledBuckets.LastIndex + 1;
        }
        count += Fold(merged, next, lastIndex);

        var from = firstIndex * bucketSeconds;
        var to = lastIndex < firstIndex ? from : Math.Min((lastIndex + 1) * bucketSeconds, nowSecond + 1);
        var features = new Dictionary<string, FeatureSummary>(merged.Length, StringComparer.Ordinal);
        for (var i = 0; i < merged.Length; i++)
        {
            features[baseline.Features[i].Name] = merged[i];
        }
        return new DriftWindowData(from, to, count, features);
    }

    private static long BucketSeconds(TimeSpan length) =>
        length >= TimeSpan.FromMinutes(1) && length <= TimeSpan.FromDays(30) && length.Ticks % (TimeSpan.TicksPerSecond * BucketsPerWindow) == 0
            ? (long)length.TotalSeconds / BucketsPerWindow
            : throw new ArgumentOutOfRangeException(nameof(length), length,
                $"A drift window is between 1 minute and 30 days long, in whole minutes, so that it splits into {BucketsPerWindow} buckets of whole seconds.");

    /// <summary>Floor division, so that seconds before 1970 fall into their own buckets too.</summary>
    private long IndexOf(long second)
    {
        var index = second / bucketSeconds;
        return second % bucketSeconds < 0 ? index - 1 : index;
    }

    private DriftBucket BucketFor(long index)
    {
        var bucket = ring[Position(index)];
        if (bucket.Index != index)
        {
            bucket.Reset(index);
        }
        return bucket;
    }

    private static int Position(long index) => (int)(((index % BucketsPerWindow) + BucketsPerWindow) % BucketsPerWindow);

    private FeatureSummary[] NewSummaries()
    {
        var summaries = new FeatureSummary[baseline.Features.Length];
        for (var i = 0; i < summaries.Length; i++)
        {
            summaries[i] = baseline.Features[i].NewSummary();
        }
        return summaries;
    }

    private static void Fold(FeatureSummary[] merged, IReadOnlyList<FeatureSummary> summaries)
    {
        for (var i = 0; i < merged.Length; i++)
        {
            merged[i].Merge(summaries[i]);
        }
    }

    /// <summary>Merges the buckets <paramref name="firstIndex"/> to <paramref name="lastIndex"/>, oldest first; returns their events.</summary>
    private long Fold(FeatureSummary[] merged, long firstIndex, long lastIndex)
    {
        long count = 0;
        for (var index = firstIndex; index <= lastIndex; index++)
        {
            var bucket = ring[Position(index)];
            if (bucket.Index == index)
            {
                count += bucket.Count;
                Fold(merged, bucket.Summaries);
            }
        }
        return count;
    }

    /// <summary>
    /// The merge of the window ending at bucket <paramref name="nowIndex"/> but for its newest
    /// <see cref="UnsettledBuckets"/>, kept from one whole-window merge to the next: a drift evaluation every few seconds
    /// then merges three sets of summaries instead of sixty. Recording into a settled bucket drops it, and so does the
    /// window moving on, since the oldest bucket's counts cannot be taken out of a merge again.
    /// </summary>
    private SettledBuckets Settled(long nowIndex)
    {
        var lastIndex = nowIndex - UnsettledBuckets;
        if (settled?.LastIndex == lastIndex)
        {
            return settled;
        }
        var summaries = NewSummaries();
        var count = Fold(summaries, nowIndex - BucketsPerWindow + 1, lastIndex);
        return settled = new SettledBuckets(lastIndex, count, summaries);
    }

    /// <summary>The merged buckets of a window up to bucket <see cref="LastIndex"/>, and their events.</summary>
    private sealed record SettledBuckets(long LastIndex, long Count, FeatureSummary[] Summaries);
}
