using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Monitoring;

/// <summary>What a checkpoint writes of a window: the buckets changed since the last one, which restore an older stored copy.</summary>
public sealed class WindowChangesTests
{
    private const long T = 1_800_000_000;
    private readonly Serializer serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void An_older_stored_copy_with_the_changed_buckets_restored_equals_the_current_window()
    {
        var window = new MetricsWindow(TimeSpan.FromSeconds(10));
        window.Record(new Observation(T, 10, false, LabelOutcome.Correct), T);
        window.Record(new Observation(T + 1, 20, true, LabelOutcome.Incorrect), T + 1);
        window.TakeChanges();
        var stored = serializer.SerializeToArray(window);
        // Into a stored second, a new one, a late event (counted in the current second) and one that takes the slot of T.
        window.Record(new Observation(T + 1, 30, false, LabelOutcome.Unlabelled), T + 5);
        window.Record(new Observation(T + 5, 40, false, LabelOutcome.Correct), T + 5);
        window.Record(new Observation(T - 20, 50, false, LabelOutcome.Correct), T + 10);
        window.Record(new Observation(T + 10, 60, false, LabelOutcome.Correct), T + 10);

        var changes = window.TakeChanges();
        var restored = serializer.Deserialize<MetricsWindow>(stored)!;
        foreach (var bucket in serializer.Deserialize<MetricsBucket[]>(serializer.SerializeToArray(changes.ToArray()))!)
        {
            restored.Restore(bucket);
        }

        Assert.Equal([T + 1, T + 5, T + 10], changes.Select(bucket => bucket.Second));
        Assert.Equal([], window.TakeChanges());
        Assert.Equal(window.Snapshot(T + 10, ModelTask.Classification), restored.Snapshot(T + 10, ModelTask.Classification));
        Assert.Equal(window.History(T + 10, ModelTask.Classification), restored.History(T + 10, ModelTask.Classification));
        Assert.Equal((4, 1), (restored.Snapshot(T + 10, ModelTask.Classification).Count, restored.Snapshot(T + 10, ModelTask.Classification).LateEvents));
    }

    [Fact]
    public void A_restored_bucket_never_replaces_a_newer_second_in_its_slot()
    {
        var window = new MetricsWindow(TimeSpan.FromSeconds(10));
        window.Record(new Observation(T, 10, false, LabelOutcome.Correct), T);
        var older = window.TakeChanges().Single();
        window.Record(new Observation(T + 10, 20, false, LabelOutcome.Correct), T + 10);

        window.Restore(older);

        Assert.Equal([T + 10], window.SecondsWithEvents(long.MinValue, long.MaxValue));
    }

    [Fact]
    public void Sealed_minutes_restore_an_older_stored_ring()
    {
        var window = new MetricsWindow(TimeSpan.FromMinutes(5));
        var minutes = new MinuteHistory(60);
        var start = T - T % 60;
        window.Record(new Observation(start, 10, false, LabelOutcome.Correct), start);
        minutes.Advance(window, start + 60, ModelTask.Classification);
        minutes.TakeSealed();
        var stored = serializer.SerializeToArray(minutes);
        window.Record(new Observation(start + 60, 20, false, LabelOutcome.Incorrect), start + 60);
        minutes.Advance(window, start + 120, ModelTask.Classification);

        var sealedMinutes = minutes.TakeSealed();
        var restored = serializer.Deserialize<MinuteHistory>(stored)!;
        foreach (var minute in sealedMinutes)
        {
            restored.Restore(minute);
        }

        Assert.Equal([start / 60 + 1], sealedMinutes.Select(point => point.Minute));
        Assert.Equal(minutes.Points(start, start + 120, start + 120), restored.Points(start, start + 120, start + 120));
        Assert.Equal([1L, 1L], restored.Points(start, start + 120, start + 120).Select(point => point.Count));
    }
}
