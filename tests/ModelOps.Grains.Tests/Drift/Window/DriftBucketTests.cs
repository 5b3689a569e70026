using System.Collections.ObjectModel;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Tests.Drift.Window;

public sealed class DriftBucketTests
{
    private static readonly BaselineProfile Baseline = BaselineProfile.Build(
        Enumerable.Range(0, 100).Select(i => Event(("amount", i), ("country", i % 3 == 0 ? "DE" : "FR"), ("age", 20 + i % 50), ("plan", i % 2 == 0 ? "free" : "pro"))).ToArray(),
        [
            new() { Name = "amount", Type = FeatureType.Numeric },
            new() { Name = "country", Type = FeatureType.Categorical },
            new() { Name = "age", Type = FeatureType.Numeric },
            new() { Name = "plan", Type = FeatureType.Categorical },
        ]);

    public static TheoryData<string> Layouts => ["baseline order", "reversed", "extra in the middle", "gap in the middle", "case-insensitive keys", "not a Dictionary", "no features"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_feature_counts_the_value_its_name_looks_up_in_the_event_whatever_the_event_lists_around_it(string layout)
    {
        var events = Enumerable.Range(0, 50).Select(i => Layout(layout, i)).ToArray();
        var bucket = new DriftBucket(Baseline);

        foreach (var features in events)
        {
            bucket.Record(features, Baseline);
        }

        for (var column = 0; column < Baseline.Features.Length; column++)
        {
            var feature = Baseline.Features[column];
            var expected = feature.NewSummary();
            foreach (var features in events)
            {
                expected.Add(features is not null && features.TryGetValue(feature.Name, out var value) ? value : ScalarValue.Missing, feature.Binning);
            }
            var actual = bucket.Summaries[column];
            Assert.Equal(expected.SlotCounts.ToArray(), actual.SlotCounts.ToArray());
            Assert.Equal(expected.SlotSums.ToArray(), actual.SlotSums.ToArray());
            Assert.Equal((expected.Total, expected.MissingCount, expected.NewCount), (actual.Total, actual.MissingCount, actual.NewCount));
            Assert.Equal(expected.NewCategories, actual.NewCategories);
        }
        Assert.Equal(50, bucket.Count);
    }

    private static IReadOnlyDictionary<string, ScalarValue>? Layout(string layout, int i)
    {
        (string, ScalarValue)[] inOrder = [("amount", i * 1.5), ("country", i % 4 == 0 ? "ES" : "DE"), ("age", 30 + i % 7), ("plan", "pro")];
        return layout switch
        {
            "baseline order" => Event(inOrder),
            "reversed" => Event([.. inOrder.Reverse()]),
            "extra in the middle" => Event(inOrder[0], ("session", "s1"), inOrder[1], inOrder[2], inOrder[3]),
            "gap in the middle" => Event(inOrder[0], inOrder[2], inOrder[3]),
            "case-insensitive keys" => new Dictionary<string, ScalarValue>(StringComparer.OrdinalIgnoreCase)
            {
                ["amount"] = inOrder[0].Item2,
                ["COUNTRY"] = inOrder[1].Item2,
                ["age"] = inOrder[2].Item2,
                ["Plan"] = inOrder[3].Item2,
            },
            "not a Dictionary" => new ReadOnlyDictionary<string, ScalarValue>(new Dictionary<string, ScalarValue>(Event(inOrder))),
            _ => null,
        };
    }

    private static IReadOnlyDictionary<string, ScalarValue> Event(params (string Name, ScalarValue Value)[] features) =>
        features.ToDictionary(feature => feature.Name, feature => feature.Value, StringComparer.Ordinal);
}
