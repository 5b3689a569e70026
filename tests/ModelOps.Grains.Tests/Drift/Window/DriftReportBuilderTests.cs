using System.Text.Json;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Tests.Drift.Window;

public sealed class DriftReportBuilderTests
{
    private const long Now = 100_000;
    private static readonly DateTimeOffset ComputedAt = DateTimeOffset.FromUnixTimeSeconds(Now);
    private static readonly string[] Countries = ["DE", "FR", "IT"];
    private static readonly FeatureDefinition[] Declared =
    [
        new() { Name = "amount", Type = FeatureType.Numeric },
        new() { Name = "country", Type = FeatureType.Categorical },
    ];

    [Fact]
    public void Identical_data_has_drifted_nowhere()
    {
        var rows = Rows(2000, i => Row(i % 200 * 0.5, Countries[i % 3]));
        var baseline = BaselineProfile.Build(rows, Declared);

        var report = Report(baseline, rows);

        Assert.Null(report.Message);
        Assert.Equal(new DriftRange(DateTimeOffset.FromUnixTimeSeconds(96_420), DateTimeOffset.FromUnixTimeSeconds(Now + 1), 2000), report.Window);
        Assert.Equal(new BaselineSummary(2000, "upload", ComputedAt), report.Baseline);
        Assert.Equal(["wasserstein", "jensenShannon"], report.Features.Select(feature => feature.Method));
        Assert.All(report.Features, feature => Assert.Equal(0.0, feature.Score!.Value, 12));
        Assert.All(report.Features, feature => Assert.False(feature.Drifted || feature.NullShareDrift));
        Assert.Equal((false, 0.0, 0.5), (report.DatasetDrift, report.DriftShare, report.DriftShareThreshold));
        Assert.Empty(DriftReportBuilder.Summary(report).DriftedFeatures);
    }

    [Theory]
    [InlineData(500, "ks", 0.05)]
    [InlineData(2000, "wasserstein", 0.1)]
    public void A_shifted_numeric_feature_drifts_by_the_default_method_for_its_baseline_size(int rowCount, string method, double threshold)
    {
        var baseline = BaselineProfile.Build(Rows(rowCount, i => Row(i % 250, Countries[i % 3])), Declared);

        var report = Report(baseline, Rows(rowCount, i => Row(i % 250 + 100, Countries[i % 3])));

        var amount = report.Features[0];
        Assert.Equal((method, threshold, true), (amount.Method, amount.Threshold, amount.Drifted));
        Assert.Equal(amount.Scores[method == "ks" ? "ksPValue" : method], amount.Score);
        Assert.Equal(baseline.Find("amount")!.Binning.Edges, amount.BaselineHistogram!.Edges);
        Assert.Equal(baseline.Find("amount")!.Counts.SlotCounts.ToArray(), amount.BaselineHistogram.Counts);
        Assert.Equal(amount.BaselineHistogram.Edges, amount.CurrentHistogram!.Edges);
        Assert.Equal(rowCount * 2 / 5, amount.CurrentHistogram.Counts[^1]);
        Assert.Equal(rowCount, amount.CurrentHistogram.Counts.Sum());
        Assert.Null(amount.BaselineCounts);
        Assert.Equal((true, 0.5), (report.DatasetDrift, report.DriftShare));
        var summary = DriftReportBuilder.Summary(report);
        Assert.Equal((true, 0.5), (summary.DatasetDrift, summary.DriftShare));
        Assert.Equal(["amount"], summary.DriftedFeatures);
    }

