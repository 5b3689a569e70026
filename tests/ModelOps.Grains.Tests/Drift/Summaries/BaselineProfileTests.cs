using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Drift.Summaries;

public sealed class BaselineProfileTests
{
    private static readonly FeatureDefinition[] Declared =
    [
        new() { Name = "amount", Type = FeatureType.Numeric },
        new() { Name = "country", Type = FeatureType.Categorical },
    ];

    [Fact]
    public void Declared_features_come_first_and_undeclared_ones_are_typed_by_their_first_present_value()
    {
        IReadOnlyDictionary<string, ScalarValue>[] rows =
        [
            new Dictionary<string, ScalarValue> { ["country"] = "DE", ["segment"] = ScalarValue.Missing, ["age"] = 31.0 },
            new Dictionary<string, ScalarValue> { ["amount"] = 10.0, ["segment"] = "gold", ["empty"] = ScalarValue.Missing },
        ];

        var profile = BaselineProfile.Build(rows, Declared);

        Assert.Equal(["amount", "country", "age", "segment", "empty"], profile.Features.Select(feature => feature.Name));
        Assert.Equal(
            [FeatureType.Numeric, FeatureType.Categorical, FeatureType.Numeric, FeatureType.Categorical, FeatureType.Categorical],
            profile.Features.Select(feature => feature.Type));
        Assert.Equal([false, false, true, true, true], profile.Features.Select(feature => feature.Learned));
        Assert.Equal(2, profile.RowCount);
    }

    [Fact]
    public void Missing_values_and_absent_columns_are_counted_per_feature()
    {
        IReadOnlyDictionary<string, ScalarValue>[] rows =
        [
            new Dictionary<string, ScalarValue> { ["amount"] = 1.0, ["country"] = ScalarValue.Missing },
            new Dictionary<string, ScalarValue> { ["amount"] = ScalarValue.Missing, ["country"] = "DE" },
            new Dictionary<string, ScalarValue> { ["country"] = "FR" },
        ];

        var profile = BaselineProfile.Build(rows, Declared);

        Assert.Equal(2, profile.Find("amount")!.Counts.MissingCount);
        Assert.Equal(1, profile.Find("country")!.Counts.MissingCount);
        Assert.Equal(3, profile.Find("country")!.Counts.Total);
    }

    [Fact]
    public void A_numeric_baseline_keeps_its_population_standard_deviation_and_counts_every_value_inside_the_edges()
    {
        var profile = BaselineProfile.Build(Rows("amount", Enumerable.Range(1, 101).Select(value => ScalarValue.Of(value))), Declared);

        var amount = profile.Find("amount")!;
        Assert.Equal(Math.Sqrt(850), amount.StandardDeviation);
        Assert.Equal(BinningKind.Numeric, amount.Binning.Kind);
        Assert.Equal(0, amount.Counts.SlotCounts[0]);
        Assert.Equal(0, amount.Counts.SlotCounts[^1]);
        Assert.Equal(2, amount.Counts.SlotCounts[100]);
        Assert.Equal(101, amount.Counts.Total);
    }

    [Fact]
    public void A_profile_survives_the_grain_state_serializer_and_keeps_counting_the_same()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var rows = Rows("amount", Enumerable.Range(1, 101).Select(value => ScalarValue.Of(value)))
            .Concat(Rows("country", ["DE", "DE", "FR"]))
            .ToArray();
        var profile = BaselineProfile.Build(rows, Declared);

        var restored = serializer.Deserialize<BaselineProfile>(serializer.SerializeToArray(profile))!;

        var country = restored.Find("country")!;
        var summary = serializer.Deserialize<FeatureSummary>(serializer.SerializeToArray(country.NewSummary()))!;
        summary.Add("FR", country.Binning);
        summary.Add("ES", country.Binning);
        Assert.Equal(["DE", "FR"], country.Binning.Categories);
        Assert.Equal([0L, 1L, 0L], summary.SlotCounts.ToArray());
        Assert.Equal(new Dictionary<string, long> { ["ES"] = 1 }, summary.NewCategories);
        Assert.Equal(profile.Find("amount")!.Binning.Edges, restored.Find("amount")!.Binning.Edges);
        Assert.Equal(profile.Find("amount")!.Counts.SlotCounts.ToArray(), restored.Find("amount")!.Counts.SlotCounts.ToArray());
        Assert.Equal(Math.Sqrt(850), restored.Find("amount")!.StandardDeviation);
    }

    internal static IReadOnlyDictionary<string, ScalarValue>[] Rows(string feature, IEnumerable<ScalarValue> values) =>
        values.Select(value => (IReadOnlyDictionary<string, ScalarValue>)new Dictionary<string, ScalarValue> { [feature] = value }).ToArray();
}
