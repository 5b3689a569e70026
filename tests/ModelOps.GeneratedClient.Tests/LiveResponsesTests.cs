using System.Text;
using ModelOps.Api.Tests;
using ModelOps.Contracts;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>Every response of a full tour, made with the typed .NET client and raw HTTP, matches the live document's own schemas.</summary>
public sealed class LiveResponsesTests : LiveServerTest
{
    [Fact]
    public async Task Every_response_of_a_full_tour_validates_against_the_document()
    {
        var cancel = TestContext.Current.CancellationToken;
        var conformance = new DocumentConformance(await Server.Http.GetStringAsync("swagger/v1/swagger.json", cancel));
        using var http = new HttpClient(new ConformanceHandler(conformance)) { BaseAddress = Server.Root };
        var client = new ModelOpsClient(http);
        const string Model = "conformance";

        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.GetModelAsync(Model, cancel);
        await client.PutBaselineCsvAsync(Model, new MemoryStream(Encoding.UTF8.GetBytes("amount,country\n1.5,DE\n3,FR\n4.5,\n6,DE\n")), cancellationToken: cancel);
        await client.PutRulesAsync(Model, [new AlertRule { Id = "slow", Metric = "latencyMean", Op = ">", Threshold = 0, For = Duration.Zero, Severity = AlertSeverity.Warning }], cancel);
        await client.PostEventsAsync(Model, TestData.Events(40), cancel);
        await TestData.WaitUntil(async () => (await client.GetAlertsAsync(Model, AlertState.Firing, cancellationToken: cancel)).Count == 1, TimeSpan.FromSeconds(15), "the rule firing");
        var alert = (await client.GetFleetAlertsAsync(AlertState.Firing, cancellationToken: cancel)).Single(candidate => candidate.ModelId == Model);
        await client.AcknowledgeAlertAsync(alert.Id, "alice", cancel);
        await client.GetInsightAsync(alert.Id, cancellationToken: cancel);
        await client.ResolveAlertAsync(alert.Id, "bob", cancel);
        await client.GetMetricsAsync(Model, cancel);
        await client.GetHistoryAsync(Model, step: HistorySteps.Second, cancellationToken: cancel);
        await client.GetHistoryAsync(Model, step: HistorySteps.Minute, cancellationToken: cancel);
        await client.GetLogsAsync(Model, 10, cancel);
        await client.GetDriftAsync(Model, cancellationToken: cancel);
        await client.GetRulesAsync(Model, cancel);
        await client.ListModelsAsync(cancel);
        var yaml = await client.GetConfigAsync(Model, cancellationToken: cancel);
        await client.GetConfigAsync(Model, ConfigFormats.Evidently, cancel);
        await client.ApplyConfigAsync(Model, yaml, cancel);

        await client.PutChannelAsync("conformance-hook", new NotificationChannel { Type = ChannelTypes.Webhook, Url = "http://hooks.invalid/conformance", Secret = "s3cret" }, cancel);
        await client.PutChannelAsync("conformance-retrain", new NotificationChannel { Type = ChannelTypes.Retrain, Url = "http://retrain.invalid/conformance", Models = [Model] }, cancel);
        await http.GetAsync("api/v1/channels/conformance-hook", cancel);
        await client.ListChannelsAsync(cancel);
        await client.TestChannelAsync("conformance-hook", cancel);
        await client.RetrainAsync(Model, new RetrainRequest("drift", "alice"), cancel);
        await http.GetAsync($"api/v1/models/{Model}/retrains", cancel);
        var silence = await client.AddSilenceAsync(new Silence { Matchers = new SilenceMatchers(Model, Severity: AlertSeverity.Warning), EndsAt = DateTimeOffset.UtcNow.AddHours(1) }, cancel);
        await client.ListSilencesAsync(includeExpired: true, cancel);
        await client.DeleteSilenceAsync(silence.Id!, cancel);
        await client.DeleteChannelAsync("conformance-hook", cancel);

        // The problems a valid client meets too: a missing model, a bad query, a plain GET of the WebSocket.
        await http.GetAsync("api/v1/models/no-such-model", cancel);
        await http.GetAsync($"api/v1/models/{Model}/logs?limit=0", cancel);
        await http.GetAsync("api/v1/stream", cancel);
        await http.GetAsync("health/live", cancel);
        await http.GetAsync("health/ready", cancel);
        await client.GetClusterAsync(cancel);
        await client.GetAuditAsync(Model, 10, cancel);
        await http.GetAsync("api/v1/audit?limit=0", cancel);
        await client.DeleteModelAsync(Model, cancel);

        Assert.Empty(conformance.Failures);
        Assert.Equal(
            [
                "AcknowledgeAlert 200", "DeleteChannel 204", "DeleteModel 204", "DeleteSilence 204", "GetAudit 200", "GetAudit 400", "GetChannel 200",
                "GetCluster 200", "GetConfig 200", "GetDrift 200", "GetFleetAlerts 200", "GetLogs 200", "GetLogs 400", "GetMetrics 200", "GetMetricsHistory 200",
                "GetModel 200", "GetModel 404", "GetModelAlerts 200", "GetRetrains 200", "GetRules 200", "HealthLive 200", "HealthReady 200",
                "ListChannels 200", "ListModels 200", "ListSilences 200", "PostEvents 202", "PostInsight 200", "PostRetrain 202", "PostSilence 201",
                "PutBaseline 200", "PutChannel 200", "PutConfig 200", "PutModel 200", "PutRules 200", "ResolveAlert 200", "Stream 400", "TestChannel 200",
            ],
            conformance.Seen);
    }

    [Fact]
    public async Task The_check_rejects_what_the_document_does_not_allow()
    {
        var conformance = new DocumentConformance(await Server.Http.GetStringAsync("swagger/v1/swagger.json", TestContext.Current.CancellationToken));

        conformance.Check(HttpMethod.Get, "/api/v1/models/m/logs", 200, "application/json", """[{"latencyMs": 1, "prediction": {"kind": 2, "text": "fraud"}}]""");
        conformance.Check(HttpMethod.Get, "/api/v1/models/m/metrics/history", 200, "application/json", """{"from": "2026-11-29T15:00:00Z", "to": "2026-11-29T15:01:00Z", "step": "00:00:01", "points": []}""");
        conformance.Check(HttpMethod.Get, "/api/v1/models/m/logs", 418, "application/json", "[]");
        conformance.Check(HttpMethod.Get, "/api/v1/models/m/config", 200, "application/json", "{}");

        Assert.Equal(4, conformance.Failures.Count);
        Assert.Contains("/0/prediction: fails", conformance.Failures[0]);
        Assert.Contains("/step", conformance.Failures[1]);
        Assert.StartsWith("GET /api/v1/models/m/logs → 418: status 418 is not declared", conformance.Failures[2]);
        Assert.StartsWith("GET /api/v1/models/m/config → 200: Content-Type 'application/json' is not declared", conformance.Failures[3]);
    }
}
