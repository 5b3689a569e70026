using System.ComponentModel.DataAnnotations;

namespace ModelOps.Grains.Labels;

/// <summary>How long and how many of a model's events wait for their delayed labels (configuration section <c>ModelOps:Labels</c>).</summary>
public sealed class LabelOptions
{
    public const string Section = "ModelOps:Labels";

    /// <summary>An event can be labelled for this long after its timestamp (<c>ModelOps:Labels:Retention</c>, default 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "ModelOps:Labels:Retention must be between 00:01:00 and 90.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// At most this many event ids per model are held for labels, the oldest leaving first (<c>ModelOps:Labels:MaxPending</c>,
    /// default 1 000 000; about 42 bytes each in memory and 32 in storage).
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "ModelOps:Labels:MaxPending must be between 1000 and 10000000.")]
    public int MaxPending { get; set; } = 1_000_000;
}
