using System.Diagnostics.CodeAnalysis;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;

namespace ModelOps.Grains.Alerting.Rules;

/// <summary>What a rule watches.</summary>
[GenerateSerializer, Alias("ModelOps.RuleMetricKind")]
public enum RuleMetricKind
{
    Accuracy,
    ErrorRate,
    LatencyMean,
    LatencyP50,
    LatencyP95,
    LatencyP99,
    Throughput,
    Mae,
    Rmse,
    DriftShare,

    /// <summary>
    /// The drift score of one feature by its selected method. For the p-value tests (<c>ks</c>, <c>chiSquare</c>,
    /// <c>zTest</c>) the score is a p-value and a SMALLER score means more drift, so such a rule is written
    /// <c>drift:amount &lt; 0.05</c>; for the distances a larger score means more drift (<c>drift:amount &gt;= 0.1</c>).
    /// </summary>
    FeatureDrift,

    /// <summary>The share of missing values of one feature in the drift window.</summary>
    NullShare,

    /// <summary>Headline precision: of the positive class for a binary model, else the macro average.</summary>
    Precision,
    Recall,
    F1,
    RocAuc,

    /// <summary>Log loss: a LARGER value is worse, so such a rule is written <c>logLoss &gt; 0.5</c>.</summary>
    LogLoss,
    Mape,
    R2,

    /// <summary>The precision of one class (<see cref="RuleMetric.Feature"/> holds the class).</summary>
    ClassPrecision,
    ClassRecall,
    ClassF1,
}

/// <summary>
/// A rule's metric, parsed from its text (<c>accuracy</c>, <c>latencyP95</c>, <c>drift:amount</c>, …), and where its
/// value is read: performance metrics from a <see cref="MetricsSnapshot"/>, drift metrics from a <see cref="DriftReport"/>.
/// A metric that cannot be computed (no labels, no baseline, a feature without a score) reads as null.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.RuleMetric")]
public sealed record RuleMetric
{
    public const string DriftPrefix = "drift:";
    public const string NullSharePrefix = "nullShare:";
    public const string PrecisionPrefix = "precision:";
    public const string RecallPrefix = "recall:";
    public const string F1Prefix = "f1:";

    private static readonly (string Name, RuleMetricKind Kind)[] Plain =
    [
        ("accuracy", RuleMetricKind.Accuracy), ("errorRate", RuleMetricKind.ErrorRate),
        ("latencyMean", RuleMetricKind.LatencyMean), ("latencyP50", RuleMetricKind.LatencyP50),
        ("latencyP95", RuleMetricKind.LatencyP95), ("latencyP99", RuleMetricKind.LatencyP99),
        ("throughput", RuleMetricKind.Throughput), ("mae", RuleMetricKind.Mae), ("rmse", RuleMetricKind.Rmse),
        ("driftShare", RuleMetricKind.DriftShare),
        ("precision", RuleMetricKind.Precision), ("recall", RuleMetricKind.Recall), ("f1", RuleMetricKind.F1),
        ("rocAuc", RuleMetricKind.RocAuc), ("logLoss", RuleMetricKind.LogLoss), ("mape", RuleMetricKind.Mape), ("r2", RuleMetricKind.R2),
    ];

    /// <summary>The metrics of one feature or one class, by the prefix of their text.</summary>
    private static readonly (string Prefix, RuleMetricKind Kind, string Of, string Example)[] Prefixed =
    [
        (DriftPrefix, RuleMetricKind.FeatureDrift, "feature", "amount"), (NullSharePrefix, RuleMetricKind.NullShare, "feature", "amount"),
        (PrecisionPrefix, RuleMetricKind.ClassPrecision, "class", "fraud"), (RecallPrefix, RuleMetricKind.ClassRecall, "class", "fraud"),
        (F1Prefix, RuleMetricKind.ClassF1, "class", "fraud"),
    ];

    /// <summary>Every metric a rule may name, as an error message lists them.</summary>
    public static readonly string Known = string.Join(", ", Plain.Select(metric => metric.Name).Concat(Prefixed.Select(metric => $"{metric.Prefix}<{metric.Of}>")));

    private RuleMetric(RuleMetricKind kind, string? feature)
    {
        Kind = kind;
        Feature = feature;
    }

    [Id(0)] public RuleMetricKind Kind { get; }

    /// <summary>The feature of <see cref="RuleMetricKind.FeatureDrift"/> and <see cref="RuleMetricKind.NullShare"/>, the class of the per-class metrics; null otherwise.</summary>
    [Id(1)] public string? Feature { get; }

    /// <summary>True when the value comes from the drift report rather than the metrics snapshot.</summary>
    public bool IsDrift => Kind is RuleMetricKind.DriftShare or RuleMetricKind.FeatureDrift or RuleMetricKind.NullShare;

    /// <summary>The only task whose models compute this metric; null when every model does.</summary>
    public ModelTask? OnlyFor => Kind switch
    {
        RuleMetricKind.Accuracy or RuleMetricKind.Precision or RuleMetricKind.Recall or RuleMetricKind.F1 or RuleMetricKind.RocAuc
            or RuleMetricKind.LogLoss or RuleMetricKind.ClassPrecision or RuleMetricKind.ClassRecall or RuleMetricKind.ClassF1 => ModelTask.Classification,
        RuleMetricKind.Mae or RuleMetricKind.Rmse or RuleMetricKind.Mape or RuleMetricKind.R2 => ModelTask.Regression,
        _ => null,
    };

