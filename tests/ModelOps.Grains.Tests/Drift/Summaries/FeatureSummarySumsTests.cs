using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Drift.Summaries;

/// <summary>A <see cref="FeatureSummary"/> as grain state stored it before it kept sums: the same ids, without id 5.</summary>
[GenerateSerializer]
public sealed class FeatureSummaryStoredWithoutSums
{
    [Id(0)] public long[] Slots { get; init; } = [];
    [Id(1)] public Dictionary<string, long> NewCategories { get; init; } = new(StringComparer.Ordinal);
    [Id(2)] public long MissingCount { get; init; }
    [Id(3)] public long NewCount { get; init; }
    [Id(4)] public long Total { get; init; }
}

public sealed class FeatureSummarySumsTests
{
    private static readonly FeatureBinning Percentiles = FeatureBinning.ForNumeric(Enumerable.Range(1, 101).Select(value => (double)value).ToArray());
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Numeric_values_add_up_per_slot_including_under_and_overflow()
    {
        var summary = Summarise(Percentiles, 0.0, -4.0, 1.0, 1.5, "2.25", 101.0, 250.0, 250.0, ScalarValue.Missing);

        var expected = new double[102];
        (expected[0], expected[1], expected[2], expected[100], expected[101]) = (-4.0, 2.5, 2.25, 101.0, 500.0);
        Assert.Equal(expected, summary.SlotSums.ToArray());
    }

    [Fact]
    public void Discrete_and_categorical_features_keep_no_sums()
    {
        var discrete = FeatureBinning.ForNumeric([1.0, 2.0, 3.0]);
        var countries = FeatureBinning.ForCategorical(new Dictionary<string, long> { ["DE"] = 5, ["FR"] = 3 });

        Assert.True(Summarise(discrete, 1.0, 2.0, 7.5).SlotSums.IsEmpty);
        Assert.True(Summarise(countries, "DE", "ES").SlotSums.IsEmpty);
    }

    [Fact]
    public void Merged_sums_are_those_of_one_pass_over_the_whole()
    {
        // Eighths add up exactly, so the order of the additions cannot show.
        var random = new Random(20261129);
        var values = Enumerable.Range(0, 3000).Select(_ => ScalarValue.Of(random.Next(-80, 960) / 8.0)).ToArray();

        var merged = Summarise(Percentiles, values[..1000]);
        merged.Merge(Summarise(Percentiles, values[1000..2500]));
        merged.Merge(Summarise(Percentiles, values[2500..]));

        Assert.Equal(Summarise(Percentiles, values).SlotSums.ToArray(), merged.SlotSums.ToArray());
    }

    [Fact]
    public void A_cleared_summary_sums_as_if_it_were_new()
    {
        var summary = Summarise(Percentiles, 1.5, 250.0);

        summary.Clear();

        Assert.Equal(new double[102], summary.SlotSums.ToArray());
        summary.Add(2.5, Percentiles);
        Assert.Equal(2.5, summary.SlotSums[2]);
    }

    [Fact]
    public void Sums_survive_the_grain_state_serializer_and_keep_adding_up()
    {
        var summary = Summarise(Percentiles, -4.0, 1.5, 1.75, 250.0);

        var restored = Serializer.Deserialize<FeatureSummary>(Serializer.SerializeToArray(summary))!;
        restored.Add(1.25, Percentiles);

        Assert.Equal((-4.0, 4.5, 250.0), (restored.SlotSums[0], restored.SlotSums[1], restored.SlotSums[101]));
        Assert.Equal(summary.SlotCounts[1] + 1, restored.SlotCounts[1]);
    }

    [Fact]
    public void A_summary_stored_before_sums_were_kept_has_unknown_sums_until_it_is_cleared()
    {
        var restored = RestoredWithoutSums(Summarise(Percentiles, 1.5, 250.0));

        restored.Add(1.25, Percentiles);
        Assert.Equal((2L, 1L, 3L), (restored.SlotCounts[1], restored.SlotCounts[101], restored.Total));
        Assert.True(restored.SlotSums.IsEmpty);

        restored.Clear();
        restored.Add(1.25, Percentiles);
        Assert.Equal(1.25, restored.SlotSums[1]);
    }

    [Fact]
    public void Merging_values_of_unknown_sums_makes_the_sums_unknown_but_merging_an_empty_old_summary_does_not()
    {
        var window = Summarise(Percentiles, 1.5);
        window.Merge(RestoredWithoutSums(new FeatureSummary(Percentiles)));
        Assert.Equal(1.5, window.SlotSums[1]);

        window.Merge(RestoredWithoutSums(Summarise(Percentiles, 2.5)));

        Assert.Equal(2, window.SlotCounts[1] + window.SlotCounts[2]);
        Assert.True(window.SlotSums.IsEmpty);
    }

    [Fact]
    public void Numeric_drift_inputs_carry_the_sums_of_both_sides_or_none_for_a_side_that_does_not_know_them()
    {
        var amount = BaselineProfile.Build(BaselineProfileTests.Rows("amount", Enumerable.Range(1, 101).Select(value => ScalarValue.Of(value))), []).Find("amount")!;
        var current = Summarise(amount.Binning, 1.5, 250.0);

        var histograms = DriftInputs.Numeric(amount, current);
        var withOldCurrent = DriftInputs.Numeric(amount, RestoredWithoutSums(current));

        Assert.Equal(amount.Counts.SlotSums.ToArray(), histograms.ReferenceSums);
        Assert.Equal(5151.0, histograms.ReferenceSums!.Sum());
        Assert.Equal(current.SlotSums.ToArray(), histograms.CurrentSums);
        Assert.Equal(histograms.ReferenceSums, withOldCurrent.ReferenceSums);
        Assert.Null(withOldCurrent.CurrentSums);
    }

    /// <summary>The summary as it comes back from grain state written before sums were kept.</summary>
    private static FeatureSummary RestoredWithoutSums(FeatureSummary summary)
    {
        var stored = new FeatureSummaryStoredWithoutSums
        {
            Slots = summary.SlotCounts.ToArray(),
            NewCategories = new Dictionary<string, long>(summary.NewCategories, StringComparer.Ordinal),
            MissingCount = summary.MissingCount,
            NewCount = summary.NewCount,
            Total = summary.Total,
        };
        return Serializer.Deserialize<FeatureSummary>(Serializer.SerializeToArray(stored))!;
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
}
