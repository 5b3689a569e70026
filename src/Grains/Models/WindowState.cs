using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Models;

/// <summary>Checkpoint of a model's rolling window and per-minute history. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.WindowState")]
public sealed class WindowState
{
    [Id(0)] public MetricsWindow? Metrics { get; set; }
    [Id(1)] public MinuteHistory? Minutes { get; set; }

    /// <summary>The checkpoint that last wrote this state whole (see <see cref="WindowLog"/>).</summary>
    [Id(2)] public long Sequence { get; set; }

    /// <summary>The idempotency keys kept when the window was written whole (<see cref="BatchKeys"/>), oldest first.</summary>
    [Id(3)] public List<BatchKey>? BatchKeys { get; set; }
}
