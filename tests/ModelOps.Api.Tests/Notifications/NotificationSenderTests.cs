using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using static ModelOps.Api.Tests.Notifications.NotificationTestKit;

namespace ModelOps.Api.Tests.Notifications;

/// <summary>One attempt at a time against a real HTTP receiver on loopback: what each channel type gets, and how answers are judged.</summary>
public sealed class NotificationSenderTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slack_gets_a_one_line_text_and_blocks_with_the_alert_details()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        var channel = new NotificationChannel { Type = ChannelTypes.Slack, Url = receiver.Url("services/T0/B0/x") };

        var attempt = await Sender(services).SendAsync(Item("slack"), channel, cancel);

        Assert.Equal(new DeliveryAttempt("d-1", attempt.At, DeliveryOutcome.Delivered, 200, null, null), attempt);
        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/services/T0/B0/x", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(Normalized("""
            {"text": "[CRITICAL] Accuracy too low on model fraud: accuracy 0.8123 &lt; 0.9",
             "blocks": [
               {"type": "header", "text": {"type": "plain_text", "text": "CRITICAL: Accuracy too low"}},
               {"type": "section",
                "text": {"type": "mrkdwn", "text": "accuracy is 0.8123, below the threshold of 0.9 (for 30s)"},
                "fields": [
                  {"type": "mrkdwn", "text": "*Model*\nfraud"},
                  {"type": "mrkdwn", "text": "*Metric*\naccuracy"},
                  {"type": "mrkdwn", "text": "*Value*\n0.8123"},
                  {"type": "mrkdwn", "text": "*Threshold*\n&lt; 0.9"},
                  {"type": "mrkdwn", "text": "*State*\nfiring"},
                  {"type": "mrkdwn", "text": "*Started*\n2026-11-29 15:00:00 UTC"},
                  {"type": "mrkdwn", "text": "*Fired*\n2026-11-29 15:00:30 UTC"}]}]}
            """), request.Json.ToJsonString());
        Assert.Null(request.Header(WebhookHeaders.Signature));
    }

    [Fact]
    public async Task A_slack_resolve_says_resolved_and_when()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        var channel = new NotificationChannel { Type = ChannelTypes.Slack, Url = receiver.Url() };
        var resolved = Alert(AlertState.Resolved) with { Message = "accuracy is back at 0.93 (threshold < 0.9)" };

        await Sender(services).SendAsync(Item("slack", NotificationEvents.Resolved, resolved), channel, cancel);

        var body = Assert.Single(await receiver.WaitForAsync(1)).Json;
        Assert.Equal("[CRITICAL] Resolved: Accuracy too low on model fraud: accuracy 0.93 (threshold &lt; 0.9)", (string?)body["text"]);
        Assert.Equal("Resolved: Accuracy too low", (string?)body["blocks"]![0]!["text"]!["text"]);
        Assert.Equal("accuracy is back at 0.93 (threshold &lt; 0.9)", (string?)body["blocks"]![1]!["text"]!["text"]);
        Assert.Equal(
            ["*Model*\nfraud", "*Metric*\naccuracy", "*Value*\n0.93", "*Threshold*\n&lt; 0.9", "*State*\nresolved",
             "*Started*\n2026-11-29 15:00:00 UTC", "*Fired*\n2026-11-29 15:00:30 UTC", "*Resolved*\n2026-11-29 15:10:00 UTC"],
            body["blocks"]![1]!["fields"]!.AsArray().Select(field => (string?)field!["text"]));
    }

    [Fact]
    public async Task PagerDuty_gets_a_trigger_then_a_resolve_with_the_alert_fingerprint_as_dedup_key()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(settings: new Dictionary<string, string?> { ["ModelOps:Notifications:PagerDutyUrl"] = receiver.Url("v2/enqueue") });
        var channel = new NotificationChannel { Type = ChannelTypes.PagerDuty, RoutingKey = "R0UT1NGK3Y0000000000000000000000" };
        var sender = Sender(services);

        await sender.SendAsync(Item("pd"), channel, cancel);
        await sender.SendAsync(Item("pd", NotificationEvents.Resolved, Alert(AlertState.Resolved), deliveryId: "d-2"), channel, cancel);

        var requests = await receiver.WaitForAsync(2);
        Assert.All(requests, request => Assert.Equal("/v2/enqueue", request.Path));
        Assert.Equal(Normalized("""
            {"routing_key": "R0UT1NGK3Y0000000000000000000000",
             "event_action": "trigger",
             "dedup_key": "3f2a9c0d1e4b5a6c",
             "payload": {
               "summary": "Accuracy too low on model fraud: accuracy 0.8123 < 0.9",
               "source": "fraud",
               "severity": "critical",
               "timestamp": "2026-11-29T15:00:30.000Z",
               "component": "modelops",
               "custom_details": {"metric": "accuracy", "value": 0.8123, "op": "<", "threshold": 0.9, "alertId": "fraud-7", "ruleId": "accuracy-low"}}}
            """), requests[0].Json.ToJsonString());
        Assert.Equal(Normalized("""
            {"routing_key": "R0UT1NGK3Y0000000000000000000000",
             "event_action": "resolve",
             "dedup_key": "3f2a9c0d1e4b5a6c",
             "payload": {
               "summary": "Resolved: Accuracy too low on model fraud: accuracy 0.93 (threshold < 0.9)",
               "source": "fraud",
               "severity": "critical",
               "timestamp": "2026-11-29T15:10:00.000Z",
               "component": "modelops",
               "custom_details": {"metric": "accuracy", "value": 0.93, "op": "<", "threshold": 0.9, "alertId": "fraud-7", "ruleId": "accuracy-low"}}}
            """), requests[1].Json.ToJsonString());
    }

    [Fact]
    public async Task PagerDuty_summaries_are_cut_to_1024_characters()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        var channel = new NotificationChannel { Type = ChannelTypes.PagerDuty, Url = receiver.Url(), RoutingKey = "key" };

        await Sender(services).SendAsync(Item("pd", alert: Alert() with { Title = new string('x', 2_000) }), channel, cancel);

        var summary = (string)Assert.Single(await receiver.WaitForAsync(1)).Json["payload"]!["summary"]!;
        Assert.Equal(1_024, summary.Length);
        Assert.EndsWith("x…", summary);
    }

    [Fact]
    public async Task A_webhook_gets_the_event_and_the_alert_signed_with_hmac_sha256_of_the_timestamp_and_the_exact_body()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(replace: collection => collection.AddSingleton<TimeProvider>(new StoppedClock(StartedAt)));
        const string Secret = "s3cr3t-shared-with-the-receiver";

        await Sender(services).SendAsync(Item("hook", deliveryId: "fraud-7-hook-1"), Webhook(receiver, Secret), cancel);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        var signed = "1795964400."u8.ToArray().Concat(request.Body).ToArray();
        var expectedSignature = "t=1795964400,v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        Assert.Equal(expectedSignature, request.Header("X-ModelOps-Signature"));
        Assert.Equal("firing", request.Header("X-ModelOps-Event"));
        Assert.Equal("fraud-7-hook-1", request.Header("X-ModelOps-Delivery"));
        Assert.Equal("firing", (string?)request.Json["event"]);
        var alert = request.Json["alert"].Deserialize(ModelOpsJsonContext.Default.AlertView);
        Assert.Equivalent(Alert(), alert, strict: true);
        Assert.Equal("3f2a9c0d1e4b5a6c", (string?)request.Json["alert"]!["fingerprint"]);
    }

    [Fact]
    public async Task A_webhook_without_a_secret_is_sent_unsigned()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();

        await Sender(services).SendAsync(Item("hook", NotificationEvents.Repeat), Webhook(receiver), cancel);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Null(request.Header("X-ModelOps-Signature"));
        Assert.Equal("repeat", request.Header("X-ModelOps-Event"));
        Assert.Equal("repeat", (string?)request.Json["event"]);
    }

    [Fact]
    public async Task A_retrain_channel_gets_the_retrain_notification_signed()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var stopped = Services(replace: collection => collection.AddSingleton<TimeProvider>(new StoppedClock(StartedAt)));
        var request = new RetrainNotification
        {
            RequestId = "rt-1", ModelId = "fraud", ModelName = "Fraud detector", ModelVersion = "2.3.0", Task = ModelTask.Classification,
            Alert = Alert(), Reason = "drift", RequestedBy = "alice", RequestedAt = StartedAt,
            DriftFeatures = [new RetrainDriftFeature("amount", "wasserstein", 0.23, 0.1, true)],
        };
        var item = new OutboxItem("rt-1-ml", "fraud", "ml", NotificationEvents.Retrain, Alert(), request, 0, DateTimeOffset.MinValue, StartedAt);
        var channel = new NotificationChannel { Type = ChannelTypes.Retrain, Url = receiver.Url("retrain"), Secret = "k" };

        var attempt = await Sender(stopped).SendAsync(item, channel, cancel);

        Assert.Equal(DeliveryOutcome.Delivered, attempt.Outcome);
        var received = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(request, ModelOpsJsonContext.Default.RetrainNotification), received.Body);
        var signed = "1795964400."u8.ToArray().Concat(received.Body).ToArray();
        Assert.Equal("t=1795964400,v1=" + Convert.ToHexStringLower(HMACSHA256.HashData("k"u8, signed)), received.Header("X-ModelOps-Signature"));
        Assert.Equal("retrain", received.Header("X-ModelOps-Event"));
        Assert.Equal("rt-1-ml", received.Header("X-ModelOps-Delivery"));
    }

    [Fact]
    public async Task A_503_is_retried_after_the_back_off()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        receiver.Reply(new Reply(503, "busy"));

        var attempt = await Sender(services).SendAsync(Item("hook"), Webhook(receiver), cancel);

        Assert.Equal(DeliveryOutcome.Retry, attempt.Outcome);
        Assert.Equal(503, attempt.StatusCode);
        Assert.Equal("HTTP 503: busy", attempt.Error);
        Assert.InRange(attempt.NextAttemptAt!.Value - attempt.At, TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_400_fails_for_good_with_the_channels_answer_in_the_error()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        receiver.Reply(new Reply(400, "invalid_payload\n  missing text"));

        var attempt = await Sender(services).SendAsync(Item("hook"), Webhook(receiver), cancel);

        Assert.Equal(new DeliveryAttempt("d-1", attempt.At, DeliveryOutcome.Failed, 400, "HTTP 400: invalid_payload missing text", null), attempt);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services();
        receiver.Reply(new Reply(302, "", new Dictionary<string, string> { ["Location"] = receiver.Url("elsewhere") }));

        var attempt = await Sender(services).SendAsync(Item("hook"), Webhook(receiver), cancel);

        Assert.Equal(DeliveryOutcome.Failed, attempt.Outcome);
        Assert.Equal(302, attempt.StatusCode);
        Assert.Equal("HTTP 302 (redirects are not followed)", attempt.Error);
        Assert.Equal(["/hook"], receiver.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task An_attempt_with_no_answer_within_the_timeout_is_retried()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(settings: new Dictionary<string, string?> { ["ModelOps:Notifications:AttemptTimeout"] = "00:00:00.300" });
        var never = new TaskCompletionSource();
        receiver.Reply(new Reply(200, HoldUntil: never.Task));

        var attempt = await Sender(services).SendAsync(Item("hook"), Webhook(receiver), cancel);

        Assert.Equal(DeliveryOutcome.Retry, attempt.Outcome);
        Assert.Null(attempt.StatusCode);
        Assert.Equal("no answer within 0.3 s", attempt.Error);
    }

    [Fact]
    public async Task A_channel_nobody_listens_on_is_retried()
    {
        await using var services = Services();
        var port = ClosedPort();
        var channel = new NotificationChannel { Type = ChannelTypes.Webhook, Url = $"http://127.0.0.1:{port}/hook" };

        var attempt = await Sender(services).SendAsync(Item("hook"), channel, cancel);

        Assert.Equal(DeliveryOutcome.Retry, attempt.Outcome);
        Assert.Null(attempt.StatusCode);
        Assert.EndsWith($"(127.0.0.1:{port})", attempt.Error);
    }

    [Fact]
    public async Task The_last_allowed_attempt_gives_up()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(settings: new Dictionary<string, string?> { ["ModelOps:Notifications:MaxAttempts"] = "3" });
        receiver.Reply(new Reply(500, ""));

        var attempt = await Sender(services).SendAsync(Item("hook", attempts: 2), Webhook(receiver), cancel);

        Assert.Equal(new DeliveryAttempt("d-1", attempt.At, DeliveryOutcome.Failed, 500, "gave up after 3 attempts: HTTP 500", null), attempt);
    }

    [Fact]
    public async Task A_deleted_channel_fails_without_sending()
    {
        await using var services = Services();

        var attempt = await Sender(services).SendAsync(Item("gone"), null, cancel);

        Assert.Equal(new DeliveryAttempt("d-1", attempt.At, DeliveryOutcome.Failed, null, "channel deleted", null), attempt);
    }

    [Fact]
    public async Task A_channel_on_a_loopback_address_fails_without_sending_when_private_networks_are_not_allowed()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(allowPrivateNetworks: false);

        var attempt = await Sender(services).SendAsync(Item("hook"), Webhook(receiver), cancel);

        Assert.Equal(DeliveryOutcome.Failed, attempt.Outcome);
        Assert.Equal("channel is invalid: url: 127.0.0.1 is a loopback address: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true", attempt.Error);
        Assert.Empty(receiver.Requests);
    }

    private static NotificationSender Sender(IServiceProvider services) => services.GetRequiredService<NotificationSender>();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A clock that always reads the same instant; timers still run on real time.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
