using System.Text.Json.Serialization;
using Orleans;

namespace ModelOps.Contracts;

/// <summary>One inference: what the model saw, what it answered, how long it took, and (maybe) the truth.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.InferenceEvent")]
public sealed record InferenceEvent
{
    /// <summary>Producer's request id; used later to join delayed labels.</summary>
    [Id(0)] public string? Id { get; init; }

    /// <summary>When the inference happened; defaults to arrival time.</summary>
    [Id(1)] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Model latency in milliseconds (required, ≥ 0).</summary>
    [Id(2)] public double LatencyMs { get; init; }

    /// <summary>The class (string) or value (number) the model predicted (required).</summary>
    [Id(3)] public ScalarValue? Prediction { get; init; }

    /// <summary>Model confidence, optional.</summary>
    [Id(4)] public double? Score { get; init; }

    /// <summary>Ground truth, when known.</summary>
    [Id(5)] public ScalarValue? Label { get; init; }

    /// <summary>True when the model call failed.</summary>
    [Id(6)] public bool Error { get; init; }

    /// <summary>Feature values; null marks a missing value.</summary>
    [Id(7)] public IReadOnlyDictionary<string, ScalarValue>? Features { get; init; }
}

/// <summary>Body of <c>POST /api/v1/models/{id}/events</c>.</summary>
public sealed record EventBatch
{
    [JsonRequired] public IReadOnlyList<InferenceEvent> Events { get; init; } = [];
}

/// <summary>Answer to an ingest: every event is acknowledged; late ones are reported, not folded into metrics.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Late);
