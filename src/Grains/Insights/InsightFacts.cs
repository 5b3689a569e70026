using ModelOps.Contracts;

namespace ModelOps.Grains.Insights;

/// <summary>
/// What a model knows about one of its alerts, gathered in one grain call for the insight's evidence: the alert and its
/// rule, the metrics of the period that broke the rule and of the period before it, the metrics now, the drift report and
/// the model's latest version change.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.InsightFacts")]
public sealed record InsightFacts
{
    [Id(0)] public required AlertView Alert { get; init; }

    /// <summary>The rule as it is now; null when it was removed since the alert opened.</summary>
    [Id(1)] public AlertRule? Rule { get; init; }

    [Id(2)] public ModelTask Task { get; init; }
    [Id(3)] public required string Version { get; init; }

    /// <summary>The version before the latest change, and when it changed; null when the version never changed.</summary>
    [Id(4)] public string? PreviousVersion { get; init; }

    [Id(5)] public DateTimeOffset? VersionChangedAt { get; init; }

    /// <summary>The rule's window ending when the alert started (what broke the rule); null when nothing of it is kept.</summary>
    [Id(6)] public PeriodMetrics? At { get; init; }

    /// <summary>The period of the same length just before <see cref="At"/>.</summary>
    [Id(7)] public PeriodMetrics? Before { get; init; }

    /// <summary>The model's rolling window now.</summary>
    [Id(8)] public required MetricsSnapshot Now { get; init; }

    /// <summary>The drift report over the drift window now, with both distributions; null without a baseline.</summary>
    [Id(9)] public DriftReport? Drift { get; init; }

    [Id(10)] public DateTimeOffset CollectedAt { get; init; }

    /// <summary>The most features the model holds (<c>ModelOps:MaxFeatures</c>).</summary>
    [Id(11)] public int MaxFeatures { get; init; }

    /// <summary>New feature names that events brought while the model held <see cref="MaxFeatures"/>, not learned.</summary>
    [Id(12)] public long IgnoredFeatures { get; init; }

    /// <summary>The first few of those names.</summary>
    [Id(13)] public IReadOnlyList<string> IgnoredFeatureExamples { get; init; } = [];
}

/// <summary>
/// The metrics of one period, <see cref="From"/> to <see cref="To"/> inclusive of whole seconds. <see cref="PerMinute"/>:
/// the period had left the per-second window and was read from the per-minute history, so its accuracy and latency are
/// per-minute values averaged by event count (counts, error rate and throughput stay exact).
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.PeriodMetrics")]
public sealed record PeriodMetrics(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] MetricsSnapshot Metrics,
    [property: Id(3)] bool PerMinute);
