using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Tests.Drift.Summaries;

public sealed class FeatureBinningTests
{
    [Fact]
    public void Edges_are_the_baseline_percentiles_when_every_percentile_falls_on_a_value()
    {
        var binning = FeatureBinning.ForNumeric(Enumerable.Range(1, 101).Select(value => (double)value).ToArray());

        Assert.Equal(BinningKind.Numeric, binning.Kind);
        Assert.Equal(Enumerable.Range(1, 101).Select(value => (double)value), binning.Edges);
        Assert.Equal(102, binning.SlotCount);
    }

    [Fact]
    public void Edges_interpolate_between_values_like_numpy_quantiles()
    {
        var binning = FeatureBinning.ForNumeric([50.0, 0.0, 40.0, 10.0, 30.0, 20.0]);

        Assert.Equal(101, binning.Edges.Length);
        Assert.Equal(0.0, binning.Edges[0]);
        Assert.Equal(10.0, binning.Edges[20]);
        Assert.Equal(25.0, binning.Edges[50]);
        Assert.Equal(50.0, binning.Edges[100]);
    }

    [Fact]
    public void Repeated_percentiles_collapse_into_one_edge()
    {
        var values = Enumerable.Repeat(0.0, 50).Concat(Enumerable.Range(1, 51).Select(value => (double)value)).ToArray();

        var binning = FeatureBinning.ForNumeric(values);

        Assert.Equal(Enumerable.Range(0, 52).Select(value => (double)value), binning.Edges);
    }

    [Fact]
    public void A_numeric_feature_with_five_distinct_values_is_discrete()
    {
        var binning = FeatureBinning.ForNumeric([3.0, 1.0, 2.0, 5.0, 4.0, 1.0, 1.0]);

        Assert.Equal(BinningKind.Discrete, binning.Kind);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], binning.DiscreteValues);
        Assert.Equal(["1", "2", "3", "4", "5"], binning.Categories);
        Assert.Equal(6, binning.SlotCount);
    }

    [Fact]
    public void A_numeric_feature_with_six_distinct_values_is_binned()
    {
        var binning = FeatureBinning.ForNumeric([3.0, 1.0, 2.0, 5.0, 4.0, 6.0]);

        Assert.Equal(BinningKind.Numeric, binning.Kind);
        Assert.Empty(binning.Categories);
    }

    [Fact]
    public void Values_below_the_first_edge_underflow_and_values_above_the_last_overflow()
    {
        var binning = FeatureBinning.ForNumeric(Enumerable.Range(1, 101).Select(value => (double)value).ToArray());

        Assert.Equal(0, binning.SlotOf(0.5));
        Assert.Equal(0, binning.SlotOf(double.MinValue));
        Assert.Equal(1, binning.SlotOf(1.0));
        Assert.Equal(1, binning.SlotOf(1.999));
        Assert.Equal(2, binning.SlotOf(2.0));
        Assert.Equal(100, binning.SlotOf(100.5));
        Assert.Equal(100, binning.SlotOf(101.0));
        Assert.Equal(101, binning.SlotOf(101.001));
    }

    [Fact]
    public void Only_the_hundred_most_frequent_categories_get_a_slot_and_the_rest_count_as_other()
    {
        var counts = Enumerable.Range(0, 105).ToDictionary(index => $"c{index:000}", index => 1000L - index);

        var binning = FeatureBinning.ForCategorical(counts);

        Assert.Equal(FeatureBinning.MaxCategories, binning.Categories.Length);
        Assert.Equal("c000", binning.Categories[0]);
        Assert.Equal("c099", binning.Categories[^1]);
        Assert.Equal(0, binning.SlotOf("c000"));
        Assert.Equal(99, binning.SlotOf("c099"));
        Assert.Equal(binning.OtherSlot, binning.SlotOf("c103"));
        Assert.Equal(100, binning.OtherSlot);
        Assert.Equal(-1, binning.SlotOf("never-seen"));
    }

    [Fact]
    public void Categories_of_equal_frequency_are_ranked_by_name()
    {
        var binning = FeatureBinning.ForCategorical(new Dictionary<string, long> { ["b"] = 2, ["c"] = 5, ["a"] = 2 });

        Assert.Equal(["c", "a", "b"], binning.Categories);
    }

    [Fact]
    public void A_baseline_too_diverse_to_remember_counts_every_unknown_value_as_other()
    {
        var counts = Enumerable.Range(0, FeatureBinning.MaxCategories + FeatureBinning.MaxRememberedOtherCategories + 1)
            .ToDictionary(index => $"c{index}", _ => 1L);

        var binning = FeatureBinning.ForCategorical(counts);

        Assert.False(binning.DetectsNewCategories);
        Assert.Empty(binning.OtherCategories);
        Assert.Equal(binning.OtherSlot, binning.SlotOf("never-seen"));
    }
}
