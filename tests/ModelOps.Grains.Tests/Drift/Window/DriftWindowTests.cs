using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Drift.Window;

public sealed class DriftWindowTests
{
    private static readonly string[] Countries = ["DE", "FR", "IT", "ES"];

    private static readonly BaselineProfile Baseline = BaselineProfile.Build(
        Enumerable.Range(0, 100).Select(i => Row(i, i % 2 == 0 ? "DE" : "FR")).ToArray(),
        [new() { Name = "amount", Type = FeatureType.Numeric }, new() { Name = "country", Type = FeatureType.Categorical }]);

    [Fact]
    public void A_one_hour_window_by_default_has_sixty_one_minute_buckets()
    {
        var window = new DriftWindow(Baseline);

        Assert.Equal(TimeSpan.FromHours(1), window.Length);
        Assert.Equal(TimeSpan.FromMinutes(1), window.BucketLength);
        Assert.Equal(TimeSpan.FromSeconds(5), new DriftWindow(Baseline, TimeSpan.FromMinutes(5)).BucketLength);
    }

    [Fact]
    public void A_window_that_does_not_split_into_sixty_whole_second_buckets_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DriftWindow(Baseline, TimeSpan.FromSeconds(90)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DriftWindow(Baseline, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void When_the_ring_rolls_over_the_oldest_bucket_is_reused_for_the_newest_minute()
    {
        var window = new DriftWindow(Baseline);
        window.Record(Row(1, "DE"), second: 0, nowSecond: 0);
        window.Record(Row(2, "DE"), second: 3599, nowSecond: 3599);
        Assert.Equal(2, window.Merge(nowSecond: 3599).Count);

        window.Record(Row(3, "FR"), second: 3600, nowSecond: 3600);

        var merged = window.Merge(nowSecond: 3600);
        Assert.Equal(2, merged.Count);
        Assert.Equal(60, merged.FromSecond);
        Assert.Equal(3601, merged.ToSecond);
        Assert.Equal(1, merged.Features["country"].SlotCounts[Baseline.Find("country")!.Binning.SlotOf("FR")]);
        Assert.Equal(1, merged.Features["country"].SlotCounts[Baseline.Find("country")!.Binning.SlotOf("DE")]);
    }

    [Fact]
    public void An_event_older_than_the_window_is_late_and_one_from_the_future_is_counted_now()
    {
        var window = new DriftWindow(Baseline);

        Assert.False(window.Record(Row(1, "DE"), second: 0, nowSecond: 3600));
        Assert.True(window.Record(Row(1, "DE"), second: 9000, nowSecond: 3650));

        Assert.Equal(1, window.Merge(fromSecond: 3600, toSecond: 3660, nowSecond: 3650).Count);
        Assert.Equal(1, window.Merge(nowSecond: 3650).Count);
    }

    [Fact]
    public void Merging_a_sub_range_merges_the_whole_buckets_it_overlaps_and_says_which()
    {
        var window = new DriftWindow(Baseline);
        foreach (var second in new long[] { 30, 90, 150, 210 })
        {
            window.Record(Row(second, "DE"), second, nowSecond: 300);
        }

        var twoBuckets = window.Merge(fromSecond: 60, toSecond: 180, nowSecond: 300);
        var partOfOneBucket = window.Merge(fromSecond: 100, toSecond: 120, nowSecond: 300);

        Assert.Equal((60L, 180L, 2L), (twoBuckets.FromSecond, twoBuckets.ToSecond, twoBuckets.Count));
        Assert.Equal(2, twoBuckets.Features["amount"].Total);
        Assert.Equal(1, twoBuckets.Features["amount"].SlotCounts[^1]);
        Assert.Equal((60L, 120L, 1L), (partOfOneBucket.FromSecond, partOfOneBucket.ToSecond, partOfOneBucket.Count));
    }

    [Fact]
    public void A_range_before_the_window_or_with_no_seconds_covers_nothing()
    {
        var window = new DriftWindow(Baseline);
        window.Record(Row(5, "DE"), second: 7200, nowSecond: 7200);

        var beforeTheWindow = window.Merge(fromSecond: 0, toSecond: 1000, nowSecond: 7200);
        var empty = window.Merge(fromSecond: 7200, toSecond: 7200, nowSecond: 7200);

        Assert.Equal((3660L, 3660L, 0L), (beforeTheWindow.FromSecond, beforeTheWindow.ToSecond, beforeTheWindow.Count));
        Assert.Equal(0, empty.Count);
        Assert.Equal(empty.FromSecond, empty.ToSecond);
    }

    [Fact]
    public void A_feature_absent_from_the_event_or_an_event_without_features_counts_as_missing()
    {
        var window = new DriftWindow(Baseline);

        window.Record(new Dictionary<string, ScalarValue> { ["amount"] = 5.0, ["unknown"] = "x" }, second: 10, nowSecond: 10);
        window.Record(new Dictionary<string, ScalarValue> { ["country"] = "DE", ["amount"] = ScalarValue.Missing }, second: 10, nowSecond: 10);
        window.Record(features: null, second: 10, nowSecond: 10);

        var merged = window.Merge(nowSecond: 10);
        Assert.Equal(3, merged.Count);
        Assert.Equal((3L, 2L), (merged.Features["amount"].Total, merged.Features["amount"].MissingCount));
        Assert.Equal((3L, 2L), (merged.Features["country"].Total, merged.Features["country"].MissingCount));
        Assert.Equal(["amount", "country"], merged.Features.Keys.Order());
    }

    [Fact]
    public void A_new_baseline_starts_an_empty_window_over_its_own_features()
    {
        var old = new DriftWindow(Baseline);
        old.Record(Row(5, "DE"), second: 10, nowSecond: 10);
        var replacement = BaselineProfile.Build(
            Enumerable.Range(0, 10).Select(i => (IReadOnlyDictionary<string, ScalarValue>)new Dictionary<string, ScalarValue> { ["segment"] = "gold" }).ToArray(),
            []);

        var fresh = new DriftWindow(replacement).Merge(nowSecond: 10);

        Assert.Equal(0, fresh.Count);
        Assert.Equal(["segment"], fresh.Features.Keys);
        Assert.Equal(0, fresh.Features["segment"].Total);
    }

    [Fact]
    public void A_window_survives_the_grain_state_serializer_and_keeps_counting()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var window = new DriftWindow(Baseline);
        window.Record(Row(5, "DE"), second: 3610, nowSecond: 3610);

        var restored = serializer.Deserialize<DriftWindow>(serializer.SerializeToArray(window))!;
        restored.Record(Row(6, "FR"), second: 3670, nowSecond: 3670);

        var merged = restored.Merge(nowSecond: 3670);
        Assert.Equal((120L, 3671L, 2L), (merged.FromSecond, merged.ToSecond, merged.Count));
        Assert.Equal(2, merged.Features["amount"].Total);
    }

    [Fact]
    public void The_whole_window_merges_the_same_whether_its_settled_buckets_were_merged_before_or_not()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var window = new DriftWindow(Baseline);
        // In order: the first buckets; a late event into a settled bucket and one into the bucket before the newest;
        // a full window; the ring rolling over; late events after the roll; time passing without events; an event from the future.
        (long Second, long Now)[] events =
        [
            (30, 30), (90, 90), (200, 200), (70, 200), (150, 200), (3590, 3590),
            (3600, 3600), (3500, 3600), (3599, 3610), (3660, 3700), (3700, 3800), (9000, 3800),
        ];
        var i = 0;
        foreach (var (second, now) in events)
        {
            window.Record(Row(second % 97 + 0.1 * i, Countries[i++ % Countries.Length]), second, now);

            // A restored window has no merge of its settled buckets yet, so it merges every bucket afresh.
            var afresh = serializer.Deserialize<DriftWindow>(serializer.SerializeToArray(window))!.Merge(now);
            Assert.Equal(Contents(afresh), Contents(window.Merge(now)));
            Assert.Equal(Contents(afresh), Contents(window.Merge(now)));
        }
        var later = serializer.Deserialize<DriftWindow>(serializer.SerializeToArray(window))!.Merge(7000);
        Assert.Equal(Contents(later), Contents(window.Merge(7000)));
    }

