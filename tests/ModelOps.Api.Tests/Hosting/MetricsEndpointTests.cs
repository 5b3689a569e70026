using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Hosting;

/// <summary><c>/metrics</c> read as Prometheus reads it, for a model whose traffic the test wrote itself.</summary>
[Collection(ModelOps.Api.Tests.Scale.AloneCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string ModelId = "prom-fraud";
    private const string ChannelId = "prom-hook";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;
    private ModelOpsServer server = null!;
    private HookReceiver receiver = null!;

    public async ValueTask InitializeAsync()
    {
        receiver = await HookReceiver.StartAsync();
        server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:DriftInterval"] = "00:00:00.200",
            ["ModelOps:Notifications:AllowPrivateNetworks"] = "true",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await receiver.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Fact]
    public async Task A_model_with_known_traffic_reads_the_same_on_metrics_as_on_the_api()
    {
        await server.Client.PutModelAsync(ModelId, TestData.Classifier("Prometheus fraud"), cancel);
        await server.Client.PutRulesAsync(ModelId, [AlertingKit.SlowLatency(@for: "0s")], cancel);
        await server.Client.PutChannelAsync(ChannelId, AlertingKit.Webhook(receiver.Url(), ModelId), cancel);
        var baseline = new StringBuilder("amount,country\n");
        for (var i = 1; i <= 20; i++)
        {
            baseline.Append(i).Append(',').Append(i % 2 == 0 ? "DE" : "FR").Append('\n');
        }
        await server.Client.PutBaselineCsvAsync(ModelId, new MemoryStream(Encoding.UTF8.GetBytes(baseline.ToString())), cancellationToken: cancel);
        var ingest = await server.Client.PostEventsAsync(ModelId,
        [
            new() { Id = "a", LatencyMs = 150, Prediction = "fraud", Label = "fraud", Features = Features(1.5, "DE") },
            new() { Id = "b", LatencyMs = 200, Prediction = "legit", Label = "fraud", Features = Features(2.5, ScalarValue.Missing) },
            new() { Id = "c", LatencyMs = 300, Prediction = "legit", Error = true, Features = Features(3.5, "FR") },
            new() { Id = "late", LatencyMs = 10, Prediction = "fraud", Timestamp = DateTimeOffset.UtcNow.AddMinutes(-10) },
        ], cancel);
        Assert.Equal(new IngestResult(4, 1), ingest);
        using (var invalid = await server.Http.PostAsync($"/api/v1/models/{ModelId}/events",
            new StringContent("""{"events":[{"latencyMs":"fast","prediction":"a"}]}""", Encoding.UTF8, "application/json"), cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        using (var unknown = await server.Http.PostAsJsonAsync("/api/v1/models/prom-nobody/events",
            new { events = new[] { new { latencyMs = 1, prediction = "a" } } }, cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        var alert = await server.Client.WaitForAlertAsync(ModelId, a => a.State == AlertState.Firing, "the latency alert firing");
        await TestData.WaitUntil(() => Task.FromResult(receiver.Requests.Count >= 1), Patience, "the webhook's firing notification");
        var insight = await server.Client.GetInsightAsync(alert.Id, cancellationToken: cancel);
        Assert.Equal(InsightProviders.Builtin, insight.Provider);

        await server.Client.PutModelAsync("prom-house", new ModelDefinition { Name = "Prices", Task = ModelTask.Regression }, cancel);
        await server.Client.PostEventsAsync("prom-house",
            [new() { LatencyMs = 5, Prediction = 100, Label = 110 }, new() { LatencyMs = 6, Prediction = 200, Label = 170 }], cancel);
        await using var stream = await server.ConnectStreamAsync(ModelId);

        var scrape = await ScrapeUntilAsync(text =>
            text.All("modelops_feature_drift_score", ("model", ModelId)).Count == 2
            && text.All("modelops_model_mae", ("model", "prom-house")).Count == 1
            && text.All("modelops_websocket_sessions").SingleOrDefault()?.Value == 1
            && text.All("modelops_alerts_firing", ("model", ModelId), ("severity", "critical")).SingleOrDefault()?.Value == 1
            && text.All("modelops_notifications_total", ("channel", ChannelId), ("outcome", "delivered")).Count == 1,
            "the drift scores, the firing alert and the delivered notification on /metrics");

        var metrics = await server.Client.GetMetricsAsync(ModelId, cancel);
        var model = ("model", ModelId);
        Assert.Equal("gauge", scrape.Types["modelops_model_accuracy"]);
        Assert.Equal(0.5, scrape.Value("modelops_model_accuracy", model));
        Assert.Equal(3, scrape.Value("modelops_model_events", model));
        Assert.Equal(2, scrape.Value("modelops_model_labels", model));
        Assert.Equal(1, scrape.Value("modelops_model_late_events", model));
        Assert.Equal(1.0 / 3, scrape.Value("modelops_model_error_rate", model));
        Assert.Empty(scrape.All("modelops_model_mae", model));
        Assert.Equal(metrics.Latency.P50!.Value / 1000, scrape.Value("modelops_model_latency_seconds", model, ("quantile", "0.5")));
        Assert.Equal(metrics.Latency.P95!.Value / 1000, scrape.Value("modelops_model_latency_seconds", model, ("quantile", "0.95")));
        Assert.Equal(metrics.Latency.P99!.Value / 1000, scrape.Value("modelops_model_latency_seconds", model, ("quantile", "0.99")));
        Assert.InRange(metrics.Latency.P50!.Value, 198, 202);
        Assert.InRange(metrics.Latency.P99!.Value, 297, 303);
        // Throughput is the window's events over the seconds since the first one: three events over a whole number of seconds.
        var seconds = 3 / scrape.Value("modelops_model_throughput_per_second", model);
        Assert.Equal(Math.Round(seconds), seconds, 9);

        var drift = await server.Client.GetDriftAsync(ModelId, cancellationToken: cancel);
        Assert.Equal(drift.DriftShare, scrape.Value("modelops_model_drift_share", model));
        foreach (var feature in drift.Features)
        {
            var labels = new[] { model, ("feature", feature.Name) };
            Assert.Equal(feature.Score!.Value, scrape.Value("modelops_feature_drift_score", [.. labels, ("method", feature.Method)]));
            Assert.Equal(feature.Drifted ? 1 : 0, scrape.Value("modelops_feature_drifted", labels));
            Assert.Equal(feature.NullShare!.Value, scrape.Value("modelops_feature_null_share", labels));
        }
        // The late event is in the hour-long drift window, without features: two of four events lack a country.
        Assert.Equal(0.5, scrape.Value("modelops_feature_null_share", model, ("feature", "country")));
        Assert.Equal(0, scrape.Value("modelops_alerts_firing", model, ("severity", "warning")));
        Assert.Equal(0, scrape.Value("modelops_alerts_firing", model, ("severity", "info")));

        Assert.Equal("counter", scrape.Types["modelops_ingest_events_accepted_total"]);
        Assert.Equal(20, scrape.Value("modelops_model_mae", ("model", "prom-house")));
        Assert.Equal(Math.Sqrt((100 + 900) / 2.0), scrape.Value("modelops_model_rmse", ("model", "prom-house")));
        Assert.Empty(scrape.All("modelops_model_accuracy", ("model", "prom-house")));
        Assert.Equal(6, scrape.Value("modelops_ingest_events_accepted_total"));
        Assert.Equal(1, scrape.Value("modelops_ingest_events_late_total"));
        Assert.Equal(1, scrape.Value("modelops_ingest_requests_refused_total", ("reason", "invalid")));
        Assert.Equal(1, scrape.Value("modelops_ingest_requests_refused_total", ("reason", "unknown_model")));
        Assert.Equal(1, scrape.Value("modelops_notifications_total", ("channel", ChannelId), ("event", "firing"), ("outcome", "delivered")));
        Assert.Equal(1, scrape.Value("modelops_ai_insights_total", ("provider", "builtin"), ("fallback", "false")));
        Assert.Equal(0, scrape.Value("modelops_metrics_models_omitted"));
        Assert.Equal(0, scrape.Value("modelops_metrics_features_omitted"));
        Assert.InRange(scrape.Value("orleans_catalog_activations", ("grain_type", "model")), 2, 3);

        // Every series the Grafana board charts is one the service serves.
        var board = await File.ReadAllTextAsync(Path.Combine(PublishedBuild.RepositoryRoot(), "deploy", "grafana", "modelops.json"), cancel);
        var charted = Regex.Matches(board, @"\b(?:modelops|orleans)_[a-z_]+").Select(match => match.Value).Distinct().ToArray();
        Assert.Equal(23, charted.Length);
        Assert.All(charted, name => Assert.True(scrape.Types.ContainsKey(name), $"{name} is on the board but not on /metrics"));
    }

    [Fact]
    public async Task Open_websocket_sessions_are_counted_while_they_last()
    {
        await server.Client.PutModelAsync("prom-ws", TestData.Classifier(), cancel);
        var stream = await server.ConnectStreamAsync("prom-ws");
        await ScrapeUntilAsync(text => text.All("modelops_websocket_sessions").SingleOrDefault()?.Value == 1, "one open session");
        await stream.DisposeAsync();
        await ScrapeUntilAsync(text => text.All("modelops_websocket_sessions").SingleOrDefault()?.Value == 0, "no open session");
    }

    [Fact]
    public async Task Models_and_features_beyond_the_limits_are_left_out_and_counted()
    {
        await using var bounded = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:DriftInterval"] = "00:00:00.200",
            ["ModelOps:Metrics:MaxModels"] = "1",
            ["ModelOps:Metrics:MaxFeaturesPerModel"] = "1",
        });
        try
        {
            await bounded.Client.PutModelAsync("first", TestData.Classifier(), cancel);
            await bounded.Client.PutBaselineCsvAsync("first", new MemoryStream("amount,country\n1,DE\n2,FR\n3,DE\n"u8.ToArray()), cancellationToken: cancel);
            await bounded.Client.PostEventsAsync("first", TestData.Events(10), cancel);
            await ScrapeUntilAsync(bounded, text => text.All("modelops_feature_drifted", ("model", "first")).Count == 1, "the first model's one feature");
            await bounded.Client.PutModelAsync("second", TestData.Classifier(), cancel);
            await bounded.Client.PostEventsAsync("second", TestData.Events(10), cancel);

            var scrape = await ScrapeUntilAsync(bounded, text => text.All("modelops_metrics_models_omitted").SingleOrDefault()?.Value == 1,
                "the second model counted as omitted");

            Assert.Equal(["first"], scrape.All("modelops_model_events").Select(sample => sample.Labels["model"]));
            Assert.Equal(1, scrape.Value("modelops_metrics_features_omitted"));
            Assert.Equal("amount", scrape.All("modelops_feature_drifted", ("model", "first")).Single().Labels["feature"]);
        }
        finally
        {
            Directory.Delete(bounded.DataDir, recursive: true);
        }
    }

    private static Dictionary<string, ScalarValue> Features(double amount, ScalarValue country) =>
        new() { ["amount"] = amount, ["country"] = country };

    private Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> condition, string awaited) =>
        ScrapeUntilAsync(server, condition, awaited);

    private static async Task<PrometheusText> ScrapeUntilAsync(ModelOpsServer target, Func<PrometheusText, bool> condition, string awaited)
    {
        PrometheusText? last = null;
        await TestData.WaitUntil(async () =>
        {
            using var response = await target.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            last = PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return condition(last);
        }, Patience, awaited);
        return last!;
    }
}
