using System.ComponentModel.DataAnnotations;

namespace ModelOps.Silo.Simulation;

/// <summary>The demo traffic simulator (section <c>ModelOps:Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    public const string Section = "ModelOps:Simulator";

    /// <summary>Send demo traffic for three models (<c>ModelOps:Simulator:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Events per second per demo model (<c>ModelOps:Simulator:EventsPerSecond</c>).</summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:Simulator:EventsPerSecond must be between 1 and 10000.")]
    public int EventsPerSecond { get; set; } = 20;

    /// <summary>Length of the repeating incident schedule (<c>ModelOps:Simulator:Cycle</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "ModelOps:Simulator:Cycle must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan Cycle { get; set; } = TimeSpan.FromMinutes(6);
}
