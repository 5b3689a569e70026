using ModelOps.Grains.Drift;
using ModelOps.Grains.Drift.Window;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Models;

/// <summary>
/// Writes what a model's window, minute history and drift window changed, not the whole of them: a checkpoint writes the
/// <see cref="WindowLog"/> of the buckets touched since the states were last written whole, and writes the states whole
/// (compaction) once the log holds more than <see cref="CompactAfterBuckets"/> buckets, so a checkpoint costs
/// O(changed buckets) and the log stays bounded. Also the group commit of durable ingest: <see cref="WhenStored"/>
/// completes once a checkpoint covering everything recorded so far is in storage.
/// </summary>
/// <remarks>Called from one grain's turns only, like the grain's own fields.</remarks>
public sealed class WindowCheckpoints
{
    /// <summary>
    /// A window bucket is about a kilobyte and a drift bucket about one per numeric feature: a log of 32 stays well under
    /// a tenth of a 5-minute window with its drift ring, and with one new second per checkpoint it is compacted about
    /// every half minute.
    /// </summary>
    public const int CompactAfterBuckets = 32;

    /// <summary>The log carries the idempotency keys added since the last compaction; past this many the next checkpoint compacts.</summary>
    public const int CompactAfterKeys = 256;

    private readonly IPersistentState<WindowState> whole;
    private readonly IPersistentState<DriftState> drift;
    private readonly IPersistentState<WindowLog> log;
    private readonly BatchKeys keys;
    private readonly SortedDictionary<long, MetricsBucket> metricsLog = [];
    private readonly SortedDictionary<long, DriftBucket> driftLog = [];
    private readonly SortedDictionary<long, MinutePoint> minutesLog = [];
    private long sequence;
    private int pendingRowsWritten;
    // The log in storage may hold changes the states have not had yet: until the first compaction, writing the (empty)
    // log in memory over it would lose them.
    private bool compactNext = true;
    private TaskCompletionSource? writing;
    private TaskCompletionSource? next;

    /// <summary>
    /// Replays the stored log over the stored states; <paramref name="whole"/>'s window and minutes, <paramref name="drift"/>'s
    /// window and <paramref name="keys"/> are then current.
    /// </summary>
    public WindowCheckpoints(IPersistentState<WindowState> whole, IPersistentState<DriftState> drift, IPersistentState<WindowLog> log, BatchKeys keys)
    {
        (this.whole, this.drift, this.log, this.keys) = (whole, drift, log, keys);
        var saved = log.State;
        keys.Restore(whole.State.BatchKeys ?? []);
        if (saved.Sequence > whole.State.Sequence)
        {
            keys.Restore(saved.BatchKeys);
            foreach (var bucket in saved.Metrics)
            {
                whole.State.Metrics?.Restore(bucket);
            }
            foreach (var minute in saved.Minutes)
            {
                whole.State.Minutes?.Restore(minute);
            }
        }
        if (saved.Sequence > drift.State.Sequence && drift.State.Window is { } window)
        {
            foreach (var bucket in saved.Drift)
            {
                window.Restore(bucket);
            }
        }
        pendingRowsWritten = drift.State.PendingRows.Count;
        sequence = Math.Max(saved.Sequence, Math.Max(whole.State.Sequence, drift.State.Sequence));
    }

    /// <summary>True when something was recorded that is not in storage yet, or a durable request waits for a checkpoint.</summary>
    public bool Due => HasChanges || next is not null;

    private bool HasChanges { get; set; }

    /// <summary>Something was recorded that the next checkpoint must write.</summary>
    public void Changed() => HasChanges = true;

    /// <summary>
    /// Completes once everything recorded before this call is in storage: at once when it already is, with the checkpoint
    /// being written when one is (the grain records nothing while it writes), or with the next one.
    /// </summary>
    public Task WhenStored() =>
        writing?.Task ?? (HasChanges || next is not null ? (next ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask);

    /// <summary>Writes the changes of <paramref name="window"/>, <paramref name="minutes"/> and the drift window, or all of them once the log is full.</summary>
    public async Task WriteAsync(MetricsWindow window, MinuteHistory minutes)
    {
        (writing, next) = (next ?? new(TaskCreationOptions.RunContinuationsAsynchronously), null);
        HasChanges = false;
        var covered = writing;
        try
        {
            sequence++;
            Log(window.TakeChanges(), drift.State.Window?.TakeChanges() ?? [], minutes.TakeSealed());
            if (compactNext || whole.State.Metrics != window || metricsLog.Count + driftLog.Count + minutesLog.Count > CompactAfterBuckets
                || keys.SinceCompaction.Count > CompactAfterKeys)
            {
                await Compact(window, minutes);
            }
            else
            {
                await WriteLog();
            }
            covered.SetResult();
        }
        catch (Exception failure)
        {
            // What was taken from the window is no longer tracked: the next checkpoint writes everything.
            (HasChanges, compactNext) = (true, true);
            covered.SetException(failure);
            throw;
        }
        finally
        {
            writing = null;
        }
    }

    /// <summary>Writes the drift state whole, as a new baseline or drift window needs; the log's drift buckets, of the window it replaced, are dropped.</summary>
    public async Task WriteDriftAsync()
    {
        driftLog.Clear();
        drift.State.Window?.TakeChanges();
        drift.State.Sequence = sequence;
        await drift.WriteStateAsync();
        pendingRowsWritten = drift.State.PendingRows.Count;
    }

    /// <summary>The model was deleted: whoever waits for its events to be stored waits in vain.</summary>
    public void Abandon(Exception reason)
    {
        next?.TrySetException(reason);
        next = null;
        HasChanges = false;
    }

    private void Log(IReadOnlyList<MetricsBucket> metrics, IReadOnlyList<DriftBucket> driftBuckets, IReadOnlyList<MinutePoint> sealedMinutes)
    {
        foreach (var bucket in metrics)
        {
            metricsLog[bucket.Second] = bucket;
        }
        foreach (var bucket in driftBuckets)
        {
            driftLog[bucket.Index] = bucket;
        }
        foreach (var minute in sealedMinutes)
        {
            minutesLog[minute.Minute] = minute;
        }
    }

    private async Task Compact(MetricsWindow window, MinuteHistory minutes)
    {
        whole.State.Metrics = window;
        whole.State.Minutes = minutes;
        whole.State.Sequence = sequence;
        whole.State.BatchKeys = keys.All();
        await whole.WriteStateAsync();
        keys.Compacted();
        drift.State.Sequence = sequence;
        await drift.WriteStateAsync();
        pendingRowsWritten = drift.State.PendingRows.Count;
        metricsLog.Clear();
        driftLog.Clear();
        minutesLog.Clear();
        compactNext = false;
    }

    private async Task WriteLog()
    {
        log.State.Sequence = sequence;
        log.State.Metrics = [.. metricsLog.Values];
        log.State.Drift = [.. driftLog.Values];
        log.State.Minutes = [.. minutesLog.Values];
        log.State.BatchKeys = [.. keys.SinceCompaction];
        await log.WriteStateAsync();
        // Before the drift window exists its pending rows (at most a baseline's worth) are the drift state's only change.
        if (drift.State.Window is null && drift.State.PendingRows.Count != pendingRowsWritten)
        {
            await WriteDriftAsync();
        }
    }
}
