using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift;

public sealed class DriftStatisticEdgeCaseTests
{
    private static readonly double[] Edges = [0.0, 1.0, 2.0, 3.0];
    private static readonly long[] Baseline = [0, 10, 20, 30, 0];
    private static readonly long[] Empty = [0, 0, 0, 0, 0];

    [Fact]
    public void Every_statistic_is_not_computable_when_the_current_window_is_empty()
    {
        var histograms = new NumericHistograms(Edges, Baseline, Empty, ReferenceStandardDeviation: 0.8);

        Assert.Equal(StatisticResult.NotComputable, KolmogorovSmirnov.Compute(histograms));
        Assert.Equal(StatisticResult.NotComputable, Wasserstein.Compute(histograms));
        Assert.Equal(StatisticResult.NotComputable, PopulationStabilityIndex.Compute(Baseline, Empty));
        Assert.Equal(StatisticResult.NotComputable, JensenShannon.Compute(Baseline, Empty));
        Assert.Equal(StatisticResult.NotComputable, Hellinger.Compute(Baseline, Empty));
        Assert.Equal(StatisticResult.NotComputable, ChiSquare.Compute(Baseline, Empty));
        Assert.Equal(StatisticResult.NotComputable, TwoProportionZTest.Compute([40, 60], [0, 0]));
        Assert.False(KolmogorovSmirnov.Compute(histograms).IsComputable);
    }

    [Fact]
    public void Wasserstein_is_not_computable_when_the_baseline_has_no_spread()
    {
        var histograms = new NumericHistograms([5.0, 5.0], [0, 100, 0], [0, 40, 60], ReferenceStandardDeviation: 0.0);

        Assert.Equal(StatisticResult.NotComputable, Wasserstein.Compute(histograms));
    }

    [Fact]
    public void Identical_histograms_have_distance_zero_and_p_value_one()
    {
        var histograms = new NumericHistograms(Edges, Baseline, Baseline, ReferenceStandardDeviation: 0.8);

        Assert.Equal(new StatisticResult(1.0, 0.0), KolmogorovSmirnov.Compute(histograms));
        Assert.Equal(new StatisticResult(0.0), Wasserstein.Compute(histograms));
        Assert.Equal(new StatisticResult(1.0, 0.0), ChiSquare.Compute(Baseline, Baseline));
    }

    [Fact]
    public void A_current_window_entirely_in_one_category_the_baseline_also_only_saw_gives_z_zero_and_p_one()
    {
        Assert.Equal(new StatisticResult(1.0, 0.0), TwoProportionZTest.Compute([0, 50], [0, 7]));
    }

    [Fact]
    public void A_category_new_in_the_current_window_makes_chi_square_p_zero_without_an_infinite_statistic()
    {
        Assert.Equal(new StatisticResult(Score: 0.0), ChiSquare.Compute([10, 20, 0], [10, 20, 1]));
    }

    [Fact]
    public void Counts_that_are_not_aligned_or_edges_that_descend_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.Compute(new NumericHistograms(Edges, [1, 2, 3], [1, 2, 3], 1.0)));
        Assert.Throws<ArgumentException>(() => Wasserstein.Compute(new NumericHistograms([0.0, 2.0, 1.0], [0, 1, 1, 0], [0, 1, 1, 0], 1.0)));
        Assert.Throws<ArgumentException>(() => TwoProportionZTest.Compute([1, 2, 3], [1, 2, 3]));
    }

    [Fact]
    public void Ks_drifts_at_a_p_value_equal_to_its_threshold_while_chi_square_and_z_test_need_one_below_it()
    {
        Assert.True(KolmogorovSmirnov.Descriptor.IsDrifted(0.05));
        Assert.False(ChiSquare.Descriptor.IsDrifted(0.05));
        Assert.False(TwoProportionZTest.Descriptor.IsDrifted(0.05));
        Assert.True(ChiSquare.Descriptor.IsDrifted(0.049));
    }

    [Fact]
    public void Distances_drift_once_they_reach_their_threshold()
    {
        Assert.True(Wasserstein.Descriptor.IsDrifted(0.1));
        Assert.False(JensenShannon.Descriptor.IsDrifted(0.099));
        Assert.True(PopulationStabilityIndex.Descriptor.IsDrifted(0.25, threshold: 0.2));
    }

    [Fact]
    public void The_catalog_names_every_method_of_the_design_once_with_its_direction_and_default_threshold()
    {
        var table = DriftStatisticCatalog.All.Select(d => (d.Name, d.Direction, d.DefaultThreshold, d.AppliesTo));

        Assert.Equal(
            [
                ("ks", DriftDirection.PValueAtOrBelow, 0.05, DriftFeatureKinds.Numeric),
                ("wasserstein", DriftDirection.DistanceAtLeast, 0.1, DriftFeatureKinds.Numeric),
                ("psi", DriftDirection.DistanceAtLeast, 0.1, DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary),
                ("jensenShannon", DriftDirection.DistanceAtLeast, 0.1, DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary),
                ("hellinger", DriftDirection.DistanceAtLeast, 0.1, DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary),
                ("chiSquare", DriftDirection.PValueBelow, 0.05, DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary),
                ("zTest", DriftDirection.PValueBelow, 0.05, DriftFeatureKinds.Binary),
            ],
            table);
        Assert.Same(Hellinger.Descriptor, DriftStatisticCatalog.Find("hellinger"));
        Assert.Null(DriftStatisticCatalog.Find("kl"));
    }
}
