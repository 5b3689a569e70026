using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Pages;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Pages;

public sealed class OverviewTests : ApiTestContext
{
    [Fact]
    public async Task Kpi_cards_show_the_active_models_accuracy_latency_and_throughput()
    {
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(accuracy: 0.9342, p50: 11.04, p99: 58.0, throughput: 40.0)));

        Assert.Equal(["93.4%"], Values(page, "kpi-accuracy"));
        Assert.Equal(["11.0 ms", "31.0 ms", "58.0 ms"], Values(page, "kpi-latency"));
        Assert.Equal(["p50", "p95", "p99"], Labels(page, "kpi-latency"));
        Assert.Empty(Labels(page, "kpi-accuracy"));
        Assert.Equal(["40.0/s"], Values(page, "kpi-throughput"));
        Assert.Equal("8,000 labelled events", page.Find("[data-testid=kpi-accuracy] .kpi-caption").TextContent);
        Assert.Equal("12,000 events in 5 min", page.Find("[data-testid=kpi-latency] .kpi-caption").TextContent);
    }

    [Fact]
    public async Task Kpi_cards_show_an_em_dash_for_metrics_a_model_without_labels_cannot_compute()
    {
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("churn", TestModels.WithoutLabels()));

        Assert.Equal(["—"], Values(page, "kpi-accuracy"));
        Assert.Equal(["—", "—", "—"], Values(page, "kpi-latency"));
        Assert.Equal(["—"], Values(page, "kpi-error-rate"));
        Assert.Equal(["—"], Values(page, "kpi-drift"));
        Assert.Equal("no baseline yet", page.Find("[data-testid=kpi-drift] .kpi-caption").TextContent);
        Assert.Equal(["0.0/s"], Values(page, "kpi-throughput"));
    }

    [Fact]
    public async Task The_error_rate_and_drift_cards_show_the_share_of_failed_requests_and_the_drifted_features()
    {
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with
        {
            Metrics = TestModels.Classifier().Metrics with { ErrorRate = 0.0126 },
            Features = [.. new[] { "amount", "country", "hour", "age" }.Select(name => new FeatureDefinition { Name = name })],
            Drift = new DriftSummary(true, 0.5, ["amount", "country"]),
        }));

        Assert.Equal(["1.3%"], Values(page, "kpi-error-rate"));
        Assert.Equal(["Drifted"], Values(page, "kpi-drift"));
        Assert.Equal("2 of 4 features drifted (50.0%)", page.Find("[data-testid=kpi-drift] .kpi-caption").TextContent);
    }

    [Fact]
    public async Task Each_metric_shows_its_change_against_the_previous_window_from_the_minute_history()
    {
        Api.Answer("GET", HistoryPath("fraud", TestModels.Now.AddMinutes(-10), TestModels.Now.AddMinutes(-5)), new MetricsHistory
        {
            From = TestModels.Now.AddMinutes(-10),
            To = TestModels.Now.AddMinutes(-5),
            Step = HistorySteps.Minute,
            Points =
            [
                new HistoryPoint { Timestamp = TestModels.Now.AddMinutes(-10), Count = 3000, Accuracy = 0.95, LatencyP95 = 20.0, ThroughputPerSec = 50, ErrorRate = 0.01 },
                new HistoryPoint { Timestamp = TestModels.Now.AddMinutes(-9), Count = 1000, Accuracy = 0.91, LatencyP95 = 40.0, ThroughputPerSec = 16.7, ErrorRate = 0.03 },
                new HistoryPoint { Timestamp = TestModels.Now.AddMinutes(-8), Count = 0, ThroughputPerSec = 0 },
            ],
        }, ModelOpsJsonContext.Default.MetricsHistory);
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier() with
        {
            Metrics = TestModels.Classifier().Metrics with { ErrorRate = 0.012 },
        }));

        // Before: accuracy (3000·0.95 + 1000·0.91)/4000 = 0.94, p95 25 ms, 4000 events in 300 s = 13.3/s, error rate 1.5%.
        page.WaitForAssertion(() => Assert.Equal(
            ["▼ 0.6 pp vs previous 5 min", "p95 ▲ 6.0 ms vs previous 5 min", "▲ 26.7/s vs previous 5 min", "▼ 0.3 pp vs previous 5 min"],
            page.FindAll("[data-testid=kpi-change]").Select(change => change.TextContent)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_regression_model_shows_MAE_and_RMSE_in_place_of_accuracy()
    {
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("eta", TestModels.Regressor(mae: 1.234, rmse: 2.5)));

        Assert.Equal(["MAE", "RMSE"], Labels(page, "kpi-accuracy"));
        Assert.Equal(["1.23", "2.50"], Values(page, "kpi-accuracy"));
    }

    [Fact]
    public async Task The_cards_follow_the_model_that_becomes_active()
    {
        Store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        var page = Render<Overview>();

        await ReceiveAsync(new ActiveModelChangedMessage("churn"));

        Assert.Equal("Churn scorer", page.Find("h1").TextContent);
        Assert.Equal(["—"], Values(page, "kpi-accuracy"));
    }

    [Fact]
    public async Task Updates_of_other_models_do_not_redraw_the_page()
    {
        Store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        var page = Render<Overview>();
        var rendersBefore = KpiRenders(page);

        await ReceiveAsync(new ModelUpdateMessage(TestModels.WithoutLabels() with { Status = ModelStatus.Critical }));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(rendersBefore, KpiRenders(page));
    }

    [Fact]
    public async Task Updates_of_the_active_model_within_a_quarter_second_redraw_once_at_its_end()
    {
        var page = Render<Overview>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(accuracy: 0.90)));
        var rendersAfterTheInitialState = KpiRenders(page);

        await ReceiveAsync(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.91)));
        await ReceiveAsync(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.92)));
        var rendersBeforeTheIntervalEnds = KpiRenders(page);
        var shownBeforeTheIntervalEnds = Values(page, "kpi-accuracy");
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(rendersAfterTheInitialState, rendersBeforeTheIntervalEnds);
        Assert.Equal(["90.0%"], shownBeforeTheIntervalEnds);
        // The redraw is queued on the renderer, which the page's read of the previous window may hold for a moment.
        page.WaitForAssertion(() => Assert.Equal(["92.0%"], Values(page, "kpi-accuracy")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_page_shows_every_panel_of_the_active_model()
    {
        var page = Render<Overview>();

        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));

        foreach (var testId in new[] { "chart-accuracy", "chart-latency", "chart-throughput", "drift-panel", "alerts-panel", "inference-log" })
        {
            Assert.Single(page.FindAll($"[data-testid={testId}]"));
        }
    }

    [Fact]
    public void Without_an_active_model_the_page_says_where_models_come_from()
    {
        var page = Render<Overview>();

        Assert.Empty(page.FindAll(".kpi-card"));
        Assert.Contains("POST /api/v1/models/{id}/events", page.Find("[data-testid=no-active-model]").TextContent);
    }

    private static string HistoryPath(string modelId, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/models/{modelId}/metrics/history?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&step=1m";

    /// <summary>How often the accuracy card has rendered: the page's own count includes every panel's chart redraws.</summary>
    private static int KpiRenders(IRenderedComponent<Overview> page) => page.FindComponents<KpiCard>()[0].RenderCount;

    private static IEnumerable<string> Values(IRenderedComponent<Overview> page, string testId) =>
        page.FindAll($"[data-testid={testId}] .kpi-value").Select(value => value.TextContent);

    private static IEnumerable<string> Labels(IRenderedComponent<Overview> page, string testId) =>
        page.FindAll($"[data-testid={testId}] .kpi-label").Select(label => label.TextContent);
}
