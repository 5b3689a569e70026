using ModelOps.Contracts;
using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift.Selection;

public sealed class DefaultDriftMethodTests
{
    [Theory]
    [InlineData(1000, FeatureType.Numeric, 6, "ks", 0.05)]
    [InlineData(1, FeatureType.Numeric, 500, "ks", 0.05)]
    [InlineData(1000, FeatureType.Numeric, 5, "chiSquare", 0.05)]
    [InlineData(1000, FeatureType.Numeric, 3, "chiSquare", 0.05)]
    [InlineData(1000, FeatureType.Numeric, 2, "zTest", 0.05)]
    [InlineData(1000, FeatureType.Categorical, 6, "chiSquare", 0.05)]
    [InlineData(1000, FeatureType.Categorical, 3, "chiSquare", 0.05)]
    [InlineData(1000, FeatureType.Categorical, 2, "zTest", 0.05)]
    [InlineData(1000, FeatureType.Categorical, 1, "zTest", 0.05)]
    [InlineData(1001, FeatureType.Numeric, 6, "wasserstein", 0.1)]
    [InlineData(1001, FeatureType.Numeric, 5, "jensenShannon", 0.1)]
    [InlineData(1001, FeatureType.Numeric, 2, "jensenShannon", 0.1)]
    [InlineData(1001, FeatureType.Categorical, 40, "jensenShannon", 0.1)]
    [InlineData(1001, FeatureType.Categorical, 3, "jensenShannon", 0.1)]
    [InlineData(1001, FeatureType.Categorical, 2, "jensenShannon", 0.1)]
    public void The_default_method_follows_baseline_size_feature_type_and_distinct_values(
        long baselineValues, FeatureType type, int distinctValues, string expectedMethod, double expectedThreshold)
    {
        var choice = DefaultDriftMethod.Select(baselineValues, type, distinctValues);

        Assert.Equal(expectedMethod, choice.Method.Name);
        Assert.Equal(expectedThreshold, choice.Threshold);
    }

    [Fact]
    public void A_small_baseline_numeric_feature_drifts_when_the_ks_p_value_is_at_or_below_0_05()
    {
        var choice = DefaultDriftMethod.Select(1000, FeatureType.Numeric, 6);

        Assert.True(choice.IsDrifted(0.05));
        Assert.True(choice.IsDrifted(0.049));
        Assert.False(choice.IsDrifted(0.0500001));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void A_small_baseline_categorical_feature_drifts_only_when_the_p_value_is_strictly_below_0_05(int distinctValues)
    {
        var choice = DefaultDriftMethod.Select(1000, FeatureType.Categorical, distinctValues);

        Assert.False(choice.IsDrifted(0.05));
        Assert.True(choice.IsDrifted(0.0499999));
    }

    [Theory]
    [InlineData(FeatureType.Numeric, 6)]
    [InlineData(FeatureType.Categorical, 6)]
    public void A_large_baseline_feature_drifts_when_the_distance_reaches_0_1(FeatureType type, int distinctValues)
    {
        var choice = DefaultDriftMethod.Select(1001, type, distinctValues);

        Assert.True(choice.IsDrifted(0.1));
        Assert.True(choice.IsDrifted(0.7));
        Assert.False(choice.IsDrifted(0.0999999));
    }

    [Theory]
    [InlineData(FeatureType.Numeric, 6, DriftFeatureKinds.Numeric)]
    [InlineData(FeatureType.Numeric, 5, DriftFeatureKinds.Categorical)]
    [InlineData(FeatureType.Numeric, 3, DriftFeatureKinds.Categorical)]
    [InlineData(FeatureType.Numeric, 2, DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary)]
    [InlineData(FeatureType.Categorical, 6, DriftFeatureKinds.Categorical)]
    [InlineData(FeatureType.Categorical, 3, DriftFeatureKinds.Categorical)]
    [InlineData(FeatureType.Categorical, 2, DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary)]
    public void The_summary_shape_uses_the_same_cut_offs_as_the_selector(FeatureType type, int distinctValues, DriftFeatureKinds expected)
    {
        Assert.Equal(expected, DefaultDriftMethod.KindsOf(type, distinctValues));
    }

    [Fact]
    public void A_negative_baseline_size_or_distinct_count_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultDriftMethod.Select(-1, FeatureType.Numeric, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultDriftMethod.Select(10, FeatureType.Numeric, -1));
    }
}
