using AngleSharp.Dom;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class InferenceLogTests : DashboardTestContext
{
    [Fact]
    public async Task Each_line_shows_time_id_prediction_label_outcome_latency_and_a_features_preview()
    {
        var log = await RenderWithAsync(TestEvents.Event(1, latencyMs: 12.74, features: new Dictionary<string, ScalarValue>
        {
            ["amount"] = 129.5, ["country"] = "DE", ["age"] = ScalarValue.Missing, ["device"] = "ios",
        }) with { Timestamp = TestModels.Now.AddMilliseconds(1250) });

        Assert.Equal([["15:00:01.250", "req-1", "fraud", "fraud", "✓ correct", "12.7 ms", "amount=129.5, country=DE, age=—, …"]], Cells(log));
        Assert.Equal("amount=129.5, country=DE, age=—, device=ios", log.Find(".log-features").GetAttribute("title"));
    }

    [Fact]
    public async Task A_wrong_prediction_reads_incorrect_and_an_unlabelled_one_leaves_the_column_blank_with_missing_values_as_dashes()
    {
        var log = await RenderWithAsync(
            TestEvents.Event(2, prediction: "legit", label: "fraud"),
            TestEvents.Event(1, label: null) with { Id = null, LatencyMs = null, Features = null });

        Assert.Equal(
            [
                ["15:00:02.000", "req-2", "legit", "fraud", "✗ incorrect", "12.7 ms", "amount=129.5, country=DE"],
                ["15:00:01.000", "—", "fraud", "—", "", "—", ""],
            ],
            Cells(log));
    }

    [Fact]
    public async Task A_failed_model_call_is_marked_as_an_error_in_words()
    {
        var log = await RenderWithAsync(TestEvents.Event(1, error: true));

        Assert.Equal("fraud error", Cells(log)[0][2]);
    }

    [Fact]
    public async Task Classes_compare_by_value_so_a_numeric_label_matches_the_same_class_sent_as_text()
    {
        var log = await RenderWithAsync(TestEvents.Event(1, prediction: "1") with { Label = ScalarValue.Of(1) });

        Assert.Equal("✓ correct", Cells(log)[0][4]);
    }

    [Fact]
    public async Task Paused_the_log_keeps_its_lines_and_counts_new_ones_which_show_on_resume()
    {
        var log = await RenderWithAsync(TestEvents.Event(2), TestEvents.Event(1));

        await log.Find("[data-testid=log-pause]").ClickAsync(new());
        await ReceiveAllAsync(TestEvents.Log(3), TestEvents.Log(4), TestEvents.Log(5));

        Assert.Equal(["req-2", "req-1"], Ids(log));
        Assert.Equal("3 new", log.Find("[data-testid=log-new-count]").TextContent);
        Assert.Equal("Resume", log.Find("[data-testid=log-pause]").TextContent.Trim());
        Assert.Equal("play_arrow", log.Find("[data-testid=log-pause] .glyph").GetAttribute("data-icon"));
        Assert.Equal("true", log.Find("[data-testid=log-pause]").GetAttribute("aria-pressed"));

        await log.Find("[data-testid=log-pause]").ClickAsync(new());

        Assert.Equal(["req-5", "req-4", "req-3", "req-2", "req-1"], Ids(log));
        Assert.Empty(log.FindAll("[data-testid=log-new-count]"));
        Assert.Equal("Pause", log.Find("[data-testid=log-pause]").TextContent.Trim());
    }

    [Fact]
    public async Task Another_active_model_clears_the_lines_and_resumes_the_log()
    {
        var log = await RenderWithAsync(TestEvents.Event(1));
        await log.Find("[data-testid=log-pause]").ClickAsync(new());

        await ReceiveAllAsync(new ActiveModelChangedMessage("churn"), TestEvents.Log(7));

        Assert.Equal(["req-7"], Ids(log));
        Assert.Empty(log.FindAll("[data-testid=log-new-count]"));
    }

    [Fact]
    public async Task The_outcome_filter_shows_only_correct_or_only_incorrect_lines()
    {
        var log = await RenderWithAsync(
            TestEvents.Event(3, prediction: "legit", label: "fraud"),
            TestEvents.Event(2, label: null),
            TestEvents.Event(1));

        await log.Find("[data-testid=log-outcome-filter] [aria-label=Incorrect]").ClickAsync(new());
        var incorrect = Ids(log);
        await log.Find("[data-testid=log-outcome-filter] [aria-label=Correct]").ClickAsync(new());
        var correct = Ids(log);
        await log.Find("[data-testid=log-outcome-filter] [aria-label=All]").ClickAsync(new());

        Assert.Equal(["req-3"], incorrect);
        Assert.Equal(["req-1"], correct);
        Assert.Equal(["req-3", "req-2", "req-1"], Ids(log));
    }

    [Fact]
    public async Task Slow_only_shows_lines_slower_than_the_models_p95_or_than_a_typed_threshold()
    {
        var log = await RenderWithAsync(TestModels.Classifier() with
        {
            Metrics = TestModels.Classifier().Metrics with { Latency = new LatencyStats(Mean: 14.2, P50: 11.0, P95: 31.0, P99: 58.0) },
        }, TestEvents.Event(3, latencyMs: 45), TestEvents.Event(2, latencyMs: 31), TestEvents.Event(1, latencyMs: 10));

        await log.Find("[data-testid=log-slow-only]").ClickAsync(new());
        var slowerThanP95 = Ids(log);
        await log.Find("input[name=log-slower-than]").ChangeAsync(new() { Value = "20" });

        Assert.Equal("p95 31.0", log.Find("input[name=log-slower-than]").GetAttribute("placeholder"));
        Assert.Equal("Slow means slower than this many milliseconds; empty means the model's p95",
            log.Find("input[name=log-slower-than]").GetAttribute("aria-label"));
        Assert.Equal(["req-3"], slowerThanP95);
        Assert.Equal(["req-3", "req-2"], Ids(log));
    }

    [Fact]
    public async Task Slow_only_without_a_p95_or_a_threshold_shows_no_line_and_says_why()
    {
        var log = await RenderWithAsync(TestModels.Classifier() with
        {
            Metrics = TestModels.Classifier().Metrics with { Latency = new LatencyStats(Mean: null, P50: null, P95: null, P99: null) },
        }, TestEvents.Event(1));

        await log.Find("[data-testid=log-slow-only]").ClickAsync(new());

        Assert.Empty(Ids(log));
        Assert.Equal("No latency threshold yet: type one, or wait for the model's p95.", log.Find(".rz-datatable-emptymessage").TextContent);
    }

    [Fact]
    public async Task At_most_100_lines_show_the_newest_first()
    {
        var log = await RenderWithAsync([.. Enumerable.Range(1, 150).Reverse().Select(n => TestEvents.Event(n))]);

        Assert.Equal(100, Ids(log).Count);
        Assert.Equal(["req-150", "req-51"], [Ids(log)[0], Ids(log)[^1]]);
        Assert.Equal("newest 100 of 150 events", log.Find("[data-testid=log-caption]").TextContent);
    }

    [Fact]
    public async Task A_regression_model_has_no_correct_column_and_no_outcome_filter()
    {
        var log = await RenderWithAsync(TestModels.Regressor("fraud", "Fraud detector"), TestEvents.Event(1, prediction: "12.5") with
        {
            Prediction = ScalarValue.Of(12.5), Label = ScalarValue.Of(11.25),
        });

        Assert.Equal(["Time", "Id", "Prediction", "Label", "Latency", "Features"], log.FindAll("th").Select(th => th.TextContent.Trim()));
        Assert.Empty(log.FindAll("[data-testid=log-outcome-filter]"));
        Assert.Equal([["15:00:01.000", "req-1", "12.5", "11.25", "12.7 ms", "amount=129.5, country=DE"]], Cells(log));
    }

    [Fact]
    public async Task Twenty_lines_arriving_at_once_are_drawn_together_at_the_end_of_the_quarter_second()
    {
        var log = await RenderWithAsync(TestEvents.Event(1));
        var rendersBefore = log.RenderCount;

        for (var n = 2; n <= 21; n++)
        {
            await ReceiveAsync(TestEvents.Log(n));
        }
        var rendersDuringTheBurst = log.RenderCount - rendersBefore;
        var shownDuringTheBurst = Ids(log).Count;
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(0, rendersDuringTheBurst);
        Assert.Equal(1, shownDuringTheBurst);
        Assert.Equal(21, Ids(log).Count);
    }

    /// <summary>Renders the log for the fraud classifier (p95 31 ms) with <paramref name="events"/> (newest first) received.</summary>
    private Task<IRenderedComponent<InferenceLog>> RenderWithAsync(params InferenceEvent[] events) => RenderWithAsync(TestModels.Classifier(), events);

    private async Task<IRenderedComponent<InferenceLog>> RenderWithAsync(ModelView model, params InferenceEvent[] events)
    {
        var log = Render<InferenceLog>();
        await ReceiveAsync(TestModels.InitialState(model.Id, model));
        await ReceiveAllAsync([.. events.Reverse().Select(e => new NewLogMessage(e))]);
        return log;
    }

    /// <summary>Receives every message, then lets the quarter second of render throttling pass.</summary>
    private async Task ReceiveAllAsync(params StreamMessage[] messages)
    {
        foreach (var message in messages)
        {
            await ReceiveAsync(message);
        }
        Time.Advance(LiveComponent.MinimumRedrawInterval);
    }

    private static List<string> Ids(IRenderedComponent<InferenceLog> log) =>
        [.. log.FindAll("[data-testid=log-row]").Select(row => row.QuerySelectorAll("td")[1].TextContent.Trim())];

    private static List<List<string>> Cells(IRenderedComponent<InferenceLog> log) =>
        [.. log.FindAll("[data-testid=log-row]").Select(row => row.QuerySelectorAll("td").Select(Text).ToList())];

    private static string Text(IElement cell) => string.Join(' ', cell.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
