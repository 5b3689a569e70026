using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

/// <summary>One inference: what the model saw, what it answered, how long it took, and (maybe) the truth.</summary>
public sealed record InferenceEvent
{
    /// <summary>Producer's request id; used later to join delayed labels.</summary>
    public string? Id { get; init; }

    /// <summary>When the inference happened; defaults to arrival time.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Model latency in milliseconds (required, ≥ 0).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The class (string) or value (number) the model predicted (required).</summary>
    public ScalarValue? Prediction { get; init; }

    /// <summary>Model confidence, optional.</summary>
    public double? Score { get; init; }

    /// <summary>Ground truth, when known.</summary>
    public ScalarValue? Label { get; init; }

    /// <summary>True when the model call failed.</summary>
    public bool Error { get; init; }

    /// <summary>Feature values; null marks a missing value.</summary>
    public IReadOnlyDictionary<string, ScalarValue>? Features { get; init; }
}

/// <summary>Body of <c>POST /api/v1/models/{id}/events</c>.</summary>
public sealed record EventBatch
{
    [JsonRequired] public IReadOnlyList<InferenceEvent> Events { get; init; } = [];
}

/// <summary>Answer to an ingest: every event is acknowledged; late ones are reported, not folded into metrics.</summary>
/// <param name="Accepted">Events acknowledged.</param>
/// <param name="Late">Events older than the metrics window: kept in the log, not folded into metrics.</param>
/// <param name="IgnoredFeatures">
/// Distinct new feature names in the batch that were not learned because the model holds <c>ModelOps:MaxFeatures</c>
/// features; their events are accepted, and the names are counted in the model's data-quality evidence.
/// </param>
/// <param name="Duplicate">
/// Events whose <c>id</c> the model already held (sent before, or earlier in the batch), including events that carry only
/// an id and a label: counted once; a label they carry joins the first event as <c>POST …/labels</c> would.
/// </param>
/// <param name="UnmatchedLabels">Events that carry only an id and a label whose id the model does not hold.</param>
public sealed record IngestResult(
    int Accepted,
    int Late,
    int IgnoredFeatures = 0,
    int Duplicate = 0,
    int UnmatchedLabels = 0);
