using System.ComponentModel.DataAnnotations;

namespace ModelOps.Grains.Models;

/// <summary>How models are monitored (configuration section <c>ModelOps</c>).</summary>
public sealed class MonitoringOptions
{
    public const string Section = "ModelOps";

    /// <summary>Length of the rolling metrics window (<c>ModelOps:Window</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "ModelOps:Window must be between 00:00:10 and 1.00:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a model publishes its update (<c>ModelOps:TickInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "ModelOps:TickInterval must be between 00:00:00.100 and 00:01:00.")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a model with no calls and nothing to do (no data in its window, no open alert, no rule running) stays
    /// active before Orleans deactivates it (<c>ModelOps:IdleDeactivation</c>); it checkpoints on the way out and comes
    /// back from the checkpoint when next called. More than a minute: Orleans collects idle activations once a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:02:00", "7.00:00:00", ErrorMessage = "ModelOps:IdleDeactivation must be between 00:02:00 and 7.00:00:00.")]
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a model that keeps changing reports its headline to the fleet registry that <c>GET /api/v1/models</c>
    /// lists from (<c>ModelOps:FleetRefreshInterval</c>); a change of status or firing alerts, a model's first events and
    /// its going idle are reported at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "ModelOps:FleetRefreshInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan FleetRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a changed window is written to storage (<c>ModelOps:CheckpointInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:10", ErrorMessage = "ModelOps:CheckpointInterval must be between 00:00:01 and 00:00:10.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often drift is evaluated for the model's snapshot (<c>ModelOps:DriftInterval</c>); reports on demand are always fresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "ModelOps:DriftInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan DriftInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most features per model, declared and learned from traffic together (<c>ModelOps:MaxFeatures</c>): a definition
    /// may declare no more, and names seen beyond it are counted as ignored, not learned.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:MaxFeatures must be between 1 and 10000.")]
    public int MaxFeatures { get; set; } = 1_000;

    /// <summary>Latest events kept per model for the log (<c>ModelOps:RecentEvents</c>).</summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:RecentEvents must be between 1 and 10000.")]
    public int RecentEvents { get; set; } = 200;

    /// <summary>At most this many events per tick go out as <c>new-log</c> (<c>ModelOps:LogSamplesPerTick</c>).</summary>
    [Range(0, 1_000, ErrorMessage = "ModelOps:LogSamplesPerTick must be between 0 and 1000.")]
    public int LogSamplesPerTick { get; set; } = 20;

    /// <summary>
    /// How many of a model's latest batches sent with an <c>Idempotency-Key</c> are remembered, so that one sent again is
    /// not counted twice (<c>ModelOps:IdempotencyKeys</c>; 0 remembers none).
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "ModelOps:IdempotencyKeys must be between 0 and 100000.")]
    public int IdempotencyKeys { get; set; } = 1_000;
}
