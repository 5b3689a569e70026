using ModelOps.Contracts;
using ModelOps.Grains.Insights;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Insights;

/// <summary>The metrics of a period around an alert: exact from the per-second window, else from the per-minute history.</summary>
public sealed class PeriodReaderTests
{
    /// <summary>15:00:00 UTC, the start of a minute.</summary>
    private static readonly long Start = new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private readonly MetricsWindow window = new(TimeSpan.FromMinutes(5));
    private readonly MinuteHistory minutes = new(minutes: 60);

    [Fact]
    public void A_period_inside_the_window_is_read_exactly_per_second()
    {
        Record(Start + 10, latencyMs: 10, LabelOutcome.Correct, count: 3, now: Start + 20);
        Record(Start + 19, latencyMs: 10, LabelOutcome.Incorrect, count: 1, now: Start + 20, error: true);
        Record(Start + 25, latencyMs: 10, LabelOutcome.Correct, count: 5, now: Start + 25);

        var period = PeriodReader.Read(window, minutes, Start + 10, Start + 19, Start + 30, ModelTask.Classification)!;

        Assert.Equal((Start + 10, Start + 19, false), (period.From.ToUnixTimeSeconds(), period.To.ToUnixTimeSeconds(), period.PerMinute));
        Assert.Equal((4L, 0.4, 0.75, 0.25, TimeSpan.FromSeconds(10)),
            (period.Metrics.Count, period.Metrics.ThroughputPerSec, period.Metrics.Accuracy, period.Metrics.ErrorRate, period.Metrics.Window));
    }

    [Fact]
    public void A_period_that_left_the_window_is_read_from_the_minutes_with_counts_and_error_rates_combined_exactly()
    {
        Record(Start + 5, latencyMs: 10, LabelOutcome.Correct, count: 30, now: Start + 5);
        Record(Start + 65, latencyMs: 30, LabelOutcome.Incorrect, count: 10, now: Start + 65, error: true);
        minutes.Advance(window, Start + 120, ModelTask.Classification);
        var now = Start + 600;

        var period = PeriodReader.Read(window, minutes, Start, Start + 119, now, ModelTask.Classification)!;

        Assert.True(period.PerMinute);
        Assert.Equal((40L, 40.0 / 120, 0.25, 0.75), (period.Metrics.Count, period.Metrics.ThroughputPerSec, period.Metrics.ErrorRate, period.Metrics.Accuracy));
        Assert.Equal((10 * 30 + 30 * 10) / 40.0, period.Metrics.Latency.P95!.Value, tolerance: 0.2);
        Assert.Null(period.Metrics.Latency.Mean);
        Assert.Null(PeriodReader.Read(window, minutes, Start + 120, Start + 179, now, ModelTask.Classification));
    }

    private void Record(long second, double latencyMs, LabelOutcome outcome, int count, long now, bool error = false)
    {
        for (var i = 0; i < count; i++)
        {
            window.Record(new Observation(second, latencyMs, error, outcome), now);
        }
    }
}
