using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelOps.Grains.Notifications;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>Rules, the alert lifecycle, acknowledging and resolving, all over the public REST API and the WebSocket.</summary>
public sealed class AlertLifecycleTests(AlertingServerFixture fixture) : IClassFixture<AlertingServerFixture>
{
    private readonly ModelOpsServer server = fixture.Server;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rules_put_over_rest_are_read_back_exactly_with_their_durations_as_text()
    {
        const string Rules = """
            {"rules":[
              {"id":"latency-p95-high","name":"Latency p95 high","metric":"latencyP95","op":">","threshold":100,"for":"1s","window":"2s","severity":"critical","actions":[]},
              {"id":"errors","name":"errors","metric":"errorRate","op":">=","threshold":0.25,"for":"1m30s","window":null,"severity":"warning","actions":["retrain"]}
            ]}
            """;
        await client.PutModelAsync("rules-roundtrip", TestData.Classifier(), cancel);

        using var put = await server.Http.PutAsync("/api/v1/models/rules-roundtrip/rules", new StringContent(Rules, Encoding.UTF8, "application/json"), cancel);
        var read = await server.Http.GetStringAsync("/api/v1/models/rules-roundtrip/rules", cancel);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(NotificationTestKit.Normalized(Rules), NotificationTestKit.Normalized(read));
        Assert.Equal(NotificationTestKit.Normalized(Rules), NotificationTestKit.Normalized(await put.Content.ReadAsStringAsync(cancel)));
    }

