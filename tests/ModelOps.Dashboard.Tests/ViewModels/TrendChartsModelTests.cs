using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;
using Radzen.Blazor;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class TrendChartsModelTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone("test/+01:00", TimeSpan.FromHours(1), "UTC+1", "UTC+1");

    private static ModelView Fraud(IReadOnlyList<HistoryPoint> history) => TestModels.Classifier() with { History = history };

    [Fact]
    public void Each_history_point_becomes_one_chart_point_at_its_local_time_with_its_exact_values()
    {
        var model = TrendChartsModel.Live(Fraud(TestHistory.ThreeSeconds()), Berlin);

        Assert.Equal(
        [
            new TrendPoint(new DateTime(2026, 11, 29, 15, 59, 58), 0.75, null, null, 11.0, 30.5, 58.25, 40.0),
            new TrendPoint(new DateTime(2026, 11, 29, 15, 59, 59), null, null, null, null, null, null, 0.0),
            new TrendPoint(new DateTime(2026, 11, 29, 16, 0, 0), 0.5, null, null, 12.5, 31.0, 60.0, 38.0),
        ], model.Points);
    }

    [Fact]
    public void A_step_without_events_is_a_gap_in_the_quality_and_latency_lines_and_zero_throughput()
    {
        var gap = TrendChartsModel.Live(Fraud(TestHistory.ThreeSeconds()), Berlin).Points[1];

        Assert.Equal((null, null, null, null, 0.0), (gap.Accuracy, gap.LatencyP50, gap.LatencyP95, gap.LatencyP99, gap.Throughput));
    }

    [Fact]
    public void A_classifier_plots_accuracy_latency_quantiles_and_throughput_each_line_with_its_own_dash_and_magnitudes_from_zero()
    {
        var charts = TrendChartsModel.Live(Fraud([]), Berlin).Charts;

        Assert.Equal(["accuracy", "latency", "throughput"], charts.Select(chart => chart.Key));
        Assert.Equal(["Accuracy (%)", "Latency (ms)", "Throughput (/s)"], charts.Select(chart => chart.AxisTitle));
        Assert.Equal(["Accuracy"], charts[0].Lines.Select(line => line.Title));
        Assert.Equal([("p50", "LatencyP50", LineType.Solid), ("p95", "LatencyP95", LineType.Dashed), ("p99", "LatencyP99", LineType.Dotted)],
            charts[1].Lines.Select(line => (line.Title, line.Property, line.Dash)));
        Assert.Equal(["Events/s"], charts[2].Lines.Select(line => line.Title));
        Assert.Equal([false, true, true], charts.Select(chart => chart.FromZero));
    }

    [Fact]
    public void A_regression_model_plots_MAE_and_RMSE_in_place_of_accuracy()
    {
        var model = TrendChartsModel.Live(TestModels.Regressor() with { History = TestHistory.Regression() }, Berlin);

        var quality = model.Charts[0];
        Assert.Equal(("accuracy", "Error", "Error (target units)", true), (quality.Key, quality.Title, quality.AxisTitle, quality.FromZero));
        Assert.Equal([("MAE", "Mae", LineType.Solid), ("RMSE", "Rmse", LineType.Dashed)], quality.Lines.Select(line => (line.Title, line.Property, line.Dash)));
        Assert.Equal([(1.25, 2.5), (null, null)], model.Points.Select(point => (point.Mae, point.Rmse)));
    }

    [Theory]
    [InlineData(0.934, "93.4")]
    [InlineData(1.0, "100")]
    [InlineData(0.5, "50")]
    public void The_accuracy_axis_reads_in_percent(double share, string expected) =>
        Assert.Equal(expected, TrendChartSpec.Accuracy.FormatValue(share));

    [Fact]
    public void The_error_latency_and_throughput_axes_read_in_their_units()
    {
        Assert.Equal("1.23", TrendChartSpec.Error.FormatValue(1.234));
        Assert.Equal("1,250.5", TrendChartSpec.Latency.FormatValue(1250.5));
        Assert.Equal("40", TrendChartSpec.Throughput.FormatValue(40.0));
    }

    [Fact]
    public void Live_the_time_axis_spans_the_window_from_a_whole_tick_to_the_newest_second_and_reads_to_the_second()
    {
        var live = TrendChartsModel.Live(Fraud(TestHistory.ThreeSeconds()), Berlin);

        Assert.Equal((new DateTime(2026, 11, 29, 15, 54, 0), new DateTime(2026, 11, 29, 16, 0, 0)), (live.Start, live.End));
        Assert.Equal(TimeSpan.FromMinutes(2), live.Step);
        Assert.Equal("{0:HH:mm:ss}", live.TimeFormat);
    }

    [Fact]
    public void Without_history_the_live_time_axis_is_left_to_the_chart()
    {
        var live = TrendChartsModel.Live(Fraud([]), Berlin);

        Assert.Equal((null, null, null), (live.Start, live.End, live.Step));
        Assert.Empty(live.Points);
    }

    [Fact]
    public void A_longer_range_spans_the_whole_range_asked_for_per_minute_and_reads_to_the_minute()
    {
        var history = TestHistory.Minutes(TestModels.Now.AddHours(-1), TestModels.Now, minutes: 3);

        var range = TrendChartsModel.Range(ModelTask.Classification, history, Berlin);

        Assert.Equal((new DateTime(2026, 11, 29, 15, 0, 0), new DateTime(2026, 11, 29, 16, 0, 0)), (range.Start, range.End));
        Assert.Equal(TimeSpan.FromMinutes(15), range.Step);
        Assert.Equal([new DateTime(2026, 11, 29, 15, 57, 0), new DateTime(2026, 11, 29, 15, 58, 0), new DateTime(2026, 11, 29, 15, 59, 0)],
            range.Points.Select(point => point.Time));
        Assert.Equal([1.0, 2.0, 3.0], range.Points.Select(point => point.Throughput));
        Assert.Equal("{0:HH:mm}", range.TimeFormat);
    }

    [Theory]
    [InlineData(15, "00:05:00", 14, 45)]
    [InlineData(360, "02:00:00", 8, 0)]
    [InlineData(1440, "06:00:00", 12, 0)]
    public void The_time_axis_ticks_at_most_five_round_times_from_one_at_or_before_the_start(int minutes, string step, int startHour, int startMinute)
    {
        var to = TestModels.Now.AddSeconds(17);
        var history = TestHistory.Minutes(to.AddMinutes(-minutes), to, minutes: 1);

        var range = TrendChartsModel.Range(ModelTask.Classification, history, TimeZoneInfo.Utc);

        Assert.Equal(TimeSpan.Parse(step), range.Step);
        Assert.Equal(new DateTime(2026, 11, minutes == 1440 ? 28 : 29, startHour, startMinute, 0), range.Start);
    }

    [Fact]
    public void The_range_picker_offers_live_and_the_last_15_minutes_1_6_and_24_hours()
    {
        Assert.Equal([("Live", null), ("15 min", TimeSpan.FromMinutes(15)), ("1 h", TimeSpan.FromHours(1)), ("6 h", TimeSpan.FromHours(6)), ("24 h", TimeSpan.FromHours(24))],
            TrendRange.All.Select(range => (range.Label, range.Span)));
        Assert.Same(TrendRange.Live, TrendRange.ByKey("live"));
    }
}