    /// <summary>Everything a merge holds, exactly: sums as round-trip text.</summary>
    private static string Contents(DriftWindowData data) => string.Join(" | ", data.Features.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
        $"{pair.Key}: {string.Join(",", pair.Value.SlotCounts.ToArray())}; {string.Join(",", pair.Value.SlotSums.ToArray().Select(sum => sum.ToString("R", CultureInfo.InvariantCulture)))}; "
        + $"{pair.Value.MissingCount} {pair.Value.NewCount} {pair.Value.Total}; {string.Join(",", pair.Value.NewCategories.OrderBy(entry => entry.Key, StringComparer.Ordinal))}")
        .Prepend($"{data.FromSecond}-{data.ToSecond}: {data.Count}"));

    private static IReadOnlyDictionary<string, ScalarValue> Row(double amount, string country) =>
        new Dictionary<string, ScalarValue> { ["amount"] = amount, ["country"] = country };

    [Fact]
    public void An_older_stored_copy_with_the_changed_buckets_restored_merges_like_the_current_window()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var window = new DriftWindow(Baseline);
        window.Record(Row(1, "DE"), second: 3600, nowSecond: 3600);
        window.Record(Row(2, "FR"), second: 3660, nowSecond: 3660);
        window.TakeChanges();
        var stored = serializer.SerializeToArray(window);
        // Into a stored bucket, a new one, and one that takes the slot of a stored bucket an hour older.
        window.Record(Row(3, "IT"), second: 3660, nowSecond: 3700);
        window.Record(Row(4, "DE"), second: 3720, nowSecond: 3720);
        window.Record(Row(5, "ES"), second: 7200, nowSecond: 7200);

        var changes = window.TakeChanges();
        var restored = serializer.Deserialize<DriftWindow>(stored)!;
        foreach (var bucket in serializer.Deserialize<DriftBucket[]>(serializer.SerializeToArray(changes.ToArray()))!)
        {
            restored.Restore(bucket);
        }

        Assert.Equal([61L, 62L, 120L], changes.Select(bucket => bucket.Index));
        Assert.Equal([], window.TakeChanges());
        Assert.Equal(Contents(window.Merge(7200)), Contents(restored.Merge(7200)));
        Assert.Equal(4, restored.Merge(7200).Count);
    }
}
