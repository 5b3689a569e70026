using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;
using ModelOps.Grains.Serialization;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Monitoring;

public sealed class MinuteHistoryTests
{
    /// <summary>15:00:00 UTC, the start of a minute.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);
    private readonly MetricsWindow window = new(TimeSpan.FromMinutes(5));
    private readonly MinuteHistory history = new(minutes: 10);

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void A_minute_is_sealed_by_the_first_advance_after_it_ends_with_exact_counts_accuracy_and_throughput()
    {
        Record(seconds: 5, latencyMs: 10, LabelOutcome.Correct, count: 3);
        Record(seconds: 40, latencyMs: 10, LabelOutcome.Incorrect, count: 1);
        Record(seconds: 59, latencyMs: 10, LabelOutcome.Unlabelled, count: 2, error: true);

        clock.SetUtcNow(Start.AddSeconds(59));
        var sealedBeforeTheEnd = history.Advance(window, Now, ModelTask.Classification);
        clock.SetUtcNow(Start.AddSeconds(60));
        var sealedAtTheEnd = history.Advance(window, Now, ModelTask.Classification);

        Assert.False(sealedBeforeTheEnd);
        Assert.True(sealedAtTheEnd);
        var point = Assert.Single(history.Points(Now - 600, Now, Now));
        Assert.Equal(Start, point.Timestamp);
        Assert.Equal(6, point.Count);
        Assert.Equal(0.1, point.ThroughputPerSec, 12);
        Assert.Equal(0.75, point.Accuracy);
        Assert.Equal(2.0 / 6, point.ErrorRate!.Value, 12);
        Assert.InRange(point.LatencyP99!.Value, 9.9, 10.1);
        Assert.Null(point.Mae);
    }

    [Fact]
    public void A_regression_minute_has_mae_and_rmse_and_no_accuracy()
    {
        window.Record(new Observation(Now + 1, 10, false, LabelOutcome.Residual, Residual: 3), Now + 1);
        window.Record(new Observation(Now + 2, 10, false, LabelOutcome.Residual, Residual: -4), Now + 2);

        clock.Advance(TimeSpan.FromMinutes(1));
        history.Advance(window, Now, ModelTask.Regression);

        var point = Assert.Single(history.Points(Now - 600, Now, Now));
        Assert.Null(point.Accuracy);
        Assert.Equal(3.5, point.Mae);
        Assert.Equal(Math.Sqrt(12.5), point.Rmse!.Value, 12);
    }

