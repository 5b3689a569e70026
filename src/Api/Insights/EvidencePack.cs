using ModelOps.Contracts;

namespace ModelOps.Api.Insights;

/// <summary>The numbered evidence of an alert (<c>E1</c>, <c>E2</c>, …) and the findings it states, for the analyst to reason over.</summary>
public sealed record EvidencePack(IReadOnlyList<InsightEvidence> Items, InsightSignals Signals)
{
    public bool Contains(string id) => Items.Any(item => item.Id == id);
}

/// <summary>What the rule watches, as far as causes go.</summary>
public enum RuleFocus
{
    Quality,
    Latency,
    Errors,
    Traffic,
    Drift,
    Nulls,
}

/// <summary>A feature's finding: how strong it is (<see cref="Strength"/>, see where it is made) and the evidence that states it.</summary>
public sealed record FeatureSignal(string Feature, double Strength, string Evidence);

/// <summary>A metric before and in the period that broke the rule, and the evidence that states it.</summary>
public sealed record MetricChange(double? Before, double? At, string Evidence)
{
    /// <summary>At divided by before, when both are known and before is positive.</summary>
    public double? Ratio => Before is > 0 && At is { } at ? at / Before.Value : null;

    public double? Difference => Before is { } before && At is { } at ? at - before : null;
}

/// <summary>The findings of an <see cref="EvidencePack"/>, each with the id of the evidence that states it.</summary>
public sealed record InsightSignals
{
    public required string ModelId { get; init; }
    public required string RuleEvidence { get; init; }
    public RuleFocus Focus { get; init; }

    /// <summary>True when the rule breaks on high values (<c>&gt;</c>, <c>&gt;=</c>).</summary>
    public bool BreaksHigh { get; init; }

    /// <summary>The feature a <c>drift:</c> or <c>nullShare:</c> rule watches.</summary>
    public string? WatchedFeature { get; init; }

    public string? SeriesEvidence { get; init; }

    /// <summary>The drift report compared data with a baseline, so "no drift" is known rather than assumed.</summary>
    public bool DriftKnown { get; init; }

    public string? DriftEvidence { get; init; }
    public bool DatasetDrift { get; init; }

    /// <summary>Drifted features, strongest first; strength is the score's distance past its threshold (threshold/p-value or distance/threshold).</summary>
    public IReadOnlyList<FeatureSignal> DriftedFeatures { get; init; } = [];

    /// <summary>Features whose share of missing values rose past the allowed increase; strength is the rise.</summary>
    public IReadOnlyList<FeatureSignal> NullRises { get; init; } = [];

    /// <summary>Features with categories the baseline never held; strength is their share of current values.</summary>
    public IReadOnlyList<FeatureSignal> UnseenCategories { get; init; } = [];

    /// <summary>Latency p95.</summary>
    public MetricChange? Latency { get; init; }

    public MetricChange? Errors { get; init; }
    public MetricChange? Throughput { get; init; }

    /// <summary>Accuracy (classification) or MAE (regression).</summary>
    public MetricChange? Quality { get; init; }

    public bool QualityHigherIsBetter { get; init; }

    public string? VersionEvidence { get; init; }
}
