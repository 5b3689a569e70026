using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

/// <summary>Snapshots of the newest part of a window, for alert rules with a shorter window than the model's.</summary>
public sealed class MetricsWindowSpanTests
{
    private const long T = 1_800_000_000;

    private readonly MetricsWindow window = new(TimeSpan.FromSeconds(10));

    [Fact]
    public void A_span_snapshot_counts_only_the_newest_seconds_and_divides_throughput_by_them()
    {
        for (var second = T; second <= T + 9; second++)
        {
            Record(second, count: (int)(second - T + 1));
        }

        var newest = window.Snapshot(T + 9, ModelTask.Classification, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), newest.Window);
        Assert.Equal(8 + 9 + 10, newest.Count);
        Assert.Equal(9.0, newest.ThroughputPerSec);
        Assert.Equal(55, window.Snapshot(T + 9, ModelTask.Classification).Count);
    }

    [Fact]
    public void Throughput_over_a_span_counts_only_the_seconds_observed_since_the_first_event()
    {
        Record(T, count: 4);
        Record(T + 1, count: 2);

        var snapshot = window.Snapshot(T + 1, ModelTask.Classification, TimeSpan.FromSeconds(5));

        Assert.Equal(6, snapshot.Count);
        Assert.Equal(3.0, snapshot.ThroughputPerSec);
        // Once the first event is older than the span, the whole span counts: 2 events in seconds T+1 and T+2.
        Assert.Equal(1.0, window.Snapshot(T + 2, ModelTask.Classification, TimeSpan.FromSeconds(2)).ThroughputPerSec);
    }

    [Fact]
    public void A_span_snapshot_computes_every_metric_over_the_span_only()
    {
        window.Record(new Observation(T, 10, Error: false, LabelOutcome.Correct), T);
        window.Record(new Observation(T + 5, 30, Error: true, LabelOutcome.Incorrect), T + 5);

        var newest = window.Snapshot(T + 5, ModelTask.Classification, TimeSpan.FromSeconds(2));
        var whole = window.Snapshot(T + 5, ModelTask.Classification);

        Assert.Equal((1L, 0.0, 1.0, 30.0), (newest.Count, newest.Accuracy!.Value, newest.ErrorRate!.Value, newest.Latency.Mean!.Value));
        Assert.Equal((2L, 0.5, 0.5, 20.0), (whole.Count, whole.Accuracy!.Value, whole.ErrorRate!.Value, whole.Latency.Mean!.Value));
    }

    [Fact]
    public void A_span_is_whole_seconds_rounded_up_and_at_most_the_window()
    {
        Record(T, count: 1);
        Record(T + 8, count: 1);
        Record(T + 9, count: 1);

        Assert.Equal((TimeSpan.FromSeconds(2), 2L), Of(window.Snapshot(T + 9, ModelTask.Classification, TimeSpan.FromMilliseconds(1500))));
        Assert.Equal((TimeSpan.FromSeconds(10), 3L), Of(window.Snapshot(T + 9, ModelTask.Classification, TimeSpan.FromMinutes(5))));
        Assert.Equal((TimeSpan.FromSeconds(10), 3L), Of(window.Snapshot(T + 9, ModelTask.Classification, span: null)));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Snapshot(T + 9, ModelTask.Classification, TimeSpan.Zero));
    }

    private void Record(long second, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(window.Record(new Observation(second, 10, Error: false, LabelOutcome.Unlabelled), second));
        }
    }

    private static (TimeSpan, long) Of(MetricsSnapshot snapshot) => (snapshot.Window, snapshot.Count);
}
