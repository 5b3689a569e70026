using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift.Selection;

public sealed class DriftOverrideTests
{
    private const string Field = "features[0].drift";
    private const DriftFeatureKinds Numeric = DriftFeatureKinds.Numeric;
    private const DriftFeatureKinds Categorical = DriftFeatureKinds.Categorical;
    private const DriftFeatureKinds Binary = DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary;

    [Fact]
    public void A_psi_override_with_a_threshold_selects_psi_at_that_threshold()
    {
        var choice = new DriftOverride("psi", 0.2).Resolve(Field, Numeric);

        Assert.Equal(PopulationStabilityIndex.Descriptor, choice.Method);
        Assert.Equal(0.2, choice.Threshold);
    }

    [Fact]
    public void An_override_without_a_threshold_uses_the_method_default_threshold()
    {
        var choice = new DriftOverride("hellinger").Resolve(Field, Categorical);

        Assert.Equal(Hellinger.Descriptor, choice.Method);
        Assert.Equal(0.1, choice.Threshold);
    }

    [Fact]
    public void A_z_test_override_applies_to_a_binary_feature()
    {
        var choice = new DriftOverride("zTest", 0.01).Resolve(Field, Binary);

        Assert.Equal(TwoProportionZTest.Descriptor, choice.Method);
        Assert.Equal(0.01, choice.Threshold);
    }

    [Fact]
    public void An_unknown_method_is_rejected_naming_it_and_every_known_method()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("kl", 0.2).Resolve(Field, Numeric));

        Assert.Equal("features[0].drift.method", error.Field);
        Assert.Equal("unknown drift method 'kl'; allowed: ks, wasserstein, psi, jensenShannon, hellinger, chiSquare, zTest.", error.Reason);
    }

    [Fact]
    public void A_method_name_is_matched_exactly_including_case()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("PSI").Resolve(Field, Numeric));

        Assert.Equal("features[0].drift.method", error.Field);
    }

    [Fact]
    public void Ks_on_a_categorical_feature_is_rejected_naming_the_methods_that_apply()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("ks").Resolve(Field, Categorical));

        Assert.Equal("features[0].drift.method", error.Field);
        Assert.Equal("drift method 'ks' does not apply to a categorical or discrete feature; allowed: psi, jensenShannon, hellinger, chiSquare.", error.Reason);
    }

    [Fact]
    public void Chi_square_on_a_numeric_feature_is_rejected_naming_the_methods_that_apply()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("chiSquare").Resolve(Field, Numeric));

        Assert.Equal("drift method 'chiSquare' does not apply to a numeric feature; allowed: ks, wasserstein, psi, jensenShannon, hellinger.", error.Reason);
    }

    [Fact]
    public void A_z_test_on_a_feature_with_more_than_two_values_is_rejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("zTest").Resolve(Field, Categorical));

        Assert.Equal("drift method 'zTest' does not apply to a categorical or discrete feature; allowed: psi, jensenShannon, hellinger, chiSquare.", error.Reason);
    }

    [Theory]
    [InlineData("chiSquare", 1.0)]
    [InlineData("chiSquare", 0.0)]
    [InlineData("zTest", 1.5)]
    public void A_p_value_threshold_outside_zero_to_one_is_rejected(string method, double threshold)
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride(method, threshold).Resolve(Field, Binary));

        Assert.Equal("features[0].drift.threshold", error.Field);
        Assert.Equal($"threshold {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range for drift method '{method}'; allowed: a p-value greater than 0 and less than 1.", error.Reason);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.2)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_distance_threshold_that_is_not_positive_and_finite_is_rejected(double threshold)
    {
        var error = Assert.Throws<InvalidRequestException>(() => new DriftOverride("psi", threshold).Resolve(Field, Numeric));

        Assert.Equal("features[0].drift.threshold", error.Field);
        Assert.EndsWith("is out of range for drift method 'psi'; allowed: a distance greater than 0.", error.Reason);
    }

    [Fact]
    public void A_distance_threshold_above_one_is_allowed_because_psi_is_unbounded()
    {
        Assert.Equal(2.5, new DriftOverride("psi", 2.5).Resolve(Field, Numeric).Threshold);
    }
}
