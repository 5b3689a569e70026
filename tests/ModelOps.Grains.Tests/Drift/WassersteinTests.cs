using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift;

/// <summary>Binned Wasserstein on histograms small enough to integrate |F − G| by hand.</summary>
public sealed class WassersteinTests
{
    [Fact]
    public void A_shift_that_keeps_every_value_in_its_bin_is_invisible_to_the_counts_and_measured_exactly_from_the_sums()
    {
        // Baseline 0.5, 1.0 | 2.5, 3.0 over the bins [0, 2) and [2, 4]; the current window is the same shifted by 0.25.
        var histograms = new NumericHistograms(
            [0.0, 2.0, 4.0], [0, 2, 2, 0], [0, 2, 2, 0], ReferenceStandardDeviation: 0.5, ReferenceSums: [0, 1.5, 5.5, 0], CurrentSums: [0, 2.0, 6.0, 0]);

        Assert.Equal(new StatisticResult(0.25 / 0.5), Wasserstein.Compute(histograms));
        Assert.Equal(new StatisticResult(0.0), Wasserstein.Compute(histograms with { ReferenceSums = null, CurrentSums = null }));
    }

    [Fact]
    public void A_shift_by_half_a_bin_is_measured_exactly_including_the_values_it_pushes_past_the_last_edge()
    {
        // Baseline 0.25, 0.75 | 1.25, 1.75 over [0, 1) and [1, 2]; the current window is shifted by 0.5, so 2.25 overflows.
        // Raw: W = 0.5. Binned: over [0, 1] the baseline is spread over the whole bin and the current 0.75 over [0.5, 1],
        // so F − G is 0.5·x up to 0.5 and 0.25 after (area 0.1875); over [1, 2] it is 0.25 (0.25); the overflow value
        // lies 0.25 past the last edge (0.25 / 4 values = 0.0625).
        var histograms = new NumericHistograms(
            [0.0, 1.0, 2.0], [0, 2, 2, 0], [0, 1, 2, 1], ReferenceStandardDeviation: 0.5, ReferenceSums: [0, 1.0, 3.0, 0], CurrentSums: [0, 0.75, 3.0, 2.25]);

        Assert.Equal(new StatisticResult(0.5 / 0.5), Wasserstein.Compute(histograms));
        // Without sums the overflow value sits on the last edge and both bins are taken as uniform: 0.125 + 0.25.
        Assert.Equal(new StatisticResult(0.375 / 0.5), Wasserstein.Compute(histograms with { ReferenceSums = null, CurrentSums = null }));
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 1 }, new[] { 0, 0.5, 3.0 })]
    [InlineData(new long[] { 1, 1, 0 }, new[] { -2.0, 0.5, 0 })]
    public void Values_beyond_an_outer_edge_count_at_their_distance_from_it(long[] currentCounts, double[] currentSums)
    {
        // Baseline 0.5, 0.5; current 0.5 and one value 2 beyond an edge of [0, 1]. Raw: |F − G| = 0.5 over a length of 2.5.
        var histograms = new NumericHistograms(
            [0.0, 1.0], [0, 2, 0], currentCounts, ReferenceStandardDeviation: 1.0, ReferenceSums: [0, 1.0, 0], CurrentSums: currentSums);

        Assert.Equal(new StatisticResult(1.25), Wasserstein.Compute(histograms));
        Assert.Equal(new StatisticResult(0.25), Wasserstein.Compute(histograms with { ReferenceSums = null, CurrentSums = null }));
    }

    [Fact]
    public void Where_the_gap_changes_sign_inside_a_bin_the_area_follows_the_spread_of_its_values()
    {
        // Baseline 1.0 | 2.5 over [0, 2) and [2, 4]; current 1.0, 1.0, 1.0 and 5.0 beyond the last edge.
        // [0, 2]: both spread over the whole bin, F − G = −0.125·x, area 0.25.
        // [2, 4]: F − G starts at 0.5 − 0.75; the baseline's 2.5 is spread over [2, 3], so F − G = −0.25 + 0.5·(x − 2)
        // crosses zero at 2.5 (two triangles of 0.0625) and stays at 0.25 over [3, 4] (0.25).
        // Beyond 4: the current 5.0 lies 1 past the edge, 1 / 4 values = 0.25. In all 0.875 (raw samples: 1.0).
        var histograms = new NumericHistograms(
            [0.0, 2.0, 4.0], [0, 1, 1, 0], [0, 3, 0, 1], ReferenceStandardDeviation: 1.0, ReferenceSums: [0, 1.0, 2.5, 0], CurrentSums: [0, 3.0, 0, 5.0]);

        Assert.Equal(new StatisticResult(0.875), Wasserstein.Compute(histograms));
        // Without sums the gap runs linearly from −0.25 to 0.25 over [2, 4] (two triangles of 0.125) and 5.0 sits on the edge.
        Assert.Equal(new StatisticResult(0.5), Wasserstein.Compute(histograms with { ReferenceSums = null, CurrentSums = null }));
    }

    [Fact]
    public void Sums_a_rounding_error_outside_their_bins_count_as_if_they_lay_on_the_edges()
    {
        double[] edges = [10.0, 10.0 + 1e-12, 11.0];
        var onTheEdges = new NumericHistograms(
            edges, [0, 1, 1, 0], [0, 1, 1, 1], ReferenceStandardDeviation: 1.0, ReferenceSums: [0, edges[1], 10.5, 0], CurrentSums: [0, edges[0], 10.5, 11.0]);
        var pastTheEdges = onTheEdges with { ReferenceSums = [0, edges[1] + 1e-12, 10.5, 0], CurrentSums = [0, edges[0] - 1e-12, 10.5, 11.0 - 1e-12] };

        var score = Wasserstein.Compute(pastTheEdges).Score!.Value;

        Assert.True(double.IsFinite(score) && score > 0, $"Expected a finite positive distance, got {score}.");
        Assert.Equal(Wasserstein.Compute(onTheEdges), Wasserstein.Compute(pastTheEdges));
    }

    [Fact]
    public void Sums_that_do_not_line_up_with_the_bins_are_rejected()
    {
        var histograms = new NumericHistograms([0.0, 1.0], [0, 2, 0], [0, 2, 0], ReferenceStandardDeviation: 1.0, CurrentSums: [1.0, 1.0]);

        Assert.Throws<ArgumentException>(() => Wasserstein.Compute(histograms));
    }
}
