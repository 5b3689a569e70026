using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

public sealed class MetricsWindowTests
{
    private const int WindowSeconds = 10;
    private const long T = 1_800_000_000;

    private readonly MetricsWindow window = new(TimeSpan.FromSeconds(WindowSeconds));

    [Fact]
    public void An_event_is_counted_until_the_last_second_of_its_window_and_is_gone_one_second_later()
    {
        Assert.True(window.Record(At(T), T));

        for (var now = T; now <= T + WindowSeconds - 1; now++)
        {
            Assert.Equal(1, window.Snapshot(now, ModelTask.Classification).Count);
            Assert.True(window.HasData(now));
        }
        Assert.Equal(0, window.Snapshot(T + WindowSeconds, ModelTask.Classification).Count);
        Assert.False(window.HasData(T + WindowSeconds));
    }

    [Fact]
    public void A_clock_stepping_back_does_not_reset_a_newer_second()
    {
        Assert.True(window.Record(At(T), T));

        // The clock steps back a whole window: the event's slot in the ring holds second T.
        var accepted = window.Record(At(T - WindowSeconds), T - WindowSeconds);

        Assert.False(accepted);
        var snapshot = window.Snapshot(T, ModelTask.Classification);
        Assert.Equal(1, snapshot.Count);
        Assert.Equal(1, snapshot.LateEvents);
    }

    [Fact]
    public void An_event_older_than_the_window_is_late_counted_as_late_and_not_counted()
    {
        var now = T + WindowSeconds;

        var oldestInWindow = window.Record(At(now - WindowSeconds + 1), now);
        var late = window.Record(At(now - WindowSeconds), now);

        Assert.True(oldestInWindow);
        Assert.False(late);
        var snapshot = window.Snapshot(now, ModelTask.Classification);
        Assert.Equal(1, snapshot.Count);
        Assert.Equal(1, snapshot.LateEvents);
        Assert.Equal(10.0, snapshot.Latency.Mean);
    }

    [Fact]
    public void A_late_event_is_reported_for_one_window_from_when_it_arrived()
    {
        Assert.False(window.Record(At(T - WindowSeconds), T));

        Assert.Equal(1, window.Snapshot(T + WindowSeconds - 1, ModelTask.Classification).LateEvents);
        Assert.Equal(0, window.Snapshot(T + WindowSeconds, ModelTask.Classification).LateEvents);
        Assert.False(window.HasData(T));
    }

