using System.Text.Json.Serialization;
using Orleans;

namespace ModelOps.Contracts;

/// <summary>What a model predicts: a class (accuracy is tracked) or a number (MAE and RMSE are tracked).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelTask>))]
public enum ModelTask
{
    [JsonStringEnumMemberName("classification")] Classification,
    [JsonStringEnumMemberName("regression")] Regression,
}

/// <summary>How a feature is monitored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureType>))]
public enum FeatureType
{
    [JsonStringEnumMemberName("numeric")] Numeric,
    [JsonStringEnumMemberName("categorical")] Categorical,
}

/// <summary>Health of a model: the worst open alert, or <c>no-data</c> before its first event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelStatus>))]
public enum ModelStatus
{
    [JsonStringEnumMemberName("no-data")] NoData,
    [JsonStringEnumMemberName("healthy")] Healthy,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>One input feature of a model.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.FeatureDefinition")]
public sealed record FeatureDefinition
{
    /// <summary>Feature name as it appears in event <c>features</c>.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary><c>numeric</c> or <c>categorical</c>.</summary>
    [Id(1)] public FeatureType Type { get; init; }

    /// <summary>True when the feature was not declared but learned from traffic.</summary>
    [Id(2)] public bool Learned { get; init; }
}

/// <summary>Body of <c>PUT /api/v1/models/{id}</c>.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelDefinition")]
public sealed record ModelDefinition
{
    /// <summary>Display name; defaults to the model id.</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary>Model version, free text (for example a semantic version or a registry tag).</summary>
    [Id(1)] public string? Version { get; init; }

    /// <summary><c>classification</c> (default) or <c>regression</c>.</summary>
    [Id(2)] public ModelTask Task { get; init; }

    /// <summary>Declared features; undeclared ones are learned from traffic.</summary>
    [Id(3)] public IReadOnlyList<FeatureDefinition> Features { get; init; } = [];
}

/// <summary>Latency summary of a window, in milliseconds; quantiles are within 1% relative error.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.LatencyStats")]
public sealed record LatencyStats(
    [property: Id(0)] double? Mean,
    [property: Id(1)] double? P50,
    [property: Id(2)] double? P95,
    [property: Id(3)] double? P99);

/// <summary>Rolling metrics of one model over its window. A metric that cannot be computed yet is null, never 0.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.MetricsSnapshot")]
public sealed record MetricsSnapshot
{
    /// <summary>Length of the rolling window.</summary>
    [Id(0)] public TimeSpan Window { get; init; }

    /// <summary>Events in the window.</summary>
    [Id(1)] public long Count { get; init; }

    /// <summary>Events per second over the part of the window that has seen traffic.</summary>
    [Id(2)] public double ThroughputPerSec { get; init; }

    /// <summary>Share of labelled events whose prediction equals the label (classification); null without labels.</summary>
    [Id(3)] public double? Accuracy { get; init; }

    /// <summary>Events in the window that carry a label.</summary>
    [Id(4)] public long LabelCount { get; init; }

    /// <summary>Share of events flagged <c>error: true</c>; null without events.</summary>
    [Id(5)] public double? ErrorRate { get; init; }

    /// <summary>Latency mean and quantiles.</summary>
    [Id(6)] public required LatencyStats Latency { get; init; }

    /// <summary>Mean absolute error (regression); null without labels.</summary>
    [Id(7)] public double? Mae { get; init; }

    /// <summary>Root mean squared error (regression); null without labels.</summary>
    [Id(8)] public double? Rmse { get; init; }

    /// <summary>Events that arrived in the window but were timestamped before it: acknowledged, reported here, not folded into the metrics.</summary>
    [Id(9)] public long LateEvents { get; init; }
}

/// <summary>One second of a model's metrics, for trend charts.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.HistoryPoint")]
public sealed record HistoryPoint
{
    [Id(0)] public DateTimeOffset Timestamp { get; init; }
    [Id(1)] public long Count { get; init; }
    [Id(2)] public double? Accuracy { get; init; }
    [Id(3)] public double? LatencyP50 { get; init; }
    [Id(4)] public double? LatencyP95 { get; init; }
    [Id(5)] public double? LatencyP99 { get; init; }
    [Id(6)] public double ThroughputPerSec { get; init; }
    [Id(7)] public double? ErrorRate { get; init; }
    [Id(8)] public double? Mae { get; init; }
    [Id(9)] public double? Rmse { get; init; }
}

/// <summary>Headline of the drift report.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.DriftSummary")]
public sealed record DriftSummary(
    [property: Id(0)] bool DatasetDrift,
    [property: Id(1)] double DriftShare,
    [property: Id(2)] IReadOnlyList<string> DriftedFeatures);

/// <summary>A model: its definition and its current snapshot.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelView")]
public sealed record ModelView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Version { get; init; }
    [Id(3)] public ModelTask Task { get; init; }
    [Id(4)] public ModelStatus Status { get; init; }
    [Id(5)] public IReadOnlyList<FeatureDefinition> Features { get; init; } = [];
    [Id(6)] public required MetricsSnapshot Metrics { get; init; }

    /// <summary>One point per second of the window (may be empty in lists).</summary>
    [Id(7)] public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    /// <summary>Drift headline; null until drift monitoring has a baseline to compare against.</summary>
    [Id(8)] public DriftSummary? Drift { get; init; }

    [Id(9)] public int OpenAlerts { get; init; }
    [Id(10)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
}
