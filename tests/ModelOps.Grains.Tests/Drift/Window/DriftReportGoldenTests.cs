using System.Text.Json;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;
using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Tests.Drift.Window;

/// <summary>
/// Whole drift reports against scipy: the raw rows of tests/golden/drift_report_golden.json go through
/// <see cref="BaselineProfile"/>, a <see cref="DriftWindow"/> and <see cref="DriftReportBuilder"/>, and every verdict and
/// score of the report is held against what tests/golden/drift_report_golden.py computed on the same raw values.
/// </summary>
public sealed class DriftReportGoldenTests
{
    /// <summary>Issue 3: categorical statistics agree with scipy to 1e-6.</summary>
    private const double CategoricalTolerance = 1e-6;

    /// <summary>
    /// Statistics that are 0 in exact arithmetic keep rounding of this order on either side (scipy's χ² of identical
    /// counts is 8e-30); p-values get no such floor, since a tiny p-value is the point of the test.
    /// </summary>
    private const double ZeroFloor = 1e-12;

    /// <summary>
    /// numpy places the k-th percentile at (n − 1)·(k · 0.01), <see cref="FeatureBinning"/> at (n − 1)·k / 100; the two
    /// round apart in the last bits (2e-15 relative at most here), so an edge may sit a few ulps from numpy's. No value
    /// lies that close to an edge, so the counts must still match exactly.
    /// </summary>
    private const double EdgeTolerance = 1e-14;

    /// <summary>Issue 3: on continuous data of at least 5000 points a side, binned KS is within 0.01 of the raw-sample statistic.</summary>
    private const double KsNearRaw = 0.01;

    /// <summary>Issue 3: on the same data, binned normed Wasserstein is within 5 % of the raw-sample distance.</summary>
    private const double WassersteinNearRaw = 0.05;

    private const long Now = 1_000_000;
    private static readonly DateTimeOffset ComputedAt = DateTimeOffset.FromUnixTimeSeconds(Now);

    /// <summary>Each scenario's report in each detail, built once: the large scenario has over 11 000 rows.</summary>
    private static readonly Dictionary<(string Scenario, DriftReportDetail Detail), DriftReport> Reports = [];

    public static TheoryData<string> Scenarios => [.. DriftReportGolden.Load.Scenarios.Select(scenario => scenario.Name)];

    public static TheoryData<string, string> CategoricalFeatures => ScoredFeatures(feature => feature.Categories is not null);

    public static TheoryData<string, string> NumericFeatures => ScoredFeatures(feature => feature.Raw is not null);

