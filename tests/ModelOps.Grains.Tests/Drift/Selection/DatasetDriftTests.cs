using ModelOps.Grains.Drift.Selection;

namespace ModelOps.Grains.Tests.Drift.Selection;

public sealed class DatasetDriftTests
{
    private static NamedFeatureDrift Drifted(string name) => new(name, new FeatureDriftResult("psi", 0.1, 0.5, true, true, new Dictionary<string, double>()));

    private static NamedFeatureDrift Stable(string name) => new(name, new FeatureDriftResult("psi", 0.1, 0.01, false, true, new Dictionary<string, double>()));

    private static NamedFeatureDrift NoData(string name) => new(name, new FeatureDriftResult("psi", 0.1, null, false, false, new Dictionary<string, double>()));

    [Fact]
    public void Half_of_the_features_drifted_reaches_the_default_threshold_of_one_half()
    {
        var result = DatasetDrift.Evaluate([Drifted("a"), Stable("b"), Drifted("c"), Stable("d")]);

        Assert.True(result.DatasetDrift);
        Assert.Equal(0.5, result.DriftShare);
        Assert.Equal(0.5, result.DriftShareThreshold);
        Assert.Equal(4, result.EvaluatedFeatures);
        Assert.Equal(["a", "c"], result.DriftedFeatures);
    }

    [Fact]
    public void One_of_three_features_drifted_is_below_the_default_threshold()
    {
        var result = DatasetDrift.Evaluate([Stable("a"), Drifted("b"), Stable("c")]);

        Assert.False(result.DatasetDrift);
        Assert.Equal(1.0 / 3, result.DriftShare);
        Assert.Equal(["b"], result.DriftedFeatures);
    }

    [Fact]
    public void Features_without_data_do_not_count_toward_the_share()
    {
        var result = DatasetDrift.Evaluate([Drifted("a"), NoData("b"), Stable("c"), NoData("d")]);

        Assert.True(result.DatasetDrift);
        Assert.Equal(0.5, result.DriftShare);
        Assert.Equal(2, result.EvaluatedFeatures);
    }

    [Fact]
    public void A_configured_threshold_above_the_share_means_no_dataset_drift()
    {
        var result = DatasetDrift.Evaluate([Drifted("a"), Stable("b")], shareThreshold: 0.6);

        Assert.False(result.DatasetDrift);
        Assert.Equal(0.5, result.DriftShare);
        Assert.Equal(0.6, result.DriftShareThreshold);
    }

    [Fact]
    public void A_configured_threshold_exactly_at_the_share_means_dataset_drift()
    {
        var result = DatasetDrift.Evaluate([Drifted("a"), Stable("b"), Stable("c"), Stable("d")], shareThreshold: 0.25);

        Assert.True(result.DatasetDrift);
        Assert.Equal(0.25, result.DriftShare);
    }

    [Fact]
    public void No_evaluated_features_means_a_share_of_zero_and_no_dataset_drift()
    {
        var result = DatasetDrift.Evaluate([NoData("a"), NoData("b")]);

        Assert.False(result.DatasetDrift);
        Assert.Equal(0.0, result.DriftShare);
        Assert.Equal(0, result.EvaluatedFeatures);
        Assert.Empty(result.DriftedFeatures);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_share_threshold_outside_zero_to_one_is_rejected(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetDrift.Evaluate([Stable("a")], threshold));
    }
}
