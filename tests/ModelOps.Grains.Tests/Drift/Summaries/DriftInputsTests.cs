using ModelOps.Contracts;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Tests.Drift.Summaries;

public sealed class DriftInputsTests
{
    private static readonly FeatureDefinition[] Declared =
    [
        new() { Name = "amount", Type = FeatureType.Numeric },
        new() { Name = "country", Type = FeatureType.Categorical },
    ];

    [Fact]
    public void Current_data_identical_to_the_baseline_gives_identical_numeric_histograms_and_no_drift()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5000).Select(_ => ScalarValue.Of(random.NextDouble() * 50)).ToArray();
        var amount = BaselineProfile.Build(BaselineProfileTests.Rows("amount", values), Declared).Find("amount")!;

        var histograms = DriftInputs.Numeric(amount, Summarise(amount, values));

        Assert.Equal(histograms.Reference, histograms.Current);
        Assert.Equal(amount.Binning.Edges, histograms.Edges);
        Assert.Equal(amount.StandardDeviation, histograms.ReferenceStandardDeviation);
        Assert.Equal(new StatisticResult(1.0, 0.0), KolmogorovSmirnov.Compute(histograms));
    }

    [Fact]
    public void Current_data_identical_to_the_baseline_gives_identical_category_counts()
    {
        ScalarValue[] values = ["DE", "DE", "FR", ScalarValue.Missing, "IT", "DE"];
        var country = BaselineProfile.Build(BaselineProfileTests.Rows("country", values), Declared).Find("country")!;

        var counts = DriftInputs.Categorical(country, Summarise(country, values));

        Assert.Equal(["DE", "FR", "IT"], counts.Categories);
        Assert.Equal([3L, 1L, 1L], counts.Reference);
        Assert.Equal(counts.Reference, counts.Current);
        Assert.Equal(new StatisticResult(0.0), JensenShannon.Compute(counts.Reference, counts.Current));
    }

    [Fact]
    public void New_categories_follow_the_baseline_ones_with_a_baseline_count_of_zero()
    {
        var country = BaselineProfile.Build(BaselineProfileTests.Rows("country", ["DE", "DE", "FR"]), Declared).Find("country")!;

        var counts = DriftInputs.Categorical(country, Summarise(country, ["DE", "PL", "ES", "ES", ScalarValue.Missing]));

        Assert.Equal(["DE", "FR", "ES", "PL"], counts.Categories);
        Assert.Equal([2L, 1L, 0L, 0L], counts.Reference);
        Assert.Equal([1L, 0L, 2L, 1L], counts.Current);
    }

    [Fact]
    public void Baseline_categories_outside_the_top_ones_and_unnamed_new_categories_get_an_entry_of_their_own()
    {
        var baselineValues = Enumerable.Range(0, FeatureBinning.MaxCategories + 2)
            .SelectMany(index => Enumerable.Repeat(ScalarValue.Of($"c{index:000}"), index < FeatureBinning.MaxCategories ? 2 : 1));
        var country = BaselineProfile.Build(BaselineProfileTests.Rows("country", baselineValues), Declared).Find("country")!;
        var current = Summarise(country, Enumerable.Range(0, 15).Select(index => ScalarValue.Of($"new-{index:00}")).Append("c101"));
        current.Merge(Summarise(country, Enumerable.Range(15, 15).Select(index => ScalarValue.Of($"new-{index:00}"))));

        var counts = DriftInputs.Categorical(country, current);

        Assert.Equal(FeatureBinning.MaxCategories + 1 + FeatureSummary.MaxNewCategories + 1, counts.Categories.Length);
        Assert.Equal(DriftInputs.OtherLabel, counts.Categories[FeatureBinning.MaxCategories]);
        Assert.Equal(2, counts.Reference[FeatureBinning.MaxCategories]);
        Assert.Equal(1, counts.Current[FeatureBinning.MaxCategories]);
        Assert.Equal(Enumerable.Range(0, 20).Select(index => $"new-{index:00}"), counts.Categories[(FeatureBinning.MaxCategories + 1)..^1]);
        Assert.Equal(DriftInputs.OtherNewLabel, counts.Categories[^1]);
        Assert.Equal(0, counts.Reference[^1]);
        Assert.Equal(10, counts.Current[^1]);
        Assert.Equal(30, counts.Current.Skip(FeatureBinning.MaxCategories + 1).Sum());
    }

    [Fact]
    public void A_discrete_feature_is_compared_by_category()
    {
        var amount = BaselineProfile.Build(BaselineProfileTests.Rows("amount", [1.0, 2.0, 2.0, 3.0]), Declared).Find("amount")!;

        var counts = DriftInputs.Categorical(amount, Summarise(amount, [2.0, 4.0]));

        Assert.Equal(BinningKind.Discrete, amount.Binning.Kind);
        Assert.Equal(["1", "2", "3", "4"], counts.Categories);
        Assert.Equal([1L, 2L, 1L, 0L], counts.Reference);
        Assert.Equal([0L, 1L, 0L, 1L], counts.Current);
        Assert.Throws<ArgumentException>(() => DriftInputs.Numeric(amount, Summarise(amount, [2.0])));
    }

    private static FeatureSummary Summarise(FeatureBaseline baseline, IEnumerable<ScalarValue> values)
    {
        var summary = baseline.NewSummary();
        foreach (var value in values)
        {
            summary.Add(value, baseline.Binning);
        }
        return summary;
    }
}
