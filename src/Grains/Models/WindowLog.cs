using ModelOps.Grains.Drift.Window;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Models;

/// <summary>
/// The buckets changed since a model's window and drift state were last written whole: the newest copy of each, so the
/// log grows with the buckets touched, never with the checkpoints. It is written in place of the whole window at each
/// checkpoint and replayed over the whole states at activation, each part only when it is newer than that state's
/// <see cref="WindowState.Sequence"/> (a state written whole after the log already holds its changes).
/// Ids are part of the storage contract: never reuse or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.WindowLog")]
public sealed class WindowLog
{
    /// <summary>The checkpoint that wrote this log.</summary>
    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public List<MetricsBucket> Metrics { get; set; } = [];
    [Id(2)] public List<DriftBucket> Drift { get; set; } = [];
    [Id(3)] public List<MinutePoint> Minutes { get; set; } = [];

    /// <summary>The idempotency keys of the batches recorded since the window was written whole, oldest first.</summary>
    [Id(4)] public List<BatchKey> BatchKeys { get; set; } = [];
}
