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
public sealed record IngestResult(
    int Accepted,
    int Late);