    [Fact]
    public void A_future_event_counts_in_the_current_second()
    {
        Assert.True(window.Record(At(T + 30), T));

        var point = Assert.Single(window.History(T, ModelTask.Classification));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T), point.Timestamp);
        Assert.Equal(1, point.Count);
        Assert.Equal(1, window.Snapshot(T + WindowSeconds - 1, ModelTask.Classification).Count);
        Assert.Equal(0, window.Snapshot(T + WindowSeconds, ModelTask.Classification).Count);
    }

    [Fact]
    public void A_classification_snapshot_has_exact_count_accuracy_error_rate_and_mean_latency()
    {
        Observation[] observations =
        [
            At(T, 10, outcome: LabelOutcome.Correct),
            At(T, 20, outcome: LabelOutcome.Correct),
            At(T + 1, 30, error: true, outcome: LabelOutcome.Incorrect),
            At(T + 1, 40, outcome: LabelOutcome.Correct),
            At(T + 1, 50),
            At(T + 3, 60, error: true),
            At(T + 3, 70),
            At(T + 3, 80),
        ];
        RecordAll(observations, T + 3);

        var snapshot = window.Snapshot(T + 3, ModelTask.Classification);

        Assert.Equal(TimeSpan.FromSeconds(WindowSeconds), snapshot.Window);
        Assert.Equal(8, snapshot.Count);
        Assert.Equal(0.75, snapshot.Accuracy);
        Assert.Equal(4, snapshot.LabelCount);
        Assert.Equal(0.25, snapshot.ErrorRate);
        Assert.Equal(45.0, snapshot.Latency.Mean);
        // Nearest rank of 8 values: p50 is the 4th (40), p95 and p99 the 8th (80).
        AssertWithinOnePercent(40, snapshot.Latency.P50);
        AssertWithinOnePercent(80, snapshot.Latency.P95);
        AssertWithinOnePercent(80, snapshot.Latency.P99);
        Assert.Equal(2.0, snapshot.ThroughputPerSec);
        Assert.Null(snapshot.Mae);
        Assert.Null(snapshot.Rmse);
        Assert.Equal(0, snapshot.LateEvents);
    }

    [Fact]
    public void A_regression_snapshot_has_exact_mae_and_rmse_and_no_accuracy()
    {
        Observation[] observations =
        [
            At(T, outcome: LabelOutcome.Residual, residual: 1),
            At(T, outcome: LabelOutcome.Residual, residual: -2),
            At(T, outcome: LabelOutcome.Residual, residual: 3),
            At(T, outcome: LabelOutcome.Residual, residual: -4),
            At(T),
            At(T),
        ];
        RecordAll(observations, T);

        var snapshot = window.Snapshot(T, ModelTask.Regression);

        Assert.Equal(6, snapshot.Count);
        Assert.Equal(4, snapshot.LabelCount);
        Assert.Equal(2.5, snapshot.Mae);
        Assert.Equal(Math.Sqrt(7.5), snapshot.Rmse);
        Assert.Null(snapshot.Accuracy);
        Assert.Equal(0.0, snapshot.ErrorRate);
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void Without_labels_accuracy_mae_and_rmse_are_null_not_zero(ModelTask task)
    {
        RecordAll([At(T, 5), At(T, 15)], T);

        var snapshot = window.Snapshot(T, task);

        Assert.Equal(2, snapshot.Count);
        Assert.Equal(0, snapshot.LabelCount);
        Assert.Null(snapshot.Accuracy);
        Assert.Null(snapshot.Mae);
        Assert.Null(snapshot.Rmse);
        Assert.Equal(10.0, snapshot.Latency.Mean);
    }

    [Fact]
    public void An_empty_window_has_no_metrics_but_a_count_and_throughput_of_zero()
    {
        var snapshot = window.Snapshot(T, ModelTask.Classification);

        Assert.Equal(0, snapshot.Count);
        Assert.Equal(0.0, snapshot.ThroughputPerSec);
        Assert.Null(snapshot.Accuracy);
        Assert.Equal(0, snapshot.LabelCount);
        Assert.Null(snapshot.ErrorRate);
        Assert.Equal(new LatencyStats(null, null, null, null), snapshot.Latency);
        Assert.Equal(0, snapshot.LateEvents);
    }

    [Fact]
    public void Throughput_is_the_count_over_the_seconds_observed_since_the_first_event()
    {
        Assert.True(window.Record(At(T), T));

        Assert.Equal(1.0, window.Snapshot(T, ModelTask.Classification).ThroughputPerSec);
        Assert.Equal(0.2, window.Snapshot(T + 4, ModelTask.Classification).ThroughputPerSec);
        Assert.Equal(0.1, window.Snapshot(T + WindowSeconds - 1, ModelTask.Classification).ThroughputPerSec);
    }

    [Fact]
    public void Throughput_counts_at_most_the_window_length_of_seconds()
    {
        for (var second = T; second < T + 25; second++)
        {
            RecordAll([At(second), At(second)], second);
        }

        var snapshot = window.Snapshot(T + 24, ModelTask.Classification);

        Assert.Equal(20, snapshot.Count);
        Assert.Equal(2.0, snapshot.ThroughputPerSec);
    }

    [Fact]
    public void Merging_the_window_buckets_equals_one_pass_over_the_events_in_the_window()
    {
        var random = new Random(7);
        var onePass = new MetricsBucket();
        onePass.Reset(T + 14);
        for (var second = T; second < T + 15; second++)
        {
            for (var i = 0; i < 50; i++)
            {
                // Quarter milliseconds and half units keep every sum exact, whatever the order of addition.
                var outcome = (LabelOutcome)random.Next(4);
                var observation = At(second, random.Next(1, 4_000) / 4.0, random.Next(10) == 0, outcome, outcome == LabelOutcome.Residual ? random.Next(-20, 20) / 2.0 : 0);
                window.Record(observation, second);
                if (second > T + 14 - WindowSeconds)
                {
                    onePass.Record(observation);
                }
            }
        }

        var merged = window.Merge(T + 14);

        Assert.Equal(500, merged.Count);
        Assert.Equal(onePass.Count, merged.Count);
        Assert.Equal(onePass.ErrorCount, merged.ErrorCount);
        Assert.Equal(onePass.LabelCount, merged.LabelCount);
        Assert.Equal(onePass.CorrectCount, merged.CorrectCount);
        Assert.Equal(onePass.LatencySum, merged.LatencySum);
        Assert.Equal(onePass.AbsoluteErrorSum, merged.AbsoluteErrorSum);
        Assert.Equal(onePass.SquaredErrorSum, merged.SquaredErrorSum);
        Assert.Equal(onePass.LateCount, merged.LateCount);
        Assert.Equal(onePass.Latency.Count, merged.Latency.Count);
        double[] quantiles = [0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
        Assert.Equal(quantiles.Select(onePass.Latency.Quantile), quantiles.Select(merged.Latency.Quantile));
    }

    [Fact]
    public void History_has_one_point_per_second_from_the_first_event_with_exact_counts()
    {
        RecordAll([At(T, 10, outcome: LabelOutcome.Correct), At(T, 20, outcome: LabelOutcome.Incorrect), At(T, 30)], T);
        RecordAll([At(T + 2, 40, error: true)], T + 2);

        var history = window.History(T + 4, ModelTask.Classification);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => DateTimeOffset.FromUnixTimeSeconds(T + i)), history.Select(point => point.Timestamp));
        Assert.Equal([3L, 0, 1, 0, 0], history.Select(point => point.Count));
        Assert.Equal([3.0, 0, 1, 0, 0], history.Select(point => point.ThroughputPerSec));
        Assert.Equal([0.5, null, null, null, null], history.Select(point => point.Accuracy));
        Assert.Equal([0.0, null, 1.0, null, null], history.Select(point => point.ErrorRate));
        AssertWithinOnePercent(20, history[0].LatencyP50);
        // Nearest rank ⌈0.99·3⌉ = 3: the p99 of three latencies is the largest.
        AssertWithinOnePercent(30, history[0].LatencyP99);
        AssertWithinOnePercent(40, history[2].LatencyP95);
        Assert.All([history[1], history[3], history[4]], empty =>
        {
            Assert.Null(empty.LatencyP50);
            Assert.Null(empty.LatencyP95);
            Assert.Null(empty.LatencyP99);
        });
    }

    [Fact]
    public void History_of_a_regression_model_has_mae_and_rmse_per_second()
    {
        RecordAll([At(T, outcome: LabelOutcome.Residual, residual: 3), At(T, outcome: LabelOutcome.Residual, residual: -1)], T);

        var point = Assert.Single(window.History(T, ModelTask.Regression));

        Assert.Equal(2.0, point.Mae);
        Assert.Equal(Math.Sqrt(5), point.Rmse);
        Assert.Null(point.Accuracy);
    }

    [Fact]
    public void History_covers_only_the_window_once_the_first_event_is_older_than_it()
    {
        RecordAll([At(T)], T);
        RecordAll([At(T + 12)], T + 12);

        var history = window.History(T + 15, ModelTask.Classification);

        Assert.Equal(Enumerable.Range(6, WindowSeconds).Select(i => DateTimeOffset.FromUnixTimeSeconds(T + i)), history.Select(point => point.Timestamp));
        Assert.Equal(1, history.Sum(point => point.Count));
        Assert.Equal(1, history.Single(point => point.Timestamp == DateTimeOffset.FromUnixTimeSeconds(T + 12)).Count);
    }

    [Fact]
    public void History_of_a_window_without_events_is_empty()
    {
        Assert.Empty(window.History(T, ModelTask.Classification));
    }

    [Fact]
    public void Shrinking_keeps_the_seconds_that_fit_in_the_shorter_window()
    {
        RecordOneMoreEachSecond(T, T + 9);

        var resized = window.Resize(TimeSpan.FromSeconds(5), T + 9);

        Assert.Equal(TimeSpan.FromSeconds(5), resized.Length);
        var snapshot = resized.Snapshot(T + 9, ModelTask.Classification);
        Assert.Equal(6 + 7 + 8 + 9 + 10, snapshot.Count);
        Assert.Equal(40 / 5.0, snapshot.ThroughputPerSec);
        Assert.Equal([6L, 7, 8, 9, 10], resized.History(T + 9, ModelTask.Classification).Select(point => point.Count));
    }

    [Fact]
    public void Growing_keeps_every_second_and_the_window_goes_on_counting()
    {
        RecordOneMoreEachSecond(T, T + 9);

        var resized = window.Resize(TimeSpan.FromSeconds(20), T + 9);
        Assert.True(resized.Record(At(T + 12), T + 12));

        Assert.Equal(TimeSpan.FromSeconds(20), resized.Length);
        Assert.Equal(55 + 1, resized.Snapshot(T + 12, ModelTask.Classification).Count);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 1], resized.History(T + 12, ModelTask.Classification).Select(point => point.Count));
        Assert.Equal(55 + 1, resized.Snapshot(T + 19, ModelTask.Classification).Count);
        Assert.Equal(55 + 1 - 1, resized.Snapshot(T + 20, ModelTask.Classification).Count);
    }

    [Fact]
    public void A_window_is_between_one_second_and_one_day_long()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsWindow(TimeSpan.FromMilliseconds(999)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsWindow(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromDays(1), new MetricsWindow(TimeSpan.FromDays(1)).Length);
    }

    private void RecordOneMoreEachSecond(long first, long last)
    {
        for (var second = first; second <= last; second++)
        {
            RecordAll(Enumerable.Repeat(At(second), (int)(second - first + 1)), second);
        }
    }

    private void RecordAll(IEnumerable<Observation> observations, long nowSecond)
    {
        foreach (var observation in observations)
        {
            Assert.True(window.Record(observation, nowSecond), $"the event of second {observation.Second} was late at {nowSecond}");
        }
    }

    private static Observation At(long second, double latencyMs = 10, bool error = false, LabelOutcome outcome = LabelOutcome.Unlabelled, double residual = 0) =>
        new(second, latencyMs, error, outcome, residual);

    private static void AssertWithinOnePercent(double exact, double? estimate)
    {
        Assert.True(estimate.HasValue, $"no estimate of {exact}");
        Assert.InRange(estimate.Value, exact * (1 - QuantileSketch.RelativeAccuracy - 1e-12), exact * (1 + QuantileSketch.RelativeAccuracy + 1e-12));
    }
}
