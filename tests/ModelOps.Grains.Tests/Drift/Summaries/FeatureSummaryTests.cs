using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Tests.Drift.Summaries;

public sealed class FeatureSummaryTests
{
    private static readonly FeatureBinning Percentiles = FeatureBinning.ForNumeric(Enumerable.Range(1, 101).Select(value => (double)value).ToArray());
    private static readonly FeatureBinning Countries = FeatureBinning.ForCategorical(new Dictionary<string, long> { ["DE"] = 5, ["FR"] = 3, ["IT"] = 1 });

    [Fact]
    public void Numeric_values_are_counted_in_their_bins_with_under_and_overflow()
    {
        var summary = Summarise(Percentiles, 0.0, -4.0, 1.0, 1.5, 101.0, 250.0, 250.0);

        Assert.Equal(2, summary.SlotCounts[0]);
        Assert.Equal(2, summary.SlotCounts[1]);
        Assert.Equal(1, summary.SlotCounts[100]);
        Assert.Equal(2, summary.SlotCounts[101]);
        Assert.Equal(7, summary.Total);
        Assert.Equal(0, summary.NewCount);
    }

    [Fact]
    public void Missing_values_and_text_that_is_not_a_number_are_counted_as_missing_in_a_numeric_feature()
    {
        var summary = Summarise(Percentiles, ScalarValue.Missing, "n/a", "42", 42.0, ScalarValue.Missing);

        Assert.Equal(3, summary.MissingCount);
        Assert.Equal(2, summary.SlotCounts[42]);
        Assert.Equal(5, summary.Total);
    }

    [Fact]
    public void Categories_are_counted_in_their_slots_and_unseen_ones_as_new()
    {
        var summary = Summarise(Countries, "DE", "DE", "IT", "ES", "ES", "PL", ScalarValue.Missing);

        Assert.Equal([2L, 0L, 1L, 0L], summary.SlotCounts.ToArray());
        Assert.Equal(3, summary.NewCount);
        Assert.Equal(new Dictionary<string, long> { ["ES"] = 2, ["PL"] = 1 }, summary.NewCategories);
        Assert.Equal(1, summary.MissingCount);
        Assert.Equal(7, summary.Total);
    }

    [Fact]
    public void A_number_in_a_categorical_feature_is_the_category_of_its_invariant_text()
    {
        var binning = FeatureBinning.ForCategorical(new Dictionary<string, long> { ["3"] = 1, ["0.5"] = 1 });

        var summary = Summarise(binning, 3.0, 0.5, "3");

        Assert.Equal(2, summary.SlotCounts[binning.SlotOf("3")]);
        Assert.Equal(1, summary.SlotCounts[binning.SlotOf("0.5")]);
    }

    [Fact]
    public void A_value_a_discrete_feature_never_held_is_a_new_category()
    {
        var binning = FeatureBinning.ForNumeric([1.0, 2.0, 3.0]);

        var summary = Summarise(binning, 1.0, 3.0, 3.0, 7.5);

        Assert.Equal([1L, 0L, 2L, 0L], summary.SlotCounts.ToArray());
        Assert.Equal(new Dictionary<string, long> { ["7.5"] = 1 }, summary.NewCategories);
    }

    [Fact]
    public void Merging_summaries_of_parts_gives_the_counts_of_one_pass_over_the_whole()
    {
        var random = new Random(20261129);
        var numbers = Enumerable.Range(0, 3000).Select(_ => random.Next(10) == 0 ? ScalarValue.Missing : ScalarValue.Of(random.NextDouble() * 120 - 10)).ToArray();
        string[] pool = ["DE", "FR", "IT", "ES", "PL", "NL"];
        var categories = Enumerable.Range(0, 3000).Select(_ => random.Next(10) == 0 ? ScalarValue.Missing : ScalarValue.Of(pool[random.Next(pool.Length)])).ToArray();

        AssertMergeEqualsOnePass(Percentiles, numbers);
        AssertMergeEqualsOnePass(Countries, categories);
    }

    [Fact]
    public void A_cleared_summary_counts_as_if_it_were_new()
    {
        var summary = Summarise(Countries, "DE", "ES", ScalarValue.Missing);

        summary.Clear();

        Assert.Equal([0L, 0L, 0L, 0L], summary.SlotCounts.ToArray());
        Assert.Empty(summary.NewCategories);
        Assert.Equal((0L, 0L, 0L), (summary.MissingCount, summary.NewCount, summary.Total));
        summary.Add("FR", Countries);
        Assert.Equal([0L, 1L, 0L, 0L], summary.SlotCounts.ToArray());
        Assert.Equal(1, summary.Total);
    }

    [Fact]
    public void Ten_thousand_distinct_new_categories_keep_no_more_than_twenty_names_and_an_exact_total()
    {
        var summary = new FeatureSummary(Countries);
        for (var i = 0; i < 1000; i++)
        {
            summary.Add("hot", Countries);
        }
        for (var i = 0; i < 10_000; i++)
        {
            summary.Add($"new-{i}", Countries);
        }

        Assert.Equal(FeatureSummary.MaxNewCategories, summary.NewCategories.Count);
        Assert.Equal(11_000, summary.NewCount);
        Assert.Equal(1000, summary.NewCategories["hot"]);
        Assert.Equal(11_000, summary.NewCategories.Values.Sum());
    }

    [Fact]
    public void Merging_summaries_with_many_new_categories_stays_within_the_bound()
    {
        var left = new FeatureSummary(Countries);
        var right = new FeatureSummary(Countries);
        for (var i = 0; i < 30; i++)
        {
            left.Add($"left-{i}", Countries);
            right.Add($"right-{i}", Countries);
        }
        right.Add("left-0", Countries);

        left.Merge(right);

        Assert.Equal(FeatureSummary.MaxNewCategories, left.NewCategories.Count);
        Assert.Equal(61, left.NewCount);
        Assert.True(left.NewCategories.Values.Sum() <= left.NewCount);
    }

    [Fact]
    public void Summaries_over_different_binnings_do_not_merge()
    {
        var exception = Assert.Throws<ArgumentException>(() => new FeatureSummary(Percentiles).Merge(new FeatureSummary(Countries)));

        Assert.StartsWith("Summaries merge only over the same binning; got 4 slots against 102.", exception.Message);
    }

    private static FeatureSummary Summarise(FeatureBinning binning, params ScalarValue[] values)
    {
        var summary = new FeatureSummary(binning);
        foreach (var value in values)
        {
            summary.Add(value, binning);
        }
        return summary;
    }

    private static void AssertMergeEqualsOnePass(FeatureBinning binning, ScalarValue[] values)
    {
        var whole = Summarise(binning, values);
        var merged = Summarise(binning, values[..1000]);
        merged.Merge(Summarise(binning, values[1000..2500]));
        merged.Merge(Summarise(binning, values[2500..]));

        Assert.Equal(whole.SlotCounts.ToArray(), merged.SlotCounts.ToArray());
        Assert.Equal(whole.NewCategories, merged.NewCategories);
        Assert.Equal((whole.MissingCount, whole.NewCount, whole.Total), (merged.MissingCount, merged.NewCount, merged.Total));
        Assert.Equal(values.Length, merged.Total);
    }
}
