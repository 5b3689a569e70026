using ModelOps.Dashboard.ViewModels;
using static ModelOps.Dashboard.Tests.TestDriftReports;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DriftFeatureRowTests
{
    [Fact]
    public void Drifted_features_come_first_then_a_rising_null_share_then_the_rest_by_closeness_to_the_threshold_then_those_without_a_score()
    {
        var rows = DriftFeatureRow.BySeverity(Fraud().Features);

        Assert.Equal(["hour", "amount", "card_age_days", "country", "merchant", "age"], rows.Select(row => row.Name));
        Assert.Equal([DriftVerdict.Drifted, DriftVerdict.Drifted, DriftVerdict.Ok, DriftVerdict.Ok, DriftVerdict.Ok, DriftVerdict.NoData],
            rows.Select(row => row.Verdict));
    }

    [Fact]
    public void Severity_is_threshold_over_p_value_for_the_tests_and_distance_over_threshold_for_the_others()
    {
        Assert.Equal(0.05 / 0.0001, new DriftFeatureRow(Numeric("hour", "ks", 0.05, 0.0001, drifted: true)).Severity);
        Assert.Equal(0.05 / 0.5, new DriftFeatureRow(Categorical("merchant", "chiSquare", 0.05, 0.5, drifted: false)).Severity);
        Assert.Equal(0.05 / 0.2, new DriftFeatureRow(Categorical("flag", "zTest", 0.05, 0.2, drifted: false)).Severity);
        Assert.Equal(0.23 / 0.1, new DriftFeatureRow(Numeric("amount", "wasserstein", 0.1, 0.23, drifted: true)).Severity);
        Assert.Equal(0.3 / 0.2, new DriftFeatureRow(Categorical("country", "psi", 0.2, 0.3, drifted: true)).Severity);
        Assert.Equal(double.PositiveInfinity, new DriftFeatureRow(Numeric("hour", "ks", 0.05, 0.0, drifted: true)).Severity);
        Assert.Null(new DriftFeatureRow(Numeric("age", "ks", 0.05, null, drifted: false)).Severity);
    }

    [Fact]
    public void A_distance_far_past_its_threshold_ranks_above_a_p_value_just_below_its_own()
    {
        var rows = DriftFeatureRow.BySeverity(
        [
            Numeric("hour", "ks", 0.05, 0.04, drifted: true),
            Numeric("amount", "wasserstein", 0.1, 0.23, drifted: true),
        ]);

        Assert.Equal(["amount", "hour"], rows.Select(row => row.Name));
    }

    [Fact]
    public void Features_equally_severe_are_ordered_by_name()
    {
        var rows = DriftFeatureRow.BySeverity(
        [
            Numeric("b", "wasserstein", 0.1, null, drifted: false),
            Numeric("a", "wasserstein", 0.1, null, drifted: false),
        ]);

        Assert.Equal(["a", "b"], rows.Select(row => row.Name));
    }

    [Fact]
    public void Rows_of_the_same_feature_are_the_same_row_whatever_their_numbers_so_the_grid_keeps_their_elements()
    {
        var before = new DriftFeatureRow(Numeric("amount", "wasserstein", 0.1, 0.23, drifted: true));
        var after = new DriftFeatureRow(Numeric("amount", "wasserstein", 0.1, 0.05, drifted: false));

        Assert.Equal(before, after);
        Assert.Equal(before.GetHashCode(), after.GetHashCode());
        Assert.NotEqual(before, new DriftFeatureRow(Numeric("hour", "wasserstein", 0.1, 0.23, drifted: true)));
    }

    [Fact]
    public void A_row_formats_its_scores_null_share_and_new_categories()
    {
        var hour = new DriftFeatureRow(Numeric("hour", "ks", 0.05, 0.0000123, drifted: true, nullShare: 0.0123));
        var country = new DriftFeatureRow(Fraud().Features.Single(feature => feature.Name == "country"));
        var age = new DriftFeatureRow(Numeric("age", "ks", 0.05, null, drifted: false, nullShare: null));

        Assert.Equal(("numeric", "ks", "1.23e-5", "0.05", "1.2%", 0), (hour.Type, hour.Method, hour.Score, hour.Threshold, hour.NullShare, hour.NewCategories));
        Assert.Equal(("categorical", "jensenShannon", "0.04", "0.1", "0.0%", 2), (country.Type, country.Method, country.Score, country.Threshold, country.NullShare, country.NewCategories));
        Assert.Equal(("—", "—"), (age.Score, age.NullShare));
    }
}
