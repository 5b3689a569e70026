using ModelOps.Contracts;
using ModelOps.Grains.Insights;

namespace ModelOps.Api.Tests.Insights;

/// <summary>Facts of alerts in the situations the analyst must tell apart, with round numbers and fixed times.</summary>
public static class InsightScenarios
{
    /// <summary>When every scenario's alert started.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    public static AlertView Alert(string metric, string op, double threshold, double value, string ruleId = "rule-1", string title = "Rule one") => new()
    {
        Id = "fraud-7",
        ModelId = "fraud",
        RuleId = ruleId,
        Title = title,
        Message = "",
        Severity = AlertSeverity.Critical,
        State = AlertState.Firing,
        Metric = metric,
        Op = op,
        Threshold = threshold,
        Value = value,
        StartedAt = Start,
        FiredAt = Start.AddMinutes(1),
    };

    /// <summary>One minute of traffic at 25 events per second.</summary>
    public static MetricsSnapshot Minute(double p95 = 20, double errorRate = 0, double? accuracy = 0.95, double throughput = 25) => new()
    {
        Window = TimeSpan.FromMinutes(1),
        Count = (long)(throughput * 60),
        ThroughputPerSec = throughput,
        Accuracy = accuracy,
        LabelCount = accuracy is null ? 0 : 1000,
        ErrorRate = errorRate,
        Latency = new LatencyStats(p95 / 2, p95 / 2, p95, p95 * 2),
    };

    public static MetricsSnapshot Now(MetricsSnapshot like) => like with
    {
        Window = TimeSpan.FromMinutes(5),
        Count = like.Count * 5,
        LabelCount = like.LabelCount * 5,
    };

    public static InsightFacts Facts(AlertView alert, MetricsSnapshot before, MetricsSnapshot at, DriftReport? drift, ModelTask task = ModelTask.Classification) => new()
    {
        Alert = alert,
        Rule = new AlertRule { Id = alert.RuleId, Metric = alert.Metric, Op = alert.Op, Threshold = alert.Threshold, For = Duration.FromMinutes(1), Window = Duration.FromMinutes(1) },
        Task = task,
        Version = "2.3.0",
        Before = new PeriodMetrics(Start.AddSeconds(-119), Start.AddSeconds(-60), before, PerMinute: false),
        At = new PeriodMetrics(Start.AddSeconds(-59), Start, at, PerMinute: false),
        Now = Now(at),
        Drift = drift,
        CollectedAt = Start.AddMinutes(2),
    };

    public static DriftReport Drift(params FeatureDriftView[] features)
    {
        var drifted = features.Count(feature => feature.Drifted);
        var share = features.Length == 0 ? 0 : (double)drifted / features.Length;
        return new DriftReport
        {
            ComputedAt = Start.AddMinutes(2),
            Window = new DriftRange(Start.AddHours(-1), Start.AddMinutes(2), 5000),
            Baseline = new BaselineSummary(1000, "auto", Start.AddHours(-3)),
            DatasetDrift = share >= 0.5,
            DriftShare = share,
            DriftShareThreshold = 0.5,
            Features = features,
        };
    }

    /// <summary>A numeric feature over baseline bins 0–10–20–30–40, its current values counted per bin (under-flow and over-flow at the ends).</summary>
    public static FeatureDriftView Numeric(string name, double score, bool drifted, long[] currentCounts, double nullShare = 0, double baselineNullShare = 0, bool nullShareDrift = false) => new()
    {
        Name = name,
        Type = FeatureType.Numeric,
        Method = "wasserstein",
        Threshold = 0.1,
        Score = score,
        Drifted = drifted,
        NullShare = nullShare,
        BaselineNullShare = baselineNullShare,
        NullShareDrift = nullShareDrift,
        BaselineHistogram = new Histogram([0, 10, 20, 30, 40], [0, 250, 250, 250, 250, 0]),
        CurrentHistogram = new Histogram([0, 10, 20, 30, 40], currentCounts),
    };

    public static FeatureDriftView Categorical(string name, double score, bool drifted, Dictionary<string, long> current, string[]? newCategories = null) => new()
    {
        Name = name,
        Type = FeatureType.Categorical,
        Method = "jensenShannon",
        Threshold = 0.1,
        Score = score,
        Drifted = drifted,
        NullShare = 0,
        BaselineCounts = new Dictionary<string, long> { ["DE"] = 600, ["FR"] = 300, ["US"] = 100 },
        CurrentCounts = current,
        NewCategories = newCategories ?? [],
    };

    public static FeatureDriftView SteadyAmount => Numeric("amount", 0.02, drifted: false, [0, 250, 250, 250, 250, 0]);

    public static FeatureDriftView SteadyCountry => Categorical("country", 0.01, drifted: false, new() { ["DE"] = 600, ["FR"] = 300, ["US"] = 100 });
}
