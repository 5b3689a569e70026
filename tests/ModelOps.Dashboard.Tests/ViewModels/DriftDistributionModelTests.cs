using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;
using static ModelOps.Dashboard.Tests.TestDriftReports;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DriftDistributionModelTests
{
    [Fact]
    public void A_histogram_becomes_the_share_of_each_sides_values_per_bin_with_underflow_and_overflow_when_they_hold_values()
    {
        var feature = Numeric("amount", "wasserstein", 0.1, 0.23, drifted: true,
            baseline: new Histogram([0, 10, 20], [0, 6, 4, 0]),
            current: new Histogram([0, 10, 20], [2, 3, 4, 1]));

        var model = DriftDistributionModel.For(feature);

        Assert.Equal(DriftDistributionKind.Histogram, model.Kind);
        Assert.Equal(
        [
            new DriftBin("< 0", 0, 2.0 / 10),
            new DriftBin("0–10", 6.0 / 10, 3.0 / 10),
            new DriftBin("10–20", 4.0 / 10, 4.0 / 10),
            new DriftBin("> 20", 0, 1.0 / 10),
        ], model.Bins);
        Assert.Equal((10L, 10L), (model.BaselineValues, model.CurrentValues));
    }

    [Fact]
    public void Empty_underflow_and_overflow_bins_are_left_out()
    {
        var feature = Numeric("amount", "wasserstein", 0.1, 0.0, drifted: false,
            baseline: new Histogram([0, 10, 20], [0, 1, 3, 0]),
            current: new Histogram([0, 10, 20], [0, 3, 5, 0]));

        Assert.Equal([new DriftBin("0–10", 1.0 / 4, 3.0 / 8), new DriftBin("10–20", 3.0 / 4, 5.0 / 8)], DriftDistributionModel.For(feature).Bins);
    }

    [Fact]
    public void A_hundred_percentile_bins_are_merged_five_by_five_into_twenty()
    {
        var edges = Enumerable.Range(0, 101).Select(edge => (double)edge).ToArray();
        long[] baseline = [0, .. Enumerable.Repeat(1L, 100), 0];
        long[] current = [0, .. Enumerable.Range(1, 100).Select(bin => bin <= 5 ? 10L : 0L), 0];

        var bins = DriftDistributionModel.For(Numeric("amount", "wasserstein", 0.1, 1.0, drifted: true,
            baseline: new Histogram(edges, baseline), current: new Histogram(edges, current))).Bins;

        Assert.Equal(DriftDistributionModel.MaxHistogramBins, bins.Count);
        Assert.Equal(new DriftBin("0–5", 5.0 / 100, 50.0 / 50), bins[0]);
        Assert.Equal(new DriftBin("5–10", 5.0 / 100, 0), bins[1]);
        Assert.Equal(new DriftBin("95–100", 5.0 / 100, 0), bins[^1]);
    }

    [Fact]
    public void Categories_are_shown_by_their_largest_share_on_either_side_and_empty_ones_are_left_out()
    {
        var model = DriftDistributionModel.For(Fraud().Features.Single(feature => feature.Name == "country"));

        Assert.Equal(DriftDistributionKind.Categories, model.Kind);
        Assert.Equal(
        [
            new DriftBin("DE", 1200.0 / 2100, 1100.0 / 2150),
            new DriftBin("FR", 900.0 / 2100, 1010.0 / 2150),
            new DriftBin("BR", 0, 30.0 / 2150),
            new DriftBin("IN", 0, 10.0 / 2150),
        ], model.Bins);
        Assert.Equal(["BR", "IN"], model.NewCategories);
        Assert.Equal((2100L, 2150L), (model.BaselineValues, model.CurrentValues));
    }

    [Fact]
    public void Categories_past_the_top_ten_join_the_reports_own_other()
    {
        var baseline = Enumerable.Range(1, 12).ToDictionary(rank => $"c{rank:00}", rank => (long)(13 - rank));
        baseline["(other)"] = 4;
        var current = new Dictionary<string, long>(baseline);

        var bins = DriftDistributionModel.For(Categorical("merchant", "jensenShannon", 0.1, 0.0, drifted: false, baseline, current)).Bins;

        Assert.Equal(["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "(other)"], bins.Select(bin => bin.Label));
        Assert.Equal(new DriftBin("(other)", (2 + 1 + 4) / 82.0, (2 + 1 + 4) / 82.0), bins[^1]);
    }

    [Fact]
    public void The_null_shares_are_shown_side_by_side_with_their_rise_flagged()
    {
        var model = DriftDistributionModel.For(Fraud().Features.Single(feature => feature.Name == "card_age_days") with { BaselineNullShare = 0.05 });

        Assert.Equal(("5.0%", "25.0%", true), (model.BaselineNullShare, model.CurrentNullShare, model.NullsRising));
    }

    [Fact]
    public void A_feature_without_distributions_has_no_bins()
    {
        var model = DriftDistributionModel.For(Numeric("amount", "wasserstein", 0.1, null, drifted: false) with { BaselineHistogram = null, CurrentHistogram = null });

        Assert.Equal((DriftDistributionKind.None, 0), (model.Kind, model.Bins.Count));
    }
}