    [Fact]
    public void A_category_the_baseline_never_held_is_listed_as_new_and_drifts_the_feature()
    {
        var baseline = BaselineProfile.Build(Rows(2000, i => Row(i % 200, Countries[i % 3])), Declared);

        var report = Report(baseline, Rows(2000, i => Row(i % 200, i % 4 == 0 ? "ES" : Countries[i % 3])));

        var country = report.Features[1];
        Assert.Equal(["ES"], country.NewCategories);
        Assert.Equal(new Dictionary<string, long> { ["DE"] = 667, ["FR"] = 667, ["IT"] = 666, ["ES"] = 0 }, country.BaselineCounts);
        Assert.Equal(new Dictionary<string, long> { ["DE"] = 500, ["FR"] = 500, ["IT"] = 500, ["ES"] = 500 }, country.CurrentCounts);
        Assert.Equal(("jensenShannon", true), (country.Method, country.Drifted));
        Assert.InRange(country.Score!.Value, 0.30, 0.32);
        Assert.Null(country.BaselineHistogram);
    }

    [Fact]
    public void A_null_share_rising_by_a_fifth_is_drift_of_its_own()
    {
        var baseline = BaselineProfile.Build(Rows(2000, i => Row(i % 10 == 0 ? null : i % 200, Countries[i % 3])), Declared);

        var report = Report(baseline, Rows(2000, i => Row(i % 10 < 3 ? null : i % 200, Countries[i % 3])));

        var amount = report.Features[0];
        Assert.Equal((0.3, 0.1, true), (amount.NullShare, amount.BaselineNullShare, amount.NullShareDrift));
        Assert.Equal((0.0, 0.0, false), (report.Features[1].NullShare, report.Features[1].BaselineNullShare, report.Features[1].NullShareDrift));
        Assert.Equal((true, 0.5), (report.DatasetDrift, report.DriftShare));
        Assert.Equal(["amount"], DriftReportBuilder.Summary(report).DriftedFeatures);
    }

    [Fact]
    public void A_null_share_rising_by_no_more_than_the_allowed_increase_is_no_drift()
    {
        var baseline = BaselineProfile.Build(Rows(2000, i => Row(i % 200, Countries[i % 3])), Declared);

        var report = Report(baseline, Rows(2000, i => Row(i % 200, i % 20 == 0 ? null : Countries[i % 3])));

        Assert.Equal((0.05, false), (report.Features[1].NullShare, report.Features[1].NullShareDrift));
    }

    [Fact]
    public void A_feature_whose_values_all_went_missing_has_no_score_but_counts_as_drifted_for_the_dataset()
    {
        var baseline = BaselineProfile.Build(Rows(2000, i => Row(i % 200, Countries[i % 3])), Declared);

        var report = Report(baseline, Rows(2000, i => Row(null, Countries[i % 3])));

        var amount = report.Features[0];
        Assert.Equal((null, false, 1.0, true), (amount.Score, amount.Drifted, amount.NullShare, amount.NullShareDrift));
        Assert.Equal((true, 0.5), (report.DatasetDrift, report.DriftShare));
        Assert.Equal(["amount"], DriftReportBuilder.Summary(report).DriftedFeatures);
    }

    [Fact]
    public void Overrides_from_the_model_definition_choose_the_method_and_threshold()
    {
        var rows = Rows(2000, i => Row(i % 200, Countries[i % 3]));
        var baseline = BaselineProfile.Build(rows, Declared);
        var overrides = new Dictionary<string, DriftOverride> { ["amount"] = new("psi", 0.2), ["country"] = new("hellinger") };

        var report = Report(baseline, rows, overrides);

        Assert.Equal(("psi", 0.2), (report.Features[0].Method, report.Features[0].Threshold));
        Assert.Equal(report.Features[0].Scores["psi"], report.Features[0].Score);
        Assert.Equal(("hellinger", 0.1), (report.Features[1].Method, report.Features[1].Threshold));
        Assert.Equal(report.Features[1].Scores["hellinger"], report.Features[1].Score);
    }

    [Fact]
    public void An_override_that_no_longer_fits_the_feature_gives_way_to_the_default_method()
    {
        var rows = Rows(2000, i => Row(i % 200, Countries[i % 3]));
        var baseline = BaselineProfile.Build(rows, Declared);

        var report = Report(baseline, rows, new Dictionary<string, DriftOverride> { ["country"] = new("ks") });

        Assert.Equal(("jensenShannon", 0.1), (report.Features[1].Method, report.Features[1].Threshold));
    }