    public static TheoryData<string, string> NumericFeaturesNearRaw => ScoredFeatures(feature => feature.NearRaw);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_feature_gets_the_default_method_threshold_and_verdict_scipy_gives_on_the_raw_data(string scenario)
    {
        var (golden, report) = Build(scenario);

        Assert.Equal(golden.Expected.Features.Select(feature => feature.Name), report.Features.Select(feature => feature.Name));
        foreach (var (expected, actual) in golden.Expected.Features.Zip(report.Features))
        {
            Assert.Equal(
                (expected.Type, expected.Method, expected.Threshold, expected.Drifted),
                (actual.Type, actual.Method, actual.Threshold, actual.Drifted));
            Assert.Equal(expected.Score is null, actual.Score is null);
            if (actual.Score is not null)
            {
                Assert.Equal(actual.Scores[ScoreKey(actual.Method)], actual.Score);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Null_shares_new_categories_and_the_dataset_verdict_are_those_of_the_raw_rows(string scenario)
    {
        var (golden, report) = Build(scenario);

        foreach (var (expected, actual) in golden.Expected.Features.Zip(report.Features))
        {
            Assert.Equal(
                (expected.Name, expected.NullShare, expected.BaselineNullShare, expected.NullShareDrift),
                (actual.Name, actual.NullShare, actual.BaselineNullShare, actual.NullShareDrift));
            Assert.Equal(expected.NewCategories ?? [], actual.NewCategories);
        }
        Assert.Equal(
            (golden.Expected.WindowCount, golden.Expected.DatasetDrift, golden.Expected.DriftShare, DatasetDrift.DefaultShareThreshold),
            (report.Window.Count, report.DatasetDrift, report.DriftShare, report.DriftShareThreshold));
        Assert.Equal(golden.Expected.EmptyWindow ? DriftReportBuilder.EmptyRangeMessage : null, report.Message);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_report_serializes_without_NaN_or_Infinity_and_an_empty_window_scores_nothing(string scenario)
    {
        var (golden, report) = Build(scenario);

        var json = JsonSerializer.Serialize(report, ModelOpsJsonContext.Default.DriftReport);

        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        if (golden.Expected.EmptyWindow)
        {
            Assert.All(report.Features, feature => Assert.Equal(
                (null, null, false, false, 0),
                (feature.Score, feature.NullShare, feature.Drifted, feature.NullShareDrift, feature.Scores.Count)));
        }
    }

    [Theory]
    [MemberData(nameof(CategoricalFeatures))]
    public void Categorical_and_discrete_counts_and_every_score_equal_scipy_to_a_millionth(string scenario, string name)
    {
        var (expected, actual) = Feature(scenario, name);

        Assert.Equal(Map(expected.Categories!, expected.BaselineCounts!), actual.BaselineCounts);
        Assert.Equal(Map(expected.Categories!, expected.CurrentCounts!), actual.CurrentCounts);
        Assert.Equal(expected.Scores.Keys.Order(), actual.Scores.Keys.Order());
        foreach (var (key, value) in expected.Scores)
        {
            AgreesWithScipy(key, value, actual.Scores[key], CategoricalTolerance, $"{scenario}.{name} {key}");
        }
    }

    [Theory]
    [MemberData(nameof(NumericFeatures))]
    public void Numeric_histograms_are_numpys_quantile_bins_and_the_binned_scores_equal_scipy_on_them(string scenario, string name)
    {
        var (expected, actual) = Feature(scenario, name);

        Assert.Equal(expected.Edges!.Length, actual.BaselineHistogram!.Edges.Count);
        foreach (var (numpy, ours) in expected.Edges.Zip(actual.BaselineHistogram.Edges))
        {
            Tolerance.Relative(numpy, ours, EdgeTolerance, $"{scenario}.{name} edge");
        }
        Assert.Equal(actual.BaselineHistogram.Edges, actual.CurrentHistogram!.Edges);
        Assert.Equal(expected.BaselineCounts!, actual.BaselineHistogram.Counts);
        Assert.Equal(expected.CurrentCounts!, actual.CurrentHistogram.Counts);
        Assert.Equal(expected.Scores.Keys.Append("wasserstein").Order(), actual.Scores.Keys.Order());
        foreach (var (key, value) in expected.Scores)
        {
            AgreesWithScipy(key, value, actual.Scores[key], Tolerance.ClosedForm, $"{scenario}.{name} {key}");
        }
    }

    [Theory]
    [MemberData(nameof(NumericFeatures))]
    public void Binned_ks_lies_below_the_raw_statistic_by_at_most_the_largest_bin_share_and_keeps_scipys_raw_verdict(string scenario, string name)
    {
        var (expected, actual) = Feature(scenario, name);
        var binned = actual.Scores["ks"];

        // Both binned CDFs equal the raw ones at every bin boundary and move by at most a bin's share inside it.
        Assert.InRange(expected.Raw!.Ks - binned, -ZeroFloor, expected.KsBinningBound!.Value);
        Assert.Equal(KolmogorovSmirnov.Descriptor.IsDrifted(expected.Raw.KsPValue), KolmogorovSmirnov.Descriptor.IsDrifted(actual.Scores["ksPValue"]));
    }

    [Theory]
    [MemberData(nameof(NumericFeatures))]
    public void Binned_wasserstein_lies_within_the_binning_bound_of_the_raw_distance(string scenario, string name)
    {
        var (expected, actual) = Feature(scenario, name);

        Assert.InRange(actual.Scores["wasserstein"] - expected.Raw!.Wasserstein, -expected.WassersteinBinningBound!.Value, expected.WassersteinBinningBound.Value);
    }

    [Theory]
    [MemberData(nameof(NumericFeaturesNearRaw))]
    public void On_5000_points_binned_ks_is_within_a_hundredth_and_wasserstein_within_five_percent_of_raw(string scenario, string name)
    {
        var (expected, actual) = Feature(scenario, name);

        Tolerance.Absolute(expected.Raw!.Ks, actual.Scores["ks"], KsNearRaw, $"{scenario}.{name} KS vs raw samples");
        Tolerance.Relative(expected.Raw.Wasserstein, actual.Scores["wasserstein"], WassersteinNearRaw, $"{scenario}.{name} Wasserstein vs raw samples");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_drift_ticks_verdicts_only_report_gives_the_full_reports_verdicts_null_shares_and_rule_values(string scenario)
    {
        var (_, full) = Build(scenario);
        var (_, verdicts) = Build(scenario, DriftReportDetail.Verdicts);

        Assert.Equal(
            (full.Window, full.Message, full.DatasetDrift, full.DriftShare, full.DriftShareThreshold),
            (verdicts.Window, verdicts.Message, verdicts.DatasetDrift, verdicts.DriftShare, verdicts.DriftShareThreshold));
        Assert.Equal(full.Features.Select(Verdict), verdicts.Features.Select(Verdict));
        Assert.Equal(DriftReportBuilder.Summary(full).DriftedFeatures, DriftReportBuilder.Summary(verdicts).DriftedFeatures);
        var metrics = full.Features
            .SelectMany(feature => new[] { RuleMetric.DriftPrefix + feature.Name, RuleMetric.NullSharePrefix + feature.Name })
            .Append("driftShare")
            .Select(RuleMetric.Parse);
        Assert.All(metrics, metric => Assert.Equal(metric.ValueIn(full), metric.ValueIn(verdicts)));
        foreach (var (every, selected) in full.Features.Zip(verdicts.Features))
        {
            var selectedMethod = every.Scores.Where(score => score.Key == every.Method || score.Key == every.Method + "PValue");
            Assert.Equal(selectedMethod.ToDictionary(), selected.Scores);
            Assert.Equal((null, null, null, null, 0), (selected.BaselineHistogram, selected.CurrentHistogram, selected.BaselineCounts, selected.CurrentCounts, selected.NewCategories.Count));
        }
    }

    private static object Verdict(FeatureDriftView feature) => (
        feature.Name, feature.Type, feature.Method, feature.Threshold, feature.Score, feature.Drifted,
        feature.NullShare, feature.BaselineNullShare, feature.NullShareDrift);

    private static TheoryData<string, string> ScoredFeatures(Func<GoldenFeature, bool> predicate) =>
    [
        .. DriftReportGolden.Load.Scenarios.SelectMany(scenario => scenario.Expected.Features
            .Where(feature => feature.Score is not null && predicate(feature))
            .Select(feature => (scenario.Name, feature.Name))),
    ];

    private static (GoldenFeature Expected, FeatureDriftView Actual) Feature(string scenario, string name)
    {
        var (golden, report) = Build(scenario);
        return (golden.Expected.Features.Single(feature => feature.Name == name), report.Features.Single(feature => feature.Name == name));
    }

    /// <summary>The scenario's rows through the real pipeline: baseline profile, drift window, report builder.</summary>
    private static (GoldenScenario Golden, DriftReport Report) Build(string name, DriftReportDetail detail = DriftReportDetail.Full)
    {
        var golden = DriftReportGolden.Load.Scenarios.Single(scenario => scenario.Name == name);
        lock (Reports)
        {
            if (!Reports.TryGetValue((name, detail), out var report))
            {
                var baseline = BaselineProfile.Build(golden.BaselineRows, golden.Features);
                var window = new DriftWindow(baseline);
                foreach (var row in golden.CurrentRows)
                {
                    Assert.True(window.Record(row, Now, Now));
                }
                report = DriftReportBuilder.Build(
                    baseline, new BaselineSummary(baseline.RowCount, "upload", ComputedAt), window.Merge(Now), new Dictionary<string, DriftOverride>(), ComputedAt,
                    detail: detail);
                Reports[(name, detail)] = report;
            }
            return (golden, report);
        }
    }

    private static void AgreesWithScipy(string key, double expected, double? actual, double relativeTolerance, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected:R}, got no score.");
        var allowed = relativeTolerance * Math.Abs(expected) + (key.EndsWith("PValue", StringComparison.Ordinal) ? 0 : ZeroFloor);
        Assert.True(
            Math.Abs(actual.Value - expected) <= allowed,
            $"{what}: expected {expected:R}, got {actual.Value:R} (allowed difference {allowed:E2}).");
    }

    /// <summary>The key of the selected score in <c>scores</c>: a test's p-value, or the distance.</summary>
    private static string ScoreKey(string method) =>
        DriftStatisticCatalog.Find(method)!.Direction == DriftDirection.DistanceAtLeast ? method : method + "PValue";

    private static Dictionary<string, long> Map(string[] categories, long[] counts) =>
        categories.Zip(counts).ToDictionary(entry => entry.First, entry => entry.Second);
}

/// <summary>The scenarios of tests/golden/drift_report_golden.json, written by scipy through tests/golden/drift_report_golden.py.</summary>
internal sealed record DriftReportGolden(IReadOnlyList<GoldenScenario> Scenarios)
{
    public static DriftReportGolden Load { get; } = JsonSerializer.Deserialize<DriftReportGolden>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "drift_report_golden.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("drift_report_golden.json is empty.");
}

/// <summary>A model's declared features, its baseline rows and current rows (null for a missing value), and the report scipy expects.</summary>
internal sealed record GoldenScenario(
    string Name,
    FeatureDefinition[] Features,
    Dictionary<string, ScalarValue>[] BaselineRows,
    Dictionary<string, ScalarValue>[] CurrentRows,
    GoldenReport Expected);

internal sealed record GoldenReport(long WindowCount, bool EmptyWindow, bool DatasetDrift, double DriftShare, GoldenFeature[] Features);

/// <summary>
/// One feature of the expected report. <see cref="Score"/> is the selected method's score on scipy's terms (for
/// <c>wasserstein</c> the raw-sample distance); <see cref="Scores"/> every score the report must equal: exact for
/// categorical and discrete features, on the report's bins for numeric ones, where <c>wasserstein</c> is bounded
/// against <see cref="Raw"/> instead.
/// </summary>
internal sealed record GoldenFeature(
    string Name,
    FeatureType Type,
    string Method,
    double Threshold,
    double? Score,
    bool Drifted,
    double? NullShare,
    double BaselineNullShare,
    bool NullShareDrift,
    Dictionary<string, double> Scores,
    string[]? Categories,
    string[]? NewCategories,
    double[]? Edges,
    long[]? BaselineCounts,
    long[]? CurrentCounts,
    RawSampleValues? Raw,
    double? KsBinningBound,
    double? WassersteinBinningBound,
    bool NearRaw);
