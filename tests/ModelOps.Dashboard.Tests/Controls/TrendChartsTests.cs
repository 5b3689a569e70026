using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Web;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;
using Radzen.Blazor;
using Radzen.Blazor.Rendering;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class TrendChartsTests : ApiTestContext
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    /// <summary>The charts measure their element through JavaScript before drawing; a plot area of a third of a laptop screen.</summary>
    public TrendChartsTests()
    {
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect { Width = 400, Height = 220 });
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
    }

    [Fact]
    public async Task Live_the_three_charts_plot_the_active_models_per_second_history_with_exact_values()
    {
        var charts = Render<TrendCharts>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));

        Assert.Equal(["chart-accuracy", "chart-latency", "chart-throughput"], charts.FindAll("figure").Select(chart => chart.GetAttribute("data-testid")));
        Assert.Equal([0.75, null, 0.5], Values(charts, "accuracy", "Accuracy"));
        Assert.Equal([11.0, null, 12.5], Values(charts, "latency", "p50"));
        Assert.Equal([30.5, null, 31.0], Values(charts, "latency", "p95"));
        Assert.Equal([58.25, null, 60.0], Values(charts, "latency", "p99"));
        Assert.Equal([40.0, 0.0, 38.0], Values(charts, "throughput", "Events/s"));
        Assert.Equal("live window (5 min), per second", charts.Find("[data-testid=trend-caption]").TextContent);
        Assert.Equal(["14:54:00", "14:56:00", "14:58:00", "15:00:00"], TimeLabels(charts, "throughput"));
    }

    [Fact]
    public async Task A_second_without_events_is_a_gap_in_the_line_not_a_drop_to_zero()
    {
        var charts = Render<TrendCharts>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));

        var accuracy = Path(charts, "accuracy", 0);
        var throughput = Path(charts, "throughput", 0);
        Assert.Equal(2, accuracy.Split('M', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain('L', accuracy);
        Assert.Equal(2, throughput.Split('L').Length - 1);
    }

    [Fact]
    public async Task Every_line_is_named_in_its_charts_legend_and_every_value_axis_has_its_unit()
    {
        var charts = Render<TrendCharts>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));

        Assert.Equal(["Accuracy"], Legend(charts, "accuracy"));
        Assert.Equal(["p50", "p95", "p99"], Legend(charts, "latency"));
        Assert.Equal(["Events/s"], Legend(charts, "throughput"));
        Assert.Equal(["Accuracy (%)", "Latency (ms)", "Throughput (/s)"], charts.FindAll(".rz-axis-title").Select(title => title.TextContent));
    }

    [Fact]
    public async Task A_regression_model_plots_MAE_and_RMSE_in_the_accuracy_chart()
    {
        var charts = Render<TrendCharts>();

        await ReceiveAsync(TestModels.InitialState("eta", TestModels.Regressor() with { History = TestHistory.Regression() }));

        Assert.Equal("Error", charts.Find("[data-testid=chart-accuracy] figcaption").TextContent);
        Assert.Equal(["MAE", "RMSE"], Legend(charts, "accuracy"));
        Assert.Equal([1.25, null], Values(charts, "accuracy", "MAE"));
        Assert.Equal([2.5, null], Values(charts, "accuracy", "RMSE"));
    }

    [Fact]
    public async Task Each_update_of_the_active_model_redraws_the_same_series_with_its_new_history()
    {
        Store.Apply(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));
        var charts = Render<TrendCharts>();
        var seriesBefore = Series(charts).Select(series => series.Instance).ToArray();
        var later = TestModels.Now.AddSeconds(1);

        await ReceiveAsync(new ModelUpdateMessage(TestModels.Classifier() with
        {
            History = [.. TestHistory.ThreeSeconds(), new HistoryPoint { Timestamp = later, Count = 5, Accuracy = 1.0, LatencyP50 = 9.0, LatencyP95 = 9.5, LatencyP99 = 9.75, ThroughputPerSec = 5 }],
        }));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(seriesBefore, Series(charts).Select(series => series.Instance));
        Assert.Equal([0.75, null, 0.5, 1.0], Values(charts, "accuracy", "Accuracy"));
        Assert.Equal([40.0, 0.0, 38.0, 5.0], Values(charts, "throughput", "Events/s"));
    }

    [Fact]
    public async Task The_range_picker_is_labelled_and_offers_live_15_min_1_6_and_24_hours_with_live_chosen()
    {
        var charts = Render<TrendCharts>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));

        var picker = charts.Find("[data-testid=trend-range]");
        Assert.Equal("radiogroup", picker.GetAttribute("role"));
        Assert.Equal("Range", charts.Find($"#{picker.GetAttribute("aria-labelledby")}").TextContent);
        Assert.Equal(["Live", "15 min", "1 h", "6 h", "24 h"], picker.QuerySelectorAll("[role=radio]").Select(radio => radio.TextContent));
        Assert.Equal(["Live"], picker.QuerySelectorAll("[role=radio][aria-checked=true]").Select(radio => radio.TextContent));
        Assert.Equal("0", picker.GetAttribute("tabindex"));
    }

    [Fact]
    public async Task Choosing_a_range_reads_its_per_minute_history_through_the_client_and_plots_it()
    {
        var query = HistoryQuery(TestModels.Now.AddHours(-1), TestModels.Now);
        Api.Answer("GET", query, TestHistory.Minutes(TestModels.Now.AddHours(-1), TestModels.Now, minutes: 3), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));

        await charts.Find("[data-testid=trend-range] [aria-label='1 h']").ClickAsync(new());

        charts.WaitForAssertion(() => Assert.Equal([1.0, 2.0, 3.0], Values(charts, "throughput", "Events/s")), Deadline);
        Assert.Equal([$"GET {query}"], Api.Requests);
        Assert.Equal([10.0, 11.0, 12.0], Values(charts, "latency", "p50"));
        Assert.Equal(["14:00", "14:15", "14:30", "14:45", "15:00"], TimeLabels(charts, "throughput"));
        Assert.Equal("last 1 h, per minute", charts.Find("[data-testid=trend-caption]").TextContent);
        Assert.Equal(["1 h"], charts.FindAll("[role=radio][aria-checked=true]").Select(radio => radio.TextContent));
    }

    [Fact]
    public async Task The_range_picker_works_from_the_keyboard()
    {
        var query = HistoryQuery(TestModels.Now.AddMinutes(-15), TestModels.Now);
        Api.Answer("GET", query, TestHistory.Minutes(TestModels.Now.AddMinutes(-15), TestModels.Now, minutes: 2), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));

        var picker = charts.Find("[data-testid=trend-range]");
        await picker.FocusAsync(new());
        await charts.Find("[data-testid=trend-range]").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight", Code = "ArrowRight" });

        charts.WaitForAssertion(() => Assert.Equal([1.0, 2.0], Values(charts, "throughput", "Events/s")), Deadline);
        Assert.Equal([$"GET {query}"], Api.Requests);
        Assert.Equal(["15 min"], charts.FindAll("[role=radio][aria-checked=true]").Select(radio => radio.TextContent));
    }

    [Fact]
    public async Task Going_back_to_live_plots_the_stream_again_without_asking_the_server()
    {
        var query = HistoryQuery(TestModels.Now.AddMinutes(-15), TestModels.Now);
        Api.Answer("GET", query, TestHistory.Minutes(TestModels.Now.AddMinutes(-15), TestModels.Now, minutes: 2), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with { History = TestHistory.ThreeSeconds() }));
        await charts.Find("[data-testid=trend-range] [aria-label='15 min']").ClickAsync(new());
        charts.WaitForAssertion(() => Assert.Equal([1.0, 2.0], Values(charts, "throughput", "Events/s")), Deadline);

        await charts.Find("[data-testid=trend-range] [aria-label='Live']").ClickAsync(new());

        Assert.Equal([40.0, 0.0, 38.0], Values(charts, "throughput", "Events/s"));
        Assert.Single(Api.Requests);
    }

    [Fact]
    public async Task A_range_is_read_again_once_a_minute_has_ended_and_not_on_every_update()
    {
        var first = HistoryQuery(TestModels.Now.AddMinutes(-15), TestModels.Now);
        var second = HistoryQuery(TestModels.Now.AddMinutes(-14), TestModels.Now.AddMinutes(1));
        Api.Answer("GET", first, TestHistory.Minutes(TestModels.Now.AddMinutes(-15), TestModels.Now, minutes: 2), Json.MetricsHistory);
        Api.Answer("GET", second, TestHistory.Minutes(TestModels.Now.AddMinutes(-14), TestModels.Now.AddMinutes(1), minutes: 4), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));
        await charts.Find("[data-testid=trend-range] [aria-label='15 min']").ClickAsync(new());
        charts.WaitForAssertion(() => Assert.Equal(2, Values(charts, "throughput", "Events/s").Length), Deadline);

        Time.Advance(TimeSpan.FromSeconds(30));
        await ReceiveAsync(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.91)));
        var requestsWithinTheMinute = Api.Requests.Count;
        Time.Advance(TimeSpan.FromSeconds(30));
        await ReceiveAsync(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.92)));

        charts.WaitForAssertion(() => Assert.Equal(4, Values(charts, "throughput", "Events/s").Length), Deadline);
        Assert.Equal(1, requestsWithinTheMinute);
        Assert.Equal([$"GET {first}", $"GET {second}"], Api.Requests);
    }

    [Fact]
    public async Task A_history_the_server_cannot_give_is_reported_in_words()
    {
        Api.AnswerProblem("GET", HistoryQuery(TestModels.Now.AddHours(-6), TestModels.Now), 503, "The monitoring cluster did not answer in time; retry shortly.");
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));

        await charts.Find("[data-testid=trend-range] [aria-label='6 h']").ClickAsync(new());

        charts.WaitForAssertion(() => Assert.Contains("The monitoring cluster did not answer in time", charts.Find("[data-testid=trend-error]").TextContent), Deadline);
        Assert.Equal("alert", charts.Find("[data-testid=trend-error]").GetAttribute("role"));
    }

    [Fact]
    public async Task A_range_without_minutes_yet_says_when_they_appear()
    {
        var query = HistoryQuery(TestModels.Now.AddHours(-24), TestModels.Now);
        Api.Answer("GET", query, TestHistory.Minutes(TestModels.Now.AddHours(-24), TestModels.Now, minutes: 0), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));

        await charts.Find("[data-testid=trend-range] [aria-label='24 h']").ClickAsync(new());

        charts.WaitForAssertion(() => Assert.Equal(
            "No per-minute history in this range yet: each minute appears once it has ended.",
            charts.Find("[data-testid=trend-empty]").TextContent), Deadline);
    }

    [Fact]
    public async Task Another_active_model_gets_its_own_history_for_the_chosen_range()
    {
        var fraud = HistoryQuery(TestModels.Now.AddMinutes(-15), TestModels.Now);
        var churn = HistoryQuery(TestModels.Now.AddMinutes(-15), TestModels.Now, "churn");
        Api.Answer("GET", fraud, TestHistory.Minutes(TestModels.Now.AddMinutes(-15), TestModels.Now, minutes: 2), Json.MetricsHistory);
        Api.Answer("GET", churn, TestHistory.Minutes(TestModels.Now.AddMinutes(-15), TestModels.Now, minutes: 5), Json.MetricsHistory);
        var charts = Render<TrendCharts>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        await charts.Find("[data-testid=trend-range] [aria-label='15 min']").ClickAsync(new());
        charts.WaitForAssertion(() => Assert.Equal(2, Values(charts, "throughput", "Events/s").Length), Deadline);

        await ReceiveAsync(new ActiveModelChangedMessage("churn"));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        charts.WaitForAssertion(() => Assert.Equal(5, Values(charts, "throughput", "Events/s").Length), Deadline);
        Assert.Equal([$"GET {fraud}", $"GET {churn}"], Api.Requests);
    }

    private static string HistoryQuery(DateTimeOffset from, DateTimeOffset to, string model = "fraud") =>
        $"/api/v1/models/{model}/metrics/history?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&step=1m";

    private static IReadOnlyList<IRenderedComponent<RadzenLineSeries<TrendPoint>>> Series(IRenderedComponent<TrendCharts> charts) =>
        charts.FindComponents<RadzenLineSeries<TrendPoint>>();

    private static IRenderedComponent<TrendChart> Chart(IRenderedComponent<TrendCharts> charts, string key) =>
        charts.FindComponents<TrendChart>().Single(chart => chart.Instance.Chart.Key == key);

    /// <summary>What the line titled <paramref name="title"/> of the chart <paramref name="key"/> plots, point by point.</summary>
    private static double?[] Values(IRenderedComponent<TrendCharts> charts, string key, string title)
    {
        var series = Chart(charts, key).FindComponents<RadzenLineSeries<TrendPoint>>().Single(line => line.Instance.Title == title).Instance;
        var property = typeof(TrendPoint).GetProperty(series.ValueProperty!)!;
        return [.. series.Data!.Select(point => property.GetValue(point) is { } value ? Convert.ToDouble(value) : (double?)null)];
    }

    private static string Path(IRenderedComponent<TrendCharts> charts, string key, int series) =>
        charts.Find($"[data-testid=chart-{key}] .rz-line-series.rz-series-{series} path").GetAttribute("d")!;

    private static IEnumerable<string> Legend(IRenderedComponent<TrendCharts> charts, string key) =>
        charts.FindAll($"[data-testid=chart-{key}] .rz-legend-item-text").Select(item => item.TextContent);

    private static IEnumerable<string> TimeLabels(IRenderedComponent<TrendCharts> charts, string key) =>
        charts.FindAll($"[data-testid=chart-{key}] .rz-category-axis .rz-tick-text").Select(label => label.TextContent);
}
