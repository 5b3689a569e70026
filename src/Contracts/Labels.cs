using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

/// <summary>Ground truth for an event sent earlier, joined to it by the event's <c>id</c>.</summary>
public sealed record DelayedLabel
{
    /// <summary>The <c>id</c> of the event this label is for.</summary>
    public string? Id { get; init; }

    /// <summary>The true class (string) or value (number).</summary>
    public ScalarValue? Label { get; init; }

    /// <summary>When the truth became known; defaults to arrival time. Only the label delay reads it.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>Body of <c>POST /api/v1/models/{id}/labels</c>.</summary>
public sealed record LabelBatch
{
    [JsonRequired] public IReadOnlyList<DelayedLabel> Labels { get; init; } = [];
}

/// <summary>Answer to a batch of labels.</summary>
/// <param name="Matched">Labels joined to an event that had none: counted in the metrics of the event's second and minute.</param>
/// <param name="Unmatched">Labels whose id the model does not hold: never sent, or older than <c>ModelOps:Labels:Retention</c> or pushed out by <c>ModelOps:Labels:MaxPending</c>.</param>
/// <param name="Duplicate">Labels for an event already labelled: the new label replaces the old one, counted once.</param>
public sealed record LabelResult(int Matched, int Unmatched, int Duplicate);

/// <summary>How a model's delayed labels meet its events (<c>labelJoin</c> of the metrics), counted since the model's state began.</summary>
/// <param name="Matched">First labels joined to their event.</param>
/// <param name="Unmatched">Labels whose id was not held.</param>
/// <param name="Duplicate">Labels that replaced an earlier label of their event.</param>
/// <param name="Pending">Events held that still wait for a label.</param>
/// <param name="Held">Events held for joining (labelled or not), at most <c>ModelOps:Labels:MaxPending</c>.</param>
/// <param name="MedianDelaySeconds">Median seconds from an event to its first label (within 1%); null before the first match.</param>
public sealed record LabelJoinStats(long Matched, long Unmatched, long Duplicate, long Pending, long Held, double? MedianDelaySeconds);