    [Fact]
    public void A_binary_feature_is_compared_by_the_z_test_until_a_third_value_brings_in_chi_square()
    {
        var baseline = BaselineProfile.Build(Rows(500, i => Flag(i % 2 == 0 ? "yes" : "no")), []);

        var unchanged = Report(baseline, Rows(500, i => Flag(i % 2 == 0 ? "yes" : "no"))).Features[0];
        var withAThirdValue = Report(baseline, Rows(500, i => Flag(i % 5 == 0 ? "maybe" : i % 2 == 0 ? "yes" : "no"))).Features[0];

        Assert.Equal(("zTest", 1.0, false), (unchanged.Method, unchanged.Score, unchanged.Drifted));
        Assert.Equal(("chiSquare", 0.05, 0.0, true), (withAThirdValue.Method, withAThirdValue.Threshold, withAThirdValue.Score, withAThirdValue.Drifted));
        Assert.Equal(["maybe"], withAThirdValue.NewCategories);
    }

    [Fact]
    public void An_empty_range_is_reported_as_such_with_every_feature_unscored_and_no_NaN_in_the_json()
    {
        var baseline = BaselineProfile.Build(Rows(2000, i => Row(i % 200, Countries[i % 3])), Declared);

        var report = Report(baseline, []);

        Assert.Equal(DriftReportBuilder.EmptyRangeMessage, report.Message);
        Assert.Equal(0, report.Window.Count);
        Assert.Equal(["amount", "country"], report.Features.Select(feature => feature.Name));
        Assert.All(report.Features, feature => Assert.Equal((null, null, false, false, 0), (feature.Score, feature.NullShare, feature.Drifted, feature.NullShareDrift, feature.Scores.Count)));
        Assert.Equal((false, 0.0), (report.DatasetDrift, report.DriftShare));
        var json = JsonSerializer.Serialize(report, ModelOpsJsonContext.Default.DriftReport);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_the_report_says_how_to_get_one_and_lists_no_features()
    {
        var report = DriftReportBuilder.Build(null, null, null, new Dictionary<string, DriftOverride>(), ComputedAt);

        Assert.Equal("no baseline yet: upload one with PUT /api/v1/models/{id}/baseline, or wait for the first N events", report.Message);
        Assert.Equal(new DriftRange(ComputedAt, ComputedAt, 0), report.Window);
        Assert.Null(report.Baseline);
        Assert.Empty(report.Features);
        Assert.Equal((false, 0.0, 0.5), (report.DatasetDrift, report.DriftShare, report.DriftShareThreshold));
        var json = JsonSerializer.Serialize(report, ModelOpsJsonContext.Default.DriftReport);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    private static DriftReport Report(
        BaselineProfile baseline, IEnumerable<IReadOnlyDictionary<string, ScalarValue>> current, IReadOnlyDictionary<string, DriftOverride>? overrides = null)
    {
        var window = new DriftWindow(baseline);
        foreach (var row in current)
        {
            window.Record(row, Now, Now);
        }
        return DriftReportBuilder.Build(
            baseline, new BaselineSummary(baseline.RowCount, "upload", ComputedAt), window.Merge(Now), overrides ?? new Dictionary<string, DriftOverride>(), ComputedAt);
    }

    private static IReadOnlyDictionary<string, ScalarValue>[] Rows(int count, Func<int, IReadOnlyDictionary<string, ScalarValue>> row) =>
        Enumerable.Range(0, count).Select(row).ToArray();

    private static IReadOnlyDictionary<string, ScalarValue> Row(double? amount, string? country) => new Dictionary<string, ScalarValue>
    {
        ["amount"] = amount is { } number ? ScalarValue.Of(number) : ScalarValue.Missing,
        ["country"] = country,
    };

    private static IReadOnlyDictionary<string, ScalarValue> Flag(string value) => new Dictionary<string, ScalarValue> { ["flag"] = value };
}
