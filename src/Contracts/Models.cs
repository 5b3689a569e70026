using System.Text.Json.Serialization;

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
public sealed record FeatureDefinition
{
    /// <summary>Feature name as it appears in event <c>features</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>numeric</c> or <c>categorical</c>.</summary>
    public FeatureType Type { get; init; }

    /// <summary>True when the feature was not declared but learned from traffic.</summary>
    public bool Learned { get; init; }

    /// <summary>Overrides the default drift method and threshold of this feature, e.g. <c>{"method": "psi", "threshold": 0.2}</c>.</summary>
    public FeatureDriftSettings? Drift { get; init; }
}

/// <summary>A feature's drift method (<c>ks</c>, <c>wasserstein</c>, <c>psi</c>, <c>jensenShannon</c>, <c>hellinger</c>, <c>chiSquare</c>, <c>zTest</c>) and threshold.</summary>
public sealed record FeatureDriftSettings(string Method, double? Threshold = null);

/// <summary>The drift methods a feature may be set to, by their wire names (DESIGN section 4).</summary>
public static class DriftMethods
{
    public static readonly IReadOnlyList<string> All = ["ks", "wasserstein", "psi", "jensenShannon", "hellinger", "chiSquare", "zTest"];
}

/// <summary>How a model's drift is monitored.</summary>
public sealed record ModelDriftSettings
{
    /// <summary>Without an uploaded baseline, this many first events become the baseline (default 1000).</summary>
    public int? BaselineSize { get; init; }

    /// <summary>The current data compared with the baseline: the last this-long (whole minutes, default 1 hour).</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Dataset drift when at least this share of features drifted (default 0.5).</summary>
    public double? ShareThreshold { get; init; }
}

/// <summary>What the API accepts in a model definition: its validator and the dashboard's form both read these.</summary>
public static class DefinitionLimits
{
    public const int MaxNameLength = 200;
    public const int MaxVersionLength = 64;
    public const int MaxFeatureNameLength = 128;
}

/// <summary>Body of <c>PUT /api/v1/models/{id}</c>.</summary>
public sealed record ModelDefinition
{
    /// <summary>Display name; defaults to the model id.</summary>
    public string? Name { get; init; }

    /// <summary>Model version, free text (for example a semantic version or a registry tag).</summary>
    public string? Version { get; init; }

    /// <summary><c>classification</c> (default) or <c>regression</c>.</summary>
    public ModelTask Task { get; init; }

    /// <summary>Declared features; undeclared ones are learned from traffic.</summary>
    public IReadOnlyList<FeatureDefinition> Features
    {
        get;
        // The source-generated reader sets an absent init-only member to null rather than keep its initializer.
        init => field = value ?? [];
    } = [];

    /// <summary>Drift settings; defaults apply when absent.</summary>
    public ModelDriftSettings? Drift { get; init; }

    /// <summary>
    /// Makes a classification model binary: the class whose probability an event's <c>score</c> is, and whose precision,
    /// recall and F1 are the headline ones. Without it, <c>score</c> is the probability of the predicted class and the
    /// headline scores are macro averages.
    /// </summary>
    public string? PositiveClass { get; init; }
}

/// <summary>Latency summary of a window, in milliseconds; quantiles are within 1% relative error.</summary>
public sealed record LatencyStats(
    double? Mean,
    double? P50,
    double? P95,
    double? P99);

/// <summary>Rolling metrics of one model over its window. A metric that cannot be computed yet is null, never 0.</summary>
public sealed record MetricsSnapshot
{
    /// <summary>Length of the rolling window.</summary>
    public TimeSpan Window { get; init; }

    /// <summary>Events in the window.</summary>
    public long Count { get; init; }

    /// <summary>Events in the window divided by the seconds it covers since the model's first event (at most the window length).</summary>
    public double ThroughputPerSec { get; init; }

    /// <summary>Share of labelled events whose prediction equals the label (classification); null without labels.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Events in the window that carry a label.</summary>
    public long LabelCount { get; init; }

    /// <summary>Share of events flagged <c>error: true</c>; null without events.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Latency mean and quantiles.</summary>
    public required LatencyStats Latency { get; init; }

    /// <summary>Mean absolute error (regression); null without labels.</summary>
    public double? Mae { get; init; }

    /// <summary>Root mean squared error (regression); null without labels.</summary>
    public double? Rmse { get; init; }

    /// <summary>Events that arrived in the window but were timestamped before it: acknowledged, reported here, not folded into the metrics.</summary>
    public long LateEvents { get; init; }

    /// <summary>Precision (classification): of the positive class for a binary model, else the macro average; null without labels.</summary>
    public double? Precision { get; init; }

