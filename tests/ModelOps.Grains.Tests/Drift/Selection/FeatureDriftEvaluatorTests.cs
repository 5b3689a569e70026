using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift.Selection;

public sealed class FeatureDriftEvaluatorTests
{
    private static readonly DriftMethodChoice KsDefault = new(KolmogorovSmirnov.Descriptor, 0.05);
    private static readonly DriftMethodChoice WassersteinDefault = new(Wasserstein.Descriptor, 0.1);
    private static readonly DriftMethodChoice ChiSquareDefault = new(ChiSquare.Descriptor, 0.05);
    private static readonly DriftMethodChoice ZTestDefault = new(TwoProportionZTest.Descriptor, 0.05);
    private static readonly DriftMethodChoice JensenShannonDefault = new(JensenShannon.Descriptor, 0.1);

    /// <summary>Σ (c − r)·ln(c / r) over two bins that swap all their mass, empty bins taken as 0.0001.</summary>
    private static readonly double TotalShiftPsi = 2 * (1 - 0.0001) * Math.Log(1 / 0.0001);

    private static readonly double MaximumJensenShannon = Math.Sqrt(Math.Log(2));

    [Fact]
    public void Identical_histograms_give_zero_distances_a_ks_p_value_of_one_and_no_drift()
    {
        long[] counts = [0, 10, 20, 30, 0];
        var histograms = new NumericHistograms([0.0, 1.0, 2.0, 3.0], counts, counts, ReferenceStandardDeviation: 0.8);

        var result = FeatureDriftEvaluator.Evaluate(histograms, KsDefault);

        Assert.Equal(new Dictionary<string, double>
        {
            ["ks"] = 0.0, ["ksPValue"] = 1.0, ["wasserstein"] = 0.0, ["psi"] = 0.0, ["jensenShannon"] = 0.0, ["hellinger"] = 0.0,
        }, result.Scores);
        Assert.Equal("ks", result.Method);
        Assert.Equal(0.05, result.Threshold);
        Assert.Equal(1.0, result.Score);
        Assert.False(result.Drifted);
        Assert.True(result.HasCurrentData);
        Assert.True(result.IsEvaluated);
    }