    [Fact]
    public void Minutes_without_events_between_two_with_events_are_empty_points_not_missing_ones()
    {
        Record(seconds: 10, latencyMs: 5, LabelOutcome.Correct, count: 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        history.Advance(window, Now, ModelTask.Classification);
        clock.Advance(TimeSpan.FromMinutes(2));
        Record(seconds: 180, latencyMs: 5, LabelOutcome.Correct, count: 4);
        clock.Advance(TimeSpan.FromMinutes(1));
        history.Advance(window, Now, ModelTask.Classification);

        var points = history.Points(Now - 600, Now, Now);

        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(3)], points.Select(p => p.Timestamp));
        Assert.Equal([2L, 0, 0, 4], points.Select(p => p.Count));
        Assert.Equal([1.0, null, null, 1.0], points.Select(p => p.Accuracy));
        Assert.Equal([null, null], points.Skip(1).Take(2).Select(p => p.LatencyP50));
        Assert.Equal([0.0, 0.0], points.Skip(1).Take(2).Select(p => p.ThroughputPerSec));
    }

    [Fact]
    public void Whole_minutes_after_the_last_events_show_that_traffic_stopped()
    {
        Record(seconds: 10, latencyMs: 5, LabelOutcome.Correct, count: 2);
        clock.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(30)));
        history.Advance(window, Now, ModelTask.Classification);

        var points = history.Points(Now - 600, Now, Now);

        Assert.Equal([2L, 0, 0], points.Select(p => p.Count));
        Assert.Equal(Start.AddMinutes(2), points[^1].Timestamp);
    }

    [Fact]
    public void Points_cover_only_the_minutes_from_the_minute_of_from_to_the_minute_of_to()
    {
        for (var minute = 0; minute < 5; minute++)
        {
            Record(seconds: minute * 60 + 1, latencyMs: 5, LabelOutcome.Correct, count: minute + 1);
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        history.Advance(window, Now, ModelTask.Classification);

        var points = history.Points(Start.AddSeconds(90).ToUnixTimeSeconds(), Start.AddSeconds(200).ToUnixTimeSeconds(), Now);

        Assert.Equal([2L, 3, 4], points.Select(p => p.Count));
        Assert.Equal(Start.AddMinutes(1), points[0].Timestamp);
    }

    [Fact]
    public void A_late_event_for_a_sealed_minute_stays_out_of_it_and_one_for_an_empty_minute_is_sealed_with_it()
    {
        Record(seconds: 70, latencyMs: 5, LabelOutcome.Correct, count: 1);
        clock.SetUtcNow(Start.AddMinutes(2));
        history.Advance(window, Now, ModelTask.Classification);
        clock.SetUtcNow(Start.AddMinutes(3).AddSeconds(5));
        history.Advance(window, Now, ModelTask.Classification);

        Record(seconds: 75, latencyMs: 5, LabelOutcome.Correct, count: 5);
        Record(seconds: 130, latencyMs: 5, LabelOutcome.Correct, count: 2);
        clock.SetUtcNow(Start.AddMinutes(4));
        history.Advance(window, Now, ModelTask.Classification);

        var points = history.Points(Now - 600, Now, Now);
        Assert.Equal([1L, 2, 0], points.Select(p => p.Count));
    }

    [Fact]
    public void The_ring_keeps_its_last_minutes_and_forgets_older_ones()
    {
        for (var minute = 0; minute < 12; minute++)
        {
            Record(seconds: minute * 60 + 1, latencyMs: 5, LabelOutcome.Correct, count: minute + 1);
            clock.Advance(TimeSpan.FromMinutes(1));
            history.Advance(window, Now, ModelTask.Classification);
        }

        var points = history.Points(Start.ToUnixTimeSeconds(), Now, Now);

        Assert.Equal(10, points.Count);
        Assert.Equal(Start.AddMinutes(2), points[0].Timestamp);
        Assert.Equal(Enumerable.Range(3, 10).Select(count => (long)count), points.Select(p => p.Count));
    }

    [Fact]
    public void Minutes_that_ended_during_a_pause_are_sealed_from_the_buckets_the_window_still_holds()
    {
        Record(seconds: 20, latencyMs: 5, LabelOutcome.Correct, count: 3);
        Record(seconds: 80, latencyMs: 5, LabelOutcome.Incorrect, count: 2);

        clock.Advance(TimeSpan.FromMinutes(8));
        history.Advance(window, Now, ModelTask.Classification);

        var points = history.Points(Start.ToUnixTimeSeconds(), Start.AddMinutes(5).ToUnixTimeSeconds(), Now);
        Assert.Equal([3L, 2, 0, 0, 0, 0], points.Select(p => p.Count));
    }

    [Fact]
    public void A_history_without_sealed_minutes_has_no_points()
    {
        clock.Advance(TimeSpan.FromMinutes(3));
        history.Advance(window, Now, ModelTask.Classification);

        Assert.Empty(history.Points(Start.ToUnixTimeSeconds(), Now, Now));
    }

    [Fact]
    public void A_restored_history_has_the_same_points_and_goes_on_sealing()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(builder => builder.AddContractSerialization())
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        Record(seconds: 10, latencyMs: 5, LabelOutcome.Correct, count: 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        history.Advance(window, Now, ModelTask.Classification);

        var restored = serializer.Deserialize<MinuteHistory>(serializer.SerializeToArray(history))!;
        Record(seconds: 70, latencyMs: 5, LabelOutcome.Incorrect, count: 3);
        clock.Advance(TimeSpan.FromMinutes(1));
        restored.Advance(window, Now, ModelTask.Classification);

        Assert.Equal(10, restored.Minutes);
        Assert.Equal([(2L, (double?)1.0), (3L, 0.0)], restored.Points(Now - 600, Now, Now).Select(p => (p.Count, p.Accuracy)));
    }

    private void Record(int seconds, double latencyMs, LabelOutcome outcome, int count, bool error = false)
    {
        var second = Start.AddSeconds(seconds).ToUnixTimeSeconds();
        for (var i = 0; i < count; i++)
        {
            window.Record(new Observation(second, latencyMs, error, outcome), Math.Max(second, Now));
        }
    }
}