    /// <summary>Recall (classification): of the positive class for a binary model, else the macro average; null without labels.</summary>
    public double? Recall { get; init; }

    /// <summary>F1 (classification): of the positive class for a binary model, else the macro average; null without labels.</summary>
    public double? F1 { get; init; }

    /// <summary>
    /// ROC AUC of the scores of labelled events (classification), from 1000-bin histograms (within 0.005 of the exact value):
    /// a binary model's scores against the positive class; otherwise the score of the predicted class against the
    /// prediction being right. Null without scored labelled events of both kinds.
    /// </summary>
    public double? RocAuc { get; init; }

    /// <summary>
    /// Log loss of the scores of labelled events (classification). Multi-class: the score is the predicted class's
    /// probability and the rest is spread evenly over the other classes seen. Null without scored labelled events.
    /// </summary>
    public double? LogLoss { get; init; }

    /// <summary>Mean absolute percentage error (regression, a fraction as scikit-learn's); null without labels.</summary>
    public double? Mape { get; init; }

    /// <summary>Coefficient of determination (regression); null with fewer than two labels.</summary>
    public double? R2 { get; init; }

    /// <summary>Per-class scores, their averages and the confusion matrix (classification); null without labels.</summary>
    public ClassificationReport? Classes { get; init; }

    /// <summary>How delayed labels meet the model's events; null in history and lists.</summary>
    public LabelJoinStats? LabelJoin { get; init; }
}

/// <summary>Precision, recall and F1 of one class, or an average of them.</summary>
/// <param name="Class">The class; null for an average.</param>
/// <param name="Precision">Share of the events predicted as the class that are labelled it (0 when none is predicted it).</param>
/// <param name="Recall">Share of the events labelled the class that are predicted it.</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Labelled events of the class (of every class for an average).</param>
public sealed record ClassScores(string? Class, double Precision, double Recall, double F1, long Support);

/// <summary>Precision, recall and F1 per class and averaged, and the confusion matrix, as scikit-learn's <c>classification_report</c> and <c>confusion_matrix</c>.</summary>
public sealed record ClassificationReport
{
    /// <summary>The classes predicted or labelled, in the order first seen by the model; the rows and columns of the matrix.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary><c>confusion[i][j]</c>: events labelled <c>labels[i]</c> and predicted <c>labels[j]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Confusion { get; init; } = [];

    public IReadOnlyList<ClassScores> PerClass { get; init; } = [];

    /// <summary>Unweighted mean over the classes.</summary>
    public required ClassScores Macro { get; init; }

    /// <summary>Mean over the classes weighted by their support.</summary>
    public required ClassScores Weighted { get; init; }

    /// <summary>The definition's <c>positiveClass</c>, whose scores are the headline ones; null for a multi-class model.</summary>
    public string? PositiveClass { get; init; }
}

/// <summary>One second or one minute of a model's metrics, for trend charts; throughput is the step's events per second.</summary>
public sealed record HistoryPoint
{
    public DateTimeOffset Timestamp { get; init; }
    public long Count { get; init; }
    public double? Accuracy { get; init; }
    public double? LatencyP50 { get; init; }
    public double? LatencyP95 { get; init; }
    public double? LatencyP99 { get; init; }
    public double ThroughputPerSec { get; init; }
    public double? ErrorRate { get; init; }
    public double? Mae { get; init; }
    public double? Rmse { get; init; }
    public double? Precision { get; init; }
    public double? Recall { get; init; }
    public double? F1 { get; init; }
    public double? RocAuc { get; init; }
    public double? LogLoss { get; init; }
    public double? Mape { get; init; }
    public double? R2 { get; init; }
}

/// <summary>Headline of the drift report.</summary>
public sealed record DriftSummary(
    bool DatasetDrift,
    double DriftShare,
    IReadOnlyList<string> DriftedFeatures);

/// <summary>A model: its definition and its current snapshot.</summary>
public sealed record ModelView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public ModelTask Task { get; init; }
    public ModelStatus Status { get; init; }
    public IReadOnlyList<FeatureDefinition> Features { get; init; } = [];
    public required MetricsSnapshot Metrics { get; init; }

    /// <summary>One point per second of the window (may be empty in lists).</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    /// <summary>Drift headline; null until drift monitoring has a baseline to compare against.</summary>
    public DriftSummary? Drift { get; init; }

    /// <summary>The definition's drift settings as last PUT (null: the defaults), so an editor can send them back unchanged.</summary>
    public ModelDriftSettings? DriftSettings { get; init; }

    /// <summary>The definition's <c>positiveClass</c> as last PUT, so an editor can send it back; null for a multi-class or regression model.</summary>
    public string? PositiveClass { get; init; }

    public int OpenAlerts { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
