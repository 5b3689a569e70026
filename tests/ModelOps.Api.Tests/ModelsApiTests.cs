using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

public sealed class ModelsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_model_is_returned_with_its_definition_and_no_data_yet()
    {
        var created = await client.PutModelAsync("create-me", TestData.Classifier("Fraud detector"), cancel);

        var model = await client.GetModelAsync("create-me", cancel);

        Assert.NotNull(model);
        Assert.Equal(created.CreatedAt, model.CreatedAt);
        Assert.Equal(("create-me", "Fraud detector", "1.0.0", ModelTask.Classification, ModelStatus.NoData),
            (model.Id, model.Name, model.Version, model.Task, model.Status));
        Assert.Equal(["amount", "country"], model.Features.Select(f => f.Name));
        Assert.Equal(0, model.Metrics.Count);
        Assert.Null(model.Metrics.Accuracy);
        Assert.Null(model.Metrics.ErrorRate);
        Assert.Null(model.Metrics.Latency.P50);
        Assert.Equal(TimeSpan.FromMinutes(5), model.Metrics.Window);
    }

    [Fact]
    public async Task A_model_shows_its_drift_settings_as_last_put_so_an_editor_can_send_them_back()
    {
        var settings = new ModelDriftSettings { BaselineSize = 500, Window = TimeSpan.FromMinutes(30), ShareThreshold = 0.4 };
        var created = await client.PutModelAsync("drift-settings", TestData.Classifier() with { Drift = settings }, cancel);
        var read = await client.GetModelAsync("drift-settings", cancel);

        var withDefaults = await client.PutModelAsync("drift-settings", TestData.Classifier() with { Drift = null }, cancel);

        Assert.Equal(settings, created.DriftSettings);
        Assert.Equal(settings, read?.DriftSettings);
        Assert.Null(withDefaults.DriftSettings);
    }

    [Fact]
    public async Task A_thousand_events_give_exact_counts_exact_accuracy_and_latency_quantiles_within_one_percent()
    {
        await client.PutModelAsync("thousand", TestData.Classifier(), cancel);
        var events = TestData.Events(1000);

        var result = await client.PostEventsAsync("thousand", events, cancel);
        var metrics = await client.GetMetricsAsync("thousand", cancel);

        Assert.Equal(new IngestResult(1000, 0), result);
        Assert.Equal(1000, metrics.Count);
        Assert.Equal(750, metrics.LabelCount);
        Assert.Equal(500.0 / 750, metrics.Accuracy!.Value, 12);
        Assert.Equal(0.02, metrics.ErrorRate!.Value, 12);
        Assert.Equal(500.5, metrics.Latency.Mean!.Value, 9);
        var latencies = events.Select(e => e.LatencyMs!.Value).ToArray();
        foreach (var (q, value) in new[] { (0.50, metrics.Latency.P50), (0.95, metrics.Latency.P95), (0.99, metrics.Latency.P99) })
        {
            var exact = TestData.ExactQuantile(latencies, q);
            Assert.InRange(value!.Value, exact * 0.99, exact * 1.01);
        }
        Assert.Null(metrics.Mae);
        Assert.Equal(0, metrics.LateEvents);
    }

    [Fact]
    public async Task A_regression_model_reports_mae_and_rmse_instead_of_accuracy()
    {
        await client.PutModelAsync("regressor", new ModelDefinition { Name = "Prices", Task = ModelTask.Regression }, cancel);
        InferenceEvent[] events =
        [
            new() { LatencyMs = 10, Prediction = 100.0, Label = 90.0 },
            new() { LatencyMs = 10, Prediction = 100.0, Label = 130.0 },
            new() { LatencyMs = 10, Prediction = 50.0 },
        ];

        await client.PostEventsAsync("regressor", events, cancel);
        var metrics = await client.GetMetricsAsync("regressor", cancel);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(2, metrics.LabelCount);
        Assert.Null(metrics.Accuracy);
        Assert.Equal(20.0, metrics.Mae!.Value, 12);
        Assert.Equal(Math.Sqrt((100.0 + 900.0) / 2), metrics.Rmse!.Value, 12);
    }

    [Fact]
    public async Task Events_older_than_the_window_are_acknowledged_as_late_and_kept_out_of_the_metrics()
    {
        await client.PutModelAsync("late", TestData.Classifier(), cancel);
        var old = DateTimeOffset.UtcNow.AddMinutes(-10);

        var result = await client.PostEventsAsync("late", [.. TestData.Events(3, old), .. TestData.Events(2)], cancel);
        var metrics = await client.GetMetricsAsync("late", cancel);

        Assert.Equal(new IngestResult(5, 3), result);
        Assert.Equal(2, metrics.Count);
        Assert.Equal(3, metrics.LateEvents);
    }

    [Fact]
    public async Task Undeclared_features_are_learned_with_the_type_of_their_first_value()
    {
        await client.PutModelAsync("learner", new ModelDefinition { Features = [new() { Name = "amount", Type = FeatureType.Numeric }] }, cancel);
        InferenceEvent[] events =
        [
            new() { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["amount"] = 1.0, ["age"] = ScalarValue.Missing, ["plan"] = "gold" } },
            new() { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["age"] = 41.0 } },
        ];

        await client.PostEventsAsync("learner", events, cancel);
        var model = await client.GetModelAsync("learner", cancel);

        Assert.Equal(
            [("amount", FeatureType.Numeric, false), ("plan", FeatureType.Categorical, true), ("age", FeatureType.Numeric, true)],
            model!.Features.Select(f => (f.Name, f.Type, f.Learned)));
    }

    [Fact]
    public async Task Logs_return_the_latest_events_newest_first_with_arrival_time_for_untimed_events()
    {
        await client.PutModelAsync("logged", TestData.Classifier(), cancel);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await client.PostEventsAsync("logged", TestData.Events(300, idPrefix: "req"), cancel);

        var logs = await client.GetLogsAsync("logged", limit: 5, cancel);

        Assert.Equal(["req-300", "req-299", "req-298", "req-297", "req-296"], logs.Select(e => e.Id));
        Assert.All(logs, e => Assert.InRange(e.Timestamp!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(ScalarValue.Of(450.0), logs[0].Features!["amount"]);
        Assert.Equal(200, (await client.GetLogsAsync("logged", limit: 200, cancel)).Count);
    }

    [Fact]
    public async Task The_model_list_holds_every_model_without_history()
    {
        await client.PutModelAsync("listed-a", TestData.Classifier(), cancel);
        await client.PutModelAsync("listed-b", TestData.Classifier(), cancel);
        await client.PostEventsAsync("listed-a", TestData.Events(10), cancel);

        var models = await client.ListModelsAsync(cancel);

        Assert.Contains(models, m => m.Id == "listed-a" && m.Metrics.Count == 10 && m.History.Count == 0);
        Assert.Contains(models, m => m.Id == "listed-b" && m.Metrics.Count == 0);
    }

    [Fact]
    public async Task A_model_has_one_history_point_per_second_since_its_first_event()
    {
        await client.PutModelAsync("historic", TestData.Classifier(), cancel);
        var now = DateTimeOffset.UtcNow;
        // Ids of their own: an id sent twice is one event.
        await client.PostEventsAsync("historic", [.. TestData.Events(4, now.AddSeconds(-3)), .. TestData.Events(6, now).Select(e => e with { Id = "later-" + e.Id })], cancel);

        var model = await client.GetModelAsync("historic", cancel);

        Assert.InRange(model!.History.Count, 4, 5);
        Assert.Equal(4, model.History[0].Count);
        Assert.Equal(now.AddSeconds(-3).ToUnixTimeSeconds(), model.History[0].Timestamp.ToUnixTimeSeconds());
        Assert.Equal(10, model.History.Sum(p => p.Count));
        Assert.Equal(ModelStatus.Healthy, model.Status);
    }

    [Fact]
    public async Task Deleting_a_model_removes_it_and_a_second_delete_is_not_found()
    {
        await client.PutModelAsync("doomed", TestData.Classifier(), cancel);
        await client.PostEventsAsync("doomed", TestData.Events(5), cancel);

        await client.DeleteModelAsync("doomed", cancel);

        Assert.Null(await client.GetModelAsync("doomed", cancel));
        Assert.DoesNotContain(await client.ListModelsAsync(cancel), m => m.Id == "doomed");
        var again = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.DeleteModelAsync("doomed", cancel));
        Assert.Equal(404, again.StatusCode);
    }

    [Fact]
    public async Task Redefining_a_model_keeps_its_metrics_and_creation_time()
    {
        var first = await client.PutModelAsync("redefined", TestData.Classifier(), cancel);
        await client.PostEventsAsync("redefined", TestData.Events(7), cancel);

        var second = await client.PutModelAsync("redefined", TestData.Classifier() with { Version = "2.0.0" }, cancel);

        Assert.Equal("2.0.0", second.Version);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(7, second.Metrics.Count);
    }

    [Fact]
    public async Task Health_endpoints_answer_once_the_silo_accepts_calls()
    {
        using var live = await fixture.Server.Http.GetAsync("/health/live", cancel);
        using var ready = await fixture.Server.Http.GetAsync("/health/ready", cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(cancel));
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_dashboard_page()
    {
        using var response = await fixture.Server.Http.GetAsync("/api/v1/nowhere", cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_is_served_at_the_root()
    {
        var html = await fixture.Server.Http.GetStringAsync("/", cancel);

        Assert.Contains("<title>ModelOps Vision</title>", html);
        Assert.Contains("_framework/blazor.webassembly", html);
    }

    [Fact]
    public async Task Swagger_documents_every_operation_with_a_summary_and_an_example()
    {
        var document = await fixture.Server.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/swagger/v1/swagger.json", cancel);
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/models", "/api/v1/models/{id}", "/api/v1/models/{id}/events", "/api/v1/models/{id}/labels", "/api/v1/models/{id}/metrics", "/api/v1/models/{id}/metrics/history",
            "/api/v1/models/{id}/logs", "/api/v1/models/{id}/baseline", "/api/v1/models/{id}/drift", "/api/v1/models/{id}/config", "/api/v1/stream",
            "/api/v1/models/{id}/rules", "/api/v1/models/{id}/alerts", "/api/v1/models/{id}/retrain", "/api/v1/models/{id}/retrains",
            "/api/v1/alerts", "/api/v1/alerts/{alertId}/ack", "/api/v1/alerts/{alertId}/resolve", "/api/v1/alerts/{alertId}/insight",
            "/api/v1/channels", "/api/v1/channels/{channelId}", "/api/v1/channels/{channelId}/test", "/api/v1/silences", "/api/v1/silences/{silenceId}",
            "/api/v1/cluster", "/api/v1/audit", "/api/v1/keys", "/api/v1/keys/{keyId}", "/api/v1/session",
        ];

        Assert.Equal(expected.Order(), paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api")).Order());
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/") && p.Name != "/api/v1/stream"))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (where == "DELETE /api/v1/session")
                {
                    // Signing out takes nothing, answers 204 with nothing and cannot fail: there is nothing to exemplify.
                    continue;
                }
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), where);
                var text = operation.Value.GetRawText();
                Assert.True(text.Contains("\"example\"", StringComparison.Ordinal), $"{where} has no example");
            }
        }
        using var ui = await fixture.Server.Http.GetAsync("/swagger/index.html", cancel);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