    public static RuleMetric Parse(string text) =>
        TryParse(text, out var metric, out var error) ? metric : throw new FormatException(error);

    /// <summary>Parses the text of a rule's metric (names are case-sensitive, as the contract writes them).</summary>
    /// <param name="text">The rule's <c>metric</c>, e.g. <c>latencyP95</c> or <c>drift:amount</c>.</param>
    /// <param name="metric">The parsed metric, when the text is one.</param>
    /// <param name="error">Why the text is not a metric, in words a person can act on.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RuleMetric? metric, [NotNullWhen(false)] out string? error)
    {
        metric = null;
        if (string.IsNullOrEmpty(text))
        {
            error = $"required: one of {Known}";
            return false;
        }
        foreach (var (name, kind) in Plain)
        {
            if (text == name)
            {
                metric = new RuleMetric(kind, null);
                error = null;
                return true;
            }
        }
        var index = Array.FindIndex(Prefixed, candidate => text.StartsWith(candidate.Prefix, StringComparison.Ordinal));
        if (index < 0)
        {
            error = $"unknown metric '{text}': expected one of {Known}";
            return false;
        }
        var (prefix, prefixedKind, of, example) = Prefixed[index];
        var subject = text[prefix.Length..];
        var maxLength = of == "class" ? EventValidator.MaxTextLength : EventValidator.MaxFeatureNameLength;
        if (subject.Length is 0 || subject.Length > maxLength)
        {
            error = $"'{prefix}' needs a {of} name of 1–{maxLength} characters, e.g. {prefix}{example}";
            return false;
        }
        metric = new RuleMetric(prefixedKind, subject);
        error = null;
        return true;
    }

    /// <summary>The metric as a rule writes it, e.g. <c>latencyP95</c> or <c>drift:amount</c>.</summary>
    public override string ToString() => Kind switch
    {
        RuleMetricKind.FeatureDrift or RuleMetricKind.NullShare or RuleMetricKind.ClassPrecision or RuleMetricKind.ClassRecall or RuleMetricKind.ClassF1
            => Prefixed.First(metric => metric.Kind == Kind).Prefix + Feature,
        _ => Plain.First(metric => metric.Kind == Kind).Name,
    };

    /// <summary>A value of this metric for people: four significant digits, invariant culture, with its unit (<c>312.5 ms</c>, <c>40/s</c>).</summary>
    public string Format(double value) => MetricText.Format(ToString(), value);

    /// <summary>The value of a performance metric; null when the snapshot cannot compute it (accuracy without labels).</summary>
    /// <exception cref="InvalidOperationException">This is a drift metric: read it from a <see cref="DriftReport"/>.</exception>
    public double? ValueIn(MetricsSnapshot snapshot) => Kind switch
    {
        RuleMetricKind.Accuracy => snapshot.Accuracy,
        RuleMetricKind.ErrorRate => snapshot.ErrorRate,
        RuleMetricKind.LatencyMean => snapshot.Latency.Mean,
        RuleMetricKind.LatencyP50 => snapshot.Latency.P50,
        RuleMetricKind.LatencyP95 => snapshot.Latency.P95,
        RuleMetricKind.LatencyP99 => snapshot.Latency.P99,
        RuleMetricKind.Throughput => snapshot.ThroughputPerSec,
        RuleMetricKind.Mae => snapshot.Mae,
        RuleMetricKind.Rmse => snapshot.Rmse,
        RuleMetricKind.Precision => snapshot.Precision,
        RuleMetricKind.Recall => snapshot.Recall,
        RuleMetricKind.F1 => snapshot.F1,
        RuleMetricKind.RocAuc => snapshot.RocAuc,
        RuleMetricKind.LogLoss => snapshot.LogLoss,
        RuleMetricKind.Mape => snapshot.Mape,
        RuleMetricKind.R2 => snapshot.R2,
        RuleMetricKind.ClassPrecision => ClassScoresIn(snapshot)?.Precision,
        RuleMetricKind.ClassRecall => ClassScoresIn(snapshot)?.Recall,
        RuleMetricKind.ClassF1 => ClassScoresIn(snapshot)?.F1,
        _ => throw new InvalidOperationException($"{this} is a drift metric: read it from the drift report."),
    };

    /// <summary>The scores of this metric's class; null when no event was predicted or labelled with it.</summary>
    private ClassScores? ClassScoresIn(MetricsSnapshot snapshot) => snapshot.Classes?.PerClass.FirstOrDefault(scores => scores.Class == Feature);

    /// <summary>
    /// The value of a drift metric; null when the report compares nothing (no baseline, no events in the range) or the
    /// feature is not in it or has no score.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is a performance metric: read it from a <see cref="MetricsSnapshot"/>.</exception>
    public double? ValueIn(DriftReport report)
    {
        if (!IsDrift)
        {
            throw new InvalidOperationException($"{this} is a performance metric: read it from the metrics snapshot.");
        }
        if (report.Baseline is null || report.Window.Count == 0 || report.Features.Count == 0)
        {
            return null;
        }
        if (Kind == RuleMetricKind.DriftShare)
        {
            return report.DriftShare;
        }
        var feature = report.Features.FirstOrDefault(view => view.Name == Feature);
        return Kind == RuleMetricKind.FeatureDrift ? feature?.Score : feature?.NullShare;
    }
}