    [Fact]
    public void A_histogram_whose_mass_moves_entirely_to_the_next_bin_drifts_on_every_statistic()
    {
        var histograms = new NumericHistograms([0.0, 1.0, 2.0], [0, 10, 0, 0], [0, 0, 10, 0], ReferenceStandardDeviation: 0.5);

        var result = FeatureDriftEvaluator.Evaluate(histograms, WassersteinDefault);

        Assert.Equal(["hellinger", "jensenShannon", "ks", "ksPValue", "psi", "wasserstein"], result.Scores.Keys.Order());
        Assert.Equal(1.0, result.Scores["ks"]);
        Assert.Equal(KolmogorovSmirnov.KolmogorovSurvival(Math.Sqrt(5)), result.Scores["ksPValue"]);
        Assert.True(result.Scores["ksPValue"] < 0.05);
        // Uniform on [0, 1] against uniform on [1, 2]: the area between the CDFs is 1, normed by 0.5.
        Assert.Equal(2.0, result.Scores["wasserstein"]);
        Assert.Equal(TotalShiftPsi, result.Scores["psi"], Tolerance.ClosedForm);
        Assert.Equal(MaximumJensenShannon, result.Scores["jensenShannon"]);
        Assert.Equal(1.0, result.Scores["hellinger"]);
        Assert.Equal("wasserstein", result.Method);
        Assert.Equal(2.0, result.Score);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Identical_category_counts_give_zero_distances_a_chi_square_p_value_of_one_and_no_drift()
    {
        long[] counts = [10, 20, 30];

        var result = FeatureDriftEvaluator.Evaluate(counts, counts, ChiSquareDefault);

        Assert.Equal(new Dictionary<string, double>
        {
            ["psi"] = 0.0, ["jensenShannon"] = 0.0, ["hellinger"] = 0.0, ["chiSquare"] = 0.0, ["chiSquarePValue"] = 1.0,
        }, result.Scores);
        Assert.Equal("chiSquare", result.Method);
        Assert.Equal(1.0, result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Chi_square_against_baseline_proportions_matches_the_hand_computed_value()
    {
        // Expected 25/25 from the 50/50 baseline; observed 30/20: χ² = 25/25 + 25/25 = 2, one degree of freedom.
        var result = FeatureDriftEvaluator.Evaluate([50, 50, 0], [30, 20, 0], ChiSquareDefault);

        Assert.Equal(2.0, result.Scores["chiSquare"], Tolerance.ClosedForm);
        Assert.Equal(0.15729920705028513, result.Scores["chiSquarePValue"], Tolerance.ClosedForm);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Identical_binary_counts_give_z_zero_a_p_value_of_one_and_no_drift()
    {
        long[] counts = [40, 60];

        var result = FeatureDriftEvaluator.Evaluate(counts, counts, ZTestDefault);

        Assert.Equal(new Dictionary<string, double>
        {
            ["psi"] = 0.0, ["jensenShannon"] = 0.0, ["hellinger"] = 0.0, ["chiSquare"] = 0.0, ["chiSquarePValue"] = 1.0,
            ["zTest"] = 0.0, ["zTestPValue"] = 1.0,
        }, result.Scores);
        Assert.Equal("zTest", result.Method);
        Assert.Equal(1.0, result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void A_binary_feature_that_flips_entirely_drifts_and_leaves_out_the_infinite_chi_square_statistic()
    {
        var result = FeatureDriftEvaluator.Evaluate([100, 0], [0, 100], ZTestDefault);

        Assert.Equal(["chiSquarePValue", "hellinger", "jensenShannon", "psi", "zTest", "zTestPValue"], result.Scores.Keys.Order());
        Assert.Equal(0.0, result.Scores["chiSquarePValue"]);
        // Pooled proportion 0.5: z = 1 / √(0.25 · (1/100 + 1/100)) = √200.
        Assert.Equal(Math.Sqrt(200), result.Scores["zTest"], Tolerance.ClosedForm);
        Assert.True(result.Scores["zTestPValue"] < 1e-40);
        Assert.Equal(TotalShiftPsi, result.Scores["psi"], Tolerance.ClosedForm);
        Assert.Equal(MaximumJensenShannon, result.Scores["jensenShannon"]);
        Assert.Equal(1.0, result.Scores["hellinger"]);
        Assert.Equal(result.Scores["zTestPValue"], result.Score);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void A_feature_with_more_than_two_categories_has_no_z_test_score()
    {
        var result = FeatureDriftEvaluator.Evaluate([10, 20, 30], [30, 20, 10], JensenShannonDefault);

        Assert.DoesNotContain("zTest", result.Scores.Keys);
        Assert.DoesNotContain("zTestPValue", result.Scores.Keys);
        Assert.Equal(result.Scores["jensenShannon"], result.Score);
    }

    [Fact]
    public void A_distance_exactly_at_its_threshold_has_drifted()
    {
        var choice = new DriftMethodChoice(JensenShannon.Descriptor, MaximumJensenShannon);

        var result = FeatureDriftEvaluator.Evaluate([100, 0], [0, 100], choice);

        Assert.Equal(MaximumJensenShannon, result.Score);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void A_z_test_p_value_exactly_at_its_threshold_has_not_drifted()
    {
        var result = FeatureDriftEvaluator.Evaluate([40, 60], [40, 60], new DriftMethodChoice(TwoProportionZTest.Descriptor, 1.0));

        Assert.Equal(1.0, result.Score);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void A_ks_p_value_exactly_at_its_threshold_has_drifted()
    {
        long[] counts = [0, 10, 20, 30, 0];
        var histograms = new NumericHistograms([0.0, 1.0, 2.0, 3.0], counts, counts, ReferenceStandardDeviation: 0.8);

        var result = FeatureDriftEvaluator.Evaluate(histograms, new DriftMethodChoice(KolmogorovSmirnov.Descriptor, 1.0));

        Assert.Equal(1.0, result.Score);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void An_empty_current_window_reports_no_data_without_a_score_or_a_verdict()
    {
        var result = FeatureDriftEvaluator.Evaluate([10, 20], [0, 0], ZTestDefault);

        Assert.Equal(new FeatureDriftResult("zTest", 0.05, Score: null, Drifted: false, HasCurrentData: false, result.Scores), result);
        Assert.Empty(result.Scores);
        Assert.False(result.IsEvaluated);
    }

    [Fact]
    public void An_empty_current_histogram_reports_no_data()
    {
        var histograms = new NumericHistograms([0.0, 1.0], [5, 10, 5], [0, 0, 0], ReferenceStandardDeviation: 0.8);

        var result = FeatureDriftEvaluator.Evaluate(histograms, WassersteinDefault);

        Assert.False(result.HasCurrentData);
        Assert.Null(result.Score);
        Assert.False(result.Drifted);
        Assert.Empty(result.Scores);
    }

    [Fact]
    public void A_selected_statistic_that_cannot_be_computed_gives_no_score_and_no_drift_while_the_others_are_kept()
    {
        var histograms = new NumericHistograms([5.0, 5.0], [0, 100, 0], [0, 40, 60], ReferenceStandardDeviation: 0.0);

        var result = FeatureDriftEvaluator.Evaluate(histograms, WassersteinDefault);

        Assert.True(result.HasCurrentData);
        Assert.Null(result.Score);
        Assert.False(result.Drifted);
        Assert.False(result.IsEvaluated);
        Assert.DoesNotContain("wasserstein", result.Scores.Keys);
        Assert.Equal(0.6, result.Scores["ks"], Tolerance.ClosedForm);
    }

    [Fact]
    public void Asked_for_the_verdict_only_it_computes_the_selected_statistic_alone_with_the_same_score()
    {
        var histograms = new NumericHistograms([0.0, 1.0, 2.0], [0, 10, 0, 0], [0, 0, 10, 0], ReferenceStandardDeviation: 0.5);

        var wasserstein = FeatureDriftEvaluator.Evaluate(histograms, WassersteinDefault, everyStatistic: false);
        var ks = FeatureDriftEvaluator.Evaluate(histograms, KsDefault, everyStatistic: false);
        var chiSquare = FeatureDriftEvaluator.Evaluate([10, 20, 30], [30, 20, 10], ChiSquareDefault, everyStatistic: false);

        Assert.Equal(new Dictionary<string, double> { ["wasserstein"] = 2.0 }, wasserstein.Scores);
        Assert.Equal(("wasserstein", 0.1, 2.0, true), (wasserstein.Method, wasserstein.Threshold, wasserstein.Score, wasserstein.Drifted));
        var everyKs = FeatureDriftEvaluator.Evaluate(histograms, KsDefault);
        Assert.Equal(new Dictionary<string, double> { ["ks"] = everyKs.Scores["ks"], ["ksPValue"] = everyKs.Scores["ksPValue"] }, ks.Scores);
        Assert.Equal((everyKs.Score, everyKs.Drifted), (ks.Score, ks.Drifted));
        Assert.Equal(["chiSquare", "chiSquarePValue"], chiSquare.Scores.Keys.Order());
        Assert.Equal(FeatureDriftEvaluator.Evaluate([10, 20, 30], [30, 20, 10], ChiSquareDefault).Score, chiSquare.Score);
    }

    [Fact]
    public void A_method_that_does_not_apply_to_the_summary_is_rejected()
    {
        var histograms = new NumericHistograms([0.0, 1.0], [5, 10, 5], [5, 10, 5], ReferenceStandardDeviation: 0.8);

        Assert.Throws<ArgumentException>(() => FeatureDriftEvaluator.Evaluate([10, 20, 30], [10, 20, 30], KsDefault));
        Assert.Throws<ArgumentException>(() => FeatureDriftEvaluator.Evaluate([10, 20, 30], [10, 20, 30], ZTestDefault));
        Assert.Throws<ArgumentException>(() => FeatureDriftEvaluator.Evaluate(histograms, ChiSquareDefault));
    }

    [Fact]
    public void Counts_that_are_not_aligned_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => FeatureDriftEvaluator.Evaluate([10, 20, 30], [10, 20], ChiSquareDefault));
    }
}
