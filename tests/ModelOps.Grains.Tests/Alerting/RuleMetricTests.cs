using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Tests.Alerting;

public sealed class RuleMetricTests
{
    private const string Known =
        "accuracy, errorRate, latencyMean, latencyP50, latencyP95, latencyP99, throughput, mae, rmse, driftShare, precision, recall, f1, rocAuc, logLoss, mape, r2, drift:<feature>, nullShare:<feature>, precision:<class>, recall:<class>, f1:<class>";

    private static readonly MetricsSnapshot Snapshot = new()
    {
        Window = TimeSpan.FromMinutes(5),
        Count = 1200,
        ThroughputPerSec = 4,
        Accuracy = 0.91,
        LabelCount = 800,
        ErrorRate = 0.02,
        Latency = new LatencyStats(14.2, 11, 31, 58),
        Mae = 1.5,
        Rmse = 2.5,
    };

    private static readonly DriftReport Report = new()
    {
        Window = new DriftRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), 5000),
        Baseline = new BaselineSummary(5000, "upload", DateTimeOffset.UnixEpoch),
        DriftShare = 0.5,
        DriftShareThreshold = 0.5,
        Features =
        [
            new() { Name = "amount", Method = "ks", Score = 0.0001, NullShare = 0.02 },
            new() { Name = "country", Method = "jensenShannon", Score = null, NullShare = null },
        ],
    };

    private static readonly (string Text, RuleMetricKind Kind, double? Value)[] Performance =
    [
        ("accuracy", RuleMetricKind.Accuracy, 0.91),
        ("errorRate", RuleMetricKind.ErrorRate, 0.02),
        ("latencyMean", RuleMetricKind.LatencyMean, 14.2),
        ("latencyP50", RuleMetricKind.LatencyP50, 11),
        ("latencyP95", RuleMetricKind.LatencyP95, 31),
        ("latencyP99", RuleMetricKind.LatencyP99, 58),
        ("throughput", RuleMetricKind.Throughput, 4),
        ("mae", RuleMetricKind.Mae, 1.5),
        ("rmse", RuleMetricKind.Rmse, 2.5),
    ];

    public static TheoryData<string, RuleMetricKind, double?> PerformanceMetrics => [.. Performance];

    [Theory]
    [MemberData(nameof(PerformanceMetrics))]
    public void A_performance_metric_parses_to_its_kind_and_reads_its_field_of_the_snapshot(string text, RuleMetricKind kind, double? expected)
    {
        var metric = RuleMetric.Parse(text);

        Assert.Equal(kind, metric.Kind);
        Assert.Null(metric.Feature);
        Assert.False(metric.IsDrift);
        Assert.Equal(text, metric.ToString());
        Assert.Equal(expected, metric.ValueIn(Snapshot));
    }

    [Fact]
    public void A_metric_the_snapshot_cannot_compute_reads_as_null()
    {
        var empty = new MetricsSnapshot { Latency = new LatencyStats(null, null, null, null) };

        Assert.Equal(
            [null, null, null, null, null, null, 0.0, null, null],
            Performance.Select(metric => RuleMetric.Parse(metric.Text).ValueIn(empty)));
    }

    [Fact]
    public void Drift_metrics_parse_with_their_feature_and_read_the_drift_report()
    {
        var share = RuleMetric.Parse("driftShare");
        var drift = RuleMetric.Parse("drift:amount");
        var nulls = RuleMetric.Parse("nullShare:amount");

        Assert.Equal((RuleMetricKind.DriftShare, (string?)null, true), (share.Kind, share.Feature, share.IsDrift));
        Assert.Equal((RuleMetricKind.FeatureDrift, "amount", true), (drift.Kind, drift.Feature, drift.IsDrift));
        Assert.Equal((RuleMetricKind.NullShare, "amount", true), (nulls.Kind, nulls.Feature, nulls.IsDrift));
        Assert.Equal("drift:amount", drift.ToString());
        Assert.Equal("nullShare:amount", nulls.ToString());
        Assert.Equal(0.5, share.ValueIn(Report));
        Assert.Equal(0.0001, drift.ValueIn(Report));
        Assert.Equal(0.02, nulls.ValueIn(Report));
    }

    [Fact]
    public void A_feature_without_a_score_or_missing_from_the_report_reads_as_null()
    {
        Assert.Null(RuleMetric.Parse("drift:country").ValueIn(Report));
        Assert.Null(RuleMetric.Parse("nullShare:country").ValueIn(Report));
        Assert.Null(RuleMetric.Parse("drift:age").ValueIn(Report));
        Assert.Null(RuleMetric.Parse("nullShare:age").ValueIn(Report));
    }

    [Fact]
    public void A_report_that_compares_nothing_gives_no_drift_value()
    {
        var noBaseline = Report with { Baseline = null, Features = [], Message = "no baseline yet" };
        var emptyRange = Report with { Window = new DriftRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0), DriftShare = 0 };

        foreach (var text in new[] { "driftShare", "drift:amount", "nullShare:amount" })
        {
            Assert.Null(RuleMetric.Parse(text).ValueIn(noBaseline));
            Assert.Null(RuleMetric.Parse(text).ValueIn(emptyRange));
        }
    }

    [Fact]
    public void Reading_a_metric_from_the_other_source_is_a_programming_error()
    {
        var latency = Assert.Throws<InvalidOperationException>(() => RuleMetric.Parse("latencyP95").ValueIn(Report));
        var drift = Assert.Throws<InvalidOperationException>(() => RuleMetric.Parse("drift:amount").ValueIn(Snapshot));

        Assert.Equal("latencyP95 is a performance metric: read it from the metrics snapshot.", latency.Message);
        Assert.Equal("drift:amount is a drift metric: read it from the drift report.", drift.Message);
    }

    [Theory]
    [InlineData("acuracy", $"unknown metric 'acuracy': expected one of {Known}")]
    [InlineData("Accuracy", $"unknown metric 'Accuracy': expected one of {Known}")]
    [InlineData("drift", $"unknown metric 'drift': expected one of {Known}")]
    [InlineData("", $"required: one of {Known}")]
    [InlineData(null, $"required: one of {Known}")]
    [InlineData("drift:", "'drift:' needs a feature name of 1–128 characters, e.g. drift:amount")]
    [InlineData("nullShare:", "'nullShare:' needs a feature name of 1–128 characters, e.g. nullShare:amount")]
    public void An_unknown_metric_is_refused_with_the_list_of_known_ones(string? text, string error)
    {
        Assert.False(RuleMetric.TryParse(text, out var metric, out var reason));

        Assert.Null(metric);
        Assert.Equal(error, reason);
    }

    [Fact]
    public void A_feature_name_is_at_most_as_long_as_events_allow()
    {
        Assert.True(RuleMetric.TryParse("drift:" + new string('f', 128), out _, out _));
        Assert.False(RuleMetric.TryParse("drift:" + new string('f', 129), out _, out _));
        Assert.Equal(
            "'drift:' needs a feature name of 1–128 characters, e.g. drift:amount",
            Assert.Throws<FormatException>(() => RuleMetric.Parse("drift:" + new string('f', 129))).Message);
    }

    [Theory]
    [InlineData("accuracy", 0.712, "0.712")]
    [InlineData("accuracy", 1.0 / 3, "0.3333")]
    [InlineData("driftShare", 0.5, "0.5")]
    [InlineData("drift:amount", 0.00001234, "1.234E-05")]
    [InlineData("latencyP95", 312.46, "312.5 ms")]
    [InlineData("latencyMean", 250, "250 ms")]
    [InlineData("throughput", 40, "40/s")]
    [InlineData("throughput", 12345.6, "12346/s")]
    [InlineData("mae", -2.5, "-2.5")]
    public void Values_are_written_with_four_significant_digits_and_their_unit(string metric, double value, string text)
    {
        Assert.Equal(text, RuleMetric.Parse(metric).Format(value));
    }

    [Fact]
    public void Accuracy_is_for_classification_and_mae_and_rmse_for_regression()
    {
        Assert.Equal(ModelTask.Classification, RuleMetric.Parse("accuracy").OnlyFor);
        Assert.Equal(ModelTask.Regression, RuleMetric.Parse("mae").OnlyFor);
        Assert.Equal(ModelTask.Regression, RuleMetric.Parse("rmse").OnlyFor);
        Assert.Null(RuleMetric.Parse("errorRate").OnlyFor);
        Assert.Null(RuleMetric.Parse("drift:amount").OnlyFor);
    }

    [Fact]
    public void Metrics_are_equal_by_kind_and_feature()
    {
        Assert.Equal(RuleMetric.Parse("drift:amount"), RuleMetric.Parse("drift:amount"));
        Assert.NotEqual(RuleMetric.Parse("drift:amount"), RuleMetric.Parse("drift:country"));
        Assert.NotEqual(RuleMetric.Parse("drift:amount"), RuleMetric.Parse("nullShare:amount"));
    }

    [Fact]
    public void The_label_metrics_are_read_from_the_snapshot_and_a_class_metric_from_its_class()
    {
        var snapshot = Snapshot with
        {
            Precision = 0.8, Recall = 0.6, F1 = 0.7, RocAuc = 0.91, LogLoss = 0.3, Mape = 0.12, R2 = 0.75,
            Classes = new ClassificationReport
            {
                Labels = ["legit", "fraud"],
                Confusion = [[5, 1], [2, 3]],
                PerClass = [new ClassScores("legit", 0.71, 0.83, 0.77, 6), new ClassScores("fraud", 0.75, 0.6, 0.67, 5)],
                Macro = new ClassScores(null, 0.73, 0.715, 0.72, 11),
                Weighted = new ClassScores(null, 0.73, 0.72, 0.72, 11),
            },
        };

        Assert.Equal(0.8, RuleMetric.Parse("precision").ValueIn(snapshot));
        Assert.Equal(0.6, RuleMetric.Parse("recall").ValueIn(snapshot));
        Assert.Equal(0.7, RuleMetric.Parse("f1").ValueIn(snapshot));
        Assert.Equal(0.91, RuleMetric.Parse("rocAuc").ValueIn(snapshot));
        Assert.Equal(0.3, RuleMetric.Parse("logLoss").ValueIn(snapshot));
        Assert.Equal(0.12, RuleMetric.Parse("mape").ValueIn(snapshot));
        Assert.Equal(0.75, RuleMetric.Parse("r2").ValueIn(snapshot));
        Assert.Equal(0.75, RuleMetric.Parse("precision:fraud").ValueIn(snapshot));
        Assert.Equal(0.83, RuleMetric.Parse("recall:legit").ValueIn(snapshot));
        Assert.Equal(0.67, RuleMetric.Parse("f1:fraud").ValueIn(snapshot));
        Assert.Null(RuleMetric.Parse("f1:unknown").ValueIn(snapshot));
        Assert.Null(RuleMetric.Parse("f1:fraud").ValueIn(Snapshot));
        Assert.Equal("precision:fraud", RuleMetric.Parse("precision:fraud").ToString());
        Assert.Equal("fraud", RuleMetric.Parse("precision:fraud").Feature);
    }

    [Theory]
    [InlineData("precision:", "'precision:' needs a class name of 1–1024 characters, e.g. precision:fraud")]
    [InlineData("recall:", "'recall:' needs a class name of 1–1024 characters, e.g. recall:fraud")]
    [InlineData("f1:", "'f1:' needs a class name of 1–1024 characters, e.g. f1:fraud")]
    public void A_class_metric_needs_a_class(string text, string error)
    {
        Assert.False(RuleMetric.TryParse(text, out _, out var reason));
        Assert.Equal(error, reason);
    }

    [Fact]
    public void Classification_scores_are_for_classification_and_mape_and_r2_for_regression()
    {
        foreach (var text in new[] { "precision", "recall", "f1", "rocAuc", "logLoss", "precision:a", "recall:a", "f1:a" })
        {
            Assert.Equal(ModelTask.Classification, RuleMetric.Parse(text).OnlyFor);
        }
        Assert.Equal(ModelTask.Regression, RuleMetric.Parse("mape").OnlyFor);
        Assert.Equal(ModelTask.Regression, RuleMetric.Parse("r2").OnlyFor);
    }
}