    [Fact]
    public async Task An_alert_goes_pending_firing_resolved_as_the_latency_rises_and_falls_and_the_model_status_follows()
    {
        const string Model = "lifecycle";
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "1s")], cancel);
        await using var feed = await AlertFeed.ConnectAsync(server, Model);
        await using var traffic = Traffic.Start(client, Model, SlowMs);

        var pending = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Pending, "a pending alert");
        var firing = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        var slowP95 = (await client.GetMetricsAsync(Model, cancel)).Latency.P95;
        var fleetFiring = await client.GetFleetAlertsAsync(AlertState.Firing, cancellationToken: cancel);
        var modelWhileFiring = await client.GetModelAsync(Model, cancel);
        traffic.LatencyMs = FastMs;
        var resolved = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Resolved, "the alert resolved");
        var modelAfter = await client.GetModelAsync(Model, cancel);
        var fleetFiringAfter = await client.GetFleetAlertsAsync(AlertState.Firing, cancellationToken: cancel);
        var fleetResolved = await client.GetFleetAlertsAsync(AlertState.Resolved, cancellationToken: cancel);
        var streamed = await feed.WaitForAsync(3);

        Assert.Equal(("lifecycle-1", "lifecycle-1", "lifecycle-1"), (pending.Id, firing.Id, resolved.Id));
        Assert.Equal(
            (Model, SlowLatencyRuleId, Fingerprint(Model, SlowLatencyRuleId), "Latency p95 high", AlertSeverity.Critical, "latencyP95", ">", 100.0),
            (pending.ModelId, pending.RuleId, pending.Fingerprint, pending.Title, pending.Severity, pending.Metric, pending.Op, pending.Threshold));
        Assert.Null(pending.FiredAt);
        Assert.Equal(slowP95, firing.Value);
        Assert.InRange(firing.Value!.Value, SlowMs * 0.99, SlowMs * 1.01);
        Assert.Equal($"latencyP95 is {Ms(firing.Value)}, above the threshold of 100 ms (for 1s)", firing.Message);
        Assert.Equal(pending.StartedAt, firing.StartedAt);
        Assert.True(firing.FiredAt - firing.StartedAt >= TimeSpan.FromSeconds(1), $"fired {firing.FiredAt - firing.StartedAt} after it started, before its 'for' of 1s");
        Assert.Contains(fleetFiring, alert => alert.Id == "lifecycle-1" && alert.State == AlertState.Firing);
        Assert.Equal((ModelStatus.Critical, 1), (modelWhileFiring!.Status, modelWhileFiring.OpenAlerts));

        Assert.InRange(resolved.Value!.Value, FastMs * 0.99, FastMs * 1.01);
        Assert.Equal($"latencyP95 is back at {Ms(resolved.Value)} (threshold > 100 ms)", resolved.Message);
        Assert.Equal((firing.FiredAt, (string?)null), (resolved.FiredAt, resolved.ResolvedBy));
        Assert.True(resolved.ResolvedAt - firing.FiredAt >= TimeSpan.FromSeconds(1), "resolved sooner than its 'for' of 1s after firing");
        Assert.Equal((ModelStatus.Healthy, 0), (modelAfter!.Status, modelAfter.OpenAlerts));
        Assert.DoesNotContain(fleetFiringAfter, alert => alert.ModelId == Model);
        Assert.Contains(fleetResolved, alert => alert.Id == "lifecycle-1");
        Assert.Equal(["lifecycle-1"], (await client.GetAlertsAsync(Model, cancellationToken: cancel)).Select(alert => alert.Id));

        Assert.Equal(
            [("lifecycle-1", AlertState.Pending), ("lifecycle-1", AlertState.Firing), ("lifecycle-1", AlertState.Resolved)],
            streamed.Select(alert => (alert.Id, alert.State)));
        Assert.Equal(resolved, streamed[2] with { Deliveries = resolved.Deliveries });
    }

    [Fact]
    public async Task An_acknowledged_alert_resolved_by_hand_tells_the_channel_it_fired_to()
    {
        const string Model = "handled";
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutChannelAsync("handled-hook", Webhook(receiver.Url(), Model), cancel);
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "2s", severity: AlertSeverity.Warning)], cancel);
        AlertView firing;
        await using (Traffic.Start(client, Model, SlowMs))
        {
            firing = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        }
        var statusWhileFiring = (await client.GetModelAsync(Model, cancel))!.Status;

        var acknowledged = await client.AcknowledgeAlertAsync(firing.Id, "alice", cancel);
        // A flood of fast events brings the rule's condition back at once, so no new alert opens once this one is resolved.
        await client.PostEventsAsync(Model, Traffic.Events(2000, FastMs), cancel);
        var resolved = await client.ResolveAlertAsync(firing.Id, "bob", cancel);
        var requests = await receiver.WaitForAsync(2);
        var settled = await client.WaitForAlertAsync(Model, alert => alert.Settled(2), "both notifications settled");

        Assert.Equal(ModelStatus.Warning, statusWhileFiring);
        Assert.Equal((firing.Id, AlertState.Firing, "alice"), (acknowledged.Id, acknowledged.State, acknowledged.AcknowledgedBy));
        Assert.NotNull(acknowledged.AcknowledgedAt);
        Assert.Equal((AlertState.Resolved, "bob", "alice", acknowledged.AcknowledgedAt), (resolved.State, resolved.ResolvedBy, resolved.AcknowledgedBy, resolved.AcknowledgedAt));
        Assert.Equal($"resolved by bob; latencyP95 was {Ms(resolved.Value)} (threshold > 100 ms)", resolved.Message);
        Assert.Equal(["firing", "resolved"], requests.Select(request => request.Header(WebhookHeaders.Event)));
        Assert.Equal((firing.Id, AlertState.Resolved, "bob"), (AlertOf(requests[1]).Id, AlertOf(requests[1]).State, AlertOf(requests[1]).ResolvedBy));
        Assert.Equal(
            [("handled-hook", "firing", DeliveryStatus.Delivered, 1), ("handled-hook", "resolved", DeliveryStatus.Delivered, 1)],
            settled.Deliveries.Select(delivery => (delivery.ChannelId, delivery.Event, delivery.Status, delivery.Attempts)));
        Assert.Equal([firing.Id], (await client.GetAlertsAsync(Model, cancellationToken: cancel)).Select(alert => alert.Id));
        Assert.Equal(ModelStatus.Healthy, (await client.GetModelAsync(Model, cancel))!.Status);
    }

    [Theory]
    [InlineData("unknown-alerts-99")]
    [InlineData("never-created-1")]
    [InlineData("not-an-alert")]
    public async Task Acknowledging_or_resolving_an_unknown_alert_is_a_404_problem(string alertId)
    {
        await client.PutModelAsync("unknown-alerts", TestData.Classifier(), cancel);
        var detail = $"No alert '{alertId}'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{{id}}/alerts.";

        foreach (var action in new[] { "ack", "resolve" })
        {
            using var response = await server.Http.PostAsJsonAsync($"/api/v1/alerts/{alertId}/{action}", new AlertActionRequest("alice"), ModelOpsJsonContext.Default.AlertActionRequest, cancel);

            await AssertProblemAsync(response, HttpStatusCode.NotFound, detail);
        }
    }
}
