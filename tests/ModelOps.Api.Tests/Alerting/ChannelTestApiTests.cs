using ModelOps.Grains.Notifications;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary><c>POST /api/v1/channels/{id}/test</c> against real receivers on loopback: one message, one attempt, the answer as it came.</summary>
public sealed class ChannelTestApiTests(AlertingServerFixture fixture) : IClassFixture<AlertingServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_webhook_gets_one_test_alert_under_the_test_event_and_the_answer_says_delivered()
    {
        const string Secret = "webhook-secret-tested";
        await using var webhook = await HookReceiver.StartAsync();
        await client.PutChannelAsync("tested-hook", Webhook(webhook.Url(), "tested", Secret), cancel);
        var before = DateTimeOffset.UtcNow;

        var result = await client.TestChannelAsync("tested-hook", cancel);

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(new ChannelTestResult(true, 200, null), result);
        var request = Assert.Single(webhook.Requests);
        var sentAt = request.Json["alert"]!["startedAt"]!.GetValue<string>();
        Assert.InRange(DateTimeOffset.Parse(sentAt), before, after);
        Assert.Equal(NotificationTestKit.Normalized($$"""
            {"event": "test",
             "alert": {"id": "test-tested-hook", "modelId": "modelops-test", "ruleId": "test", "fingerprint": "modelops-test-tested-hook",
                       "title": "Test notification",
                       "message": "A test from ModelOps Vision to channel 'tested-hook': alerts sent to this channel arrive here.",
                       "severity": "info", "state": "firing", "metric": "errorRate", "value": 0.1, "threshold": 0.05, "op": ">",
                       "startedAt": "{{sentAt}}", "firedAt": "{{sentAt}}", "resolvedAt": null, "resolvedBy": null,
                       "acknowledgedBy": null, "acknowledgedAt": null, "silenced": false, "deliveries": []} }
            """), request.Json.ToJsonString());
        Assert.Equal(("POST", "/hook", "test"), (request.Method, request.Path, request.Header(WebhookHeaders.Event)));
        Assert.Equal(Signature(request.Body, Secret, request.Header(WebhookHeaders.Signature)), request.Header(WebhookHeaders.Signature));
        Assert.Matches("^[0-9a-f]{32}$", request.Header(WebhookHeaders.Delivery));
    }

    [Fact]
    public async Task PagerDuty_gets_an_info_trigger_with_the_stored_routing_key_not_the_masked_one()
    {
        const string RoutingKey = "R0UTING-KEY-tested-0001";
        await using var pagerDuty = await HookReceiver.StartAsync();
        var stored = await client.PutChannelAsync("tested-pd", PagerDuty(pagerDuty, "tested", RoutingKey), cancel);

        var result = await client.TestChannelAsync("tested-pd", cancel);

        Assert.Equal("••••0001", stored.RoutingKey);
        Assert.Equal(new ChannelTestResult(true, 200, null), result);
        var request = Assert.Single(pagerDuty.Requests);
        var sentAt = request.Json["payload"]!["timestamp"]!.GetValue<string>();
        Assert.Equal(NotificationTestKit.Normalized($$"""
            {"routing_key": "{{RoutingKey}}", "event_action": "trigger", "dedup_key": "modelops-test-tested-pd",
             "payload": {"summary": "Test notification on model modelops-test: errorRate 0.1 > 0.05", "source": "modelops-test",
                         "severity": "info", "timestamp": "{{sentAt}}", "component": "modelops",
                         "custom_details": {"metric": "errorRate", "value": 0.1, "op": ">", "threshold": 0.05,
                                            "alertId": "test-tested-pd", "ruleId": "test"} } }
            """), request.Json.ToJsonString());
    }

    [Fact]
    public async Task A_refusing_slack_hook_is_tried_once_and_its_status_and_answer_come_back()
    {
        await using var slack = await HookReceiver.StartAsync();
        slack.Reply(new Reply(404, "no_service"));
        await client.PutChannelAsync("tested-slack", Slack(slack, "tested"), cancel);

        var result = await client.TestChannelAsync("tested-slack", cancel);

        Assert.Equal(new ChannelTestResult(false, 404, "HTTP 404: no_service"), result);
        var request = Assert.Single(slack.Requests);
        Assert.Equal("[INFO] Test notification on model modelops-test: errorRate 0.1 &gt; 0.05", request.Json["text"]!.GetValue<string>());
        Assert.Equal("INFO: Test notification", request.Json["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_channel_that_does_not_answer_is_not_retried_and_the_error_says_why()
    {
        await using var down = await HookReceiver.StartAsync();
        down.Reply(new Reply(503, "maintenance"));
        await client.PutChannelAsync("tested-down", Webhook(down.Url(), "tested"), cancel);

        var result = await client.TestChannelAsync("tested-down", cancel);
        var alerts = await client.GetFleetAlertsAsync(cancellationToken: cancel);

        Assert.Equal(new ChannelTestResult(false, 503, "HTTP 503: maintenance"), result);
        Assert.Single(down.Requests);
        Assert.DoesNotContain(alerts, alert => alert.ModelId == TestNotification.ModelId);
    }

    [Fact]
    public async Task An_unknown_channel_is_a_404_and_nothing_is_sent()
    {
        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.TestChannelAsync("tested-nobody", cancel));

        Assert.Equal(404, refused.StatusCode);
        Assert.StartsWith("No channel 'tested-nobody'.", refused.Problem?.Detail);
    }
}
