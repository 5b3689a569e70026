using System.Net.Http.Json;
using ModelOps.Grains.Notifications;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>Notifications of real alerts at real receivers on loopback standing in for Slack, PagerDuty and webhooks.</summary>
public sealed class AlertDeliveryTests(AlertingServerFixture fixture) : IClassFixture<AlertingServerFixture>
{
    private readonly ModelOpsServer server = fixture.Server;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slack_pagerduty_and_a_signed_webhook_each_get_exactly_one_trigger_and_one_resolve()
    {
        const string Model = "paged";
        const string RoutingKey = "R0UTING-KEY-paged-0001";
        const string Secret = "webhook-secret-paged";
        await using var slack = await HookReceiver.StartAsync();
        await using var pagerDuty = await HookReceiver.StartAsync();
        await using var webhook = await HookReceiver.StartAsync();
        await client.PutChannelAsync("paged-slack", Slack(slack, Model), cancel);
        await client.PutChannelAsync("paged-pd", PagerDuty(pagerDuty, Model, RoutingKey), cancel);
        await client.PutChannelAsync("paged-hook", Webhook(webhook.Url(), Model, Secret), cancel);
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "1s")], cancel);
        await using var traffic = Traffic.Start(client, Model, SlowMs);

        await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        var slowP95 = (await client.GetMetricsAsync(Model, cancel)).Latency.P95;
        traffic.LatencyMs = FastMs;
        var resolved = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Resolved && alert.Settled(6), "the alert resolved and its six notifications settled");
        var toSlack = await slack.WaitForAsync(2);
        var toPagerDuty = await pagerDuty.WaitForAsync(2);
        var toWebhook = await webhook.WaitForAsync(2);

        var fired = AlertOf(toWebhook[0]);
        var fingerprint = Fingerprint(Model, SlowLatencyRuleId);
        Assert.Equal((resolved.Id, AlertState.Firing, slowP95), (fired.Id, fired.State, fired.Value));
        Assert.Equal(
            [
                ("paged-hook", "firing"), ("paged-pd", "firing"), ("paged-slack", "firing"),
                ("paged-hook", "resolved"), ("paged-pd", "resolved"), ("paged-slack", "resolved"),
            ],
            resolved.Deliveries.Select(delivery => (delivery.ChannelId, delivery.Event)));
        Assert.All(resolved.Deliveries, delivery =>
            Assert.Equal((DeliveryStatus.Delivered, 1, (int?)200, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError)));
        Assert.All(resolved.Deliveries, delivery => Assert.NotNull(delivery.DeliveredAt));
        Assert.Equal((2, 2, 2), (slack.Requests.Count, pagerDuty.Requests.Count, webhook.Requests.Count));

        Assert.Equal($"[CRITICAL] Latency p95 high on model paged: latencyP95 {Ms(fired.Value)} &gt; 100 ms", toSlack[0].Json["text"]!.GetValue<string>());
        Assert.Equal("CRITICAL: Latency p95 high", toSlack[0].Json["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal($"[CRITICAL] Resolved: Latency p95 high on model paged: latencyP95 {Ms(resolved.Value)} (threshold &gt; 100 ms)", toSlack[1].Json["text"]!.GetValue<string>());
        Assert.Equal("Resolved: Latency p95 high", toSlack[1].Json["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("*Model*\npaged", toSlack[0].Json["blocks"]![1]!["fields"]![0]!["text"]!.GetValue<string>());

        Assert.Equal(
            [
                ("/v2/enqueue", RoutingKey, "trigger", fingerprint, $"Latency p95 high on model paged: latencyP95 {Ms(fired.Value)} > 100 ms", "paged", "critical"),
                ("/v2/enqueue", RoutingKey, "resolve", fingerprint, $"Resolved: Latency p95 high on model paged: latencyP95 {Ms(resolved.Value)} (threshold > 100 ms)", "paged", "critical"),
            ],
            toPagerDuty.Select(request => (
                request.Path,
                request.Json["routing_key"]!.GetValue<string>(),
                request.Json["event_action"]!.GetValue<string>(),
                request.Json["dedup_key"]!.GetValue<string>(),
                request.Json["payload"]!["summary"]!.GetValue<string>(),
                request.Json["payload"]!["source"]!.GetValue<string>(),
                request.Json["payload"]!["severity"]!.GetValue<string>())));

        Assert.Equal(
            [("firing", "firing", AlertState.Firing), ("resolved", "resolved", AlertState.Resolved)],
            toWebhook.Select(request => (request.Header(WebhookHeaders.Event), request.Json["event"]!.GetValue<string>(), AlertOf(request).State)));
        Assert.All(toWebhook, request => Assert.Equal(Signature(request.Body, Secret, request.Header(WebhookHeaders.Signature)), request.Header(WebhookHeaders.Signature)));
        Assert.Equal(
            resolved.Deliveries.Where(delivery => delivery.ChannelId == "paged-hook").Select(delivery => delivery.Id),
            toWebhook.Select(request => request.Header(WebhookHeaders.Delivery)));
        Assert.Equal(resolved, AlertOf(toWebhook[1]) with { Deliveries = resolved.Deliveries });
    }

    [Fact]
    public async Task A_webhook_that_answers_503_once_is_retried_and_one_that_answers_400_is_not()
    {
        const string Model = "flaky";
        await using var flaky = await HookReceiver.StartAsync();
        await using var refusing = await HookReceiver.StartAsync();
        flaky.Reply(new Reply(503, "down for maintenance"));
        refusing.Reply(new Reply(400, "no such hook"));
        await client.PutChannelAsync("flaky-hook", Webhook(flaky.Url(), Model, "flaky-secret"), cancel);
        await client.PutChannelAsync("flaky-refused", Webhook(refusing.Url(), Model), cancel);
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
        await using var traffic = Traffic.Start(client, Model, SlowMs);

        var alert = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing && alert.Settled(2), "the alert firing and both notifications settled");

        var retried = Assert.Single(alert.Deliveries, delivery => delivery.ChannelId == "flaky-hook");
        var refused = Assert.Single(alert.Deliveries, delivery => delivery.ChannelId == "flaky-refused");
        Assert.Equal(("firing", DeliveryStatus.Delivered, 2, (int?)200, (string?)null), (retried.Event, retried.Status, retried.Attempts, retried.LastStatusCode, retried.LastError));
        Assert.Equal(("firing", DeliveryStatus.Failed, 1, (int?)400, "HTTP 400: no such hook"), (refused.Event, refused.Status, refused.Attempts, refused.LastStatusCode, refused.LastError));
        Assert.NotNull(retried.DeliveredAt);
        Assert.Null(refused.DeliveredAt);
        Assert.Equal([retried.Id, retried.Id], flaky.Requests.Select(request => request.Header(WebhookHeaders.Delivery)));
        Assert.Equal(flaky.Requests[0].Body, flaky.Requests[1].Body);
        Assert.All(flaky.Requests, request => Assert.Equal(Signature(request.Body, "flaky-secret", request.Header(WebhookHeaders.Signature)), request.Header(WebhookHeaders.Signature)));
        Assert.Equal([refused.Id], refusing.Requests.Select(request => request.Header(WebhookHeaders.Delivery)));
    }

    [Fact]
    public async Task Channels_show_their_secret_and_routing_key_masked_and_a_put_of_the_masked_values_keeps_the_real_ones()
    {
        const string Model = "masked";
        const string RoutingKey = "pd-routing-key-0123456789";
        const string Secret = "hook-secret-abcdef";
        await using var pagerDuty = await HookReceiver.StartAsync();
        await using var webhook = await HookReceiver.StartAsync();
        var putPagerDuty = await client.PutChannelAsync("masked-pd", PagerDuty(pagerDuty, Model, RoutingKey), cancel);
        var putWebhook = await client.PutChannelAsync("masked-hook", Webhook(webhook.Url(), Model, Secret), cancel);

        var listed = (await client.ListChannelsAsync(cancel)).Where(channel => channel.Models!.Contains(Model)).ToArray();
        var shown = new[]
        {
            await server.Http.GetFromJsonAsync("/api/v1/channels/masked-pd", ModelOpsJsonContext.Default.NotificationChannel, cancel),
            await server.Http.GetFromJsonAsync("/api/v1/channels/masked-hook", ModelOpsJsonContext.Default.NotificationChannel, cancel),
        };
        foreach (var channel in shown)
        {
            await client.PutChannelAsync(channel!.Id!, channel, cancel);
        }
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
        await using var traffic = Traffic.Start(client, Model, SlowMs);
        var paged = await pagerDuty.WaitForAsync(1);
        var hooked = await webhook.WaitForAsync(1);

        Assert.Equal(("••••6789", (string?)null), (putPagerDuty.RoutingKey, putPagerDuty.Secret));
        Assert.Equal(("••••cdef", (string?)null), (putWebhook.Secret, putWebhook.RoutingKey));
        Assert.Equal(
            [("masked-hook", null, "••••cdef"), ("masked-pd", "••••6789", null)],
            listed.Select(channel => (channel.Id, channel.RoutingKey, channel.Secret)));
        Assert.Equal(
            [("masked-pd", "••••6789", null), ("masked-hook", null, "••••cdef")],
            shown.Select(channel => (channel!.Id, channel.RoutingKey, channel.Secret)));
        Assert.Equal(RoutingKey, paged[0].Json["routing_key"]!.GetValue<string>());
        Assert.Equal(Signature(hooked[0].Body, Secret, hooked[0].Header(WebhookHeaders.Signature)), hooked[0].Header(WebhookHeaders.Signature));
    }

    [Fact]
    public async Task A_silenced_alert_fires_and_resolves_and_shows_silenced_but_notifies_nobody()
    {
        const string Model = "hushed";
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutChannelAsync("hushed-hook", Webhook(receiver.Url(), Model), cancel);
        var silence = await client.AddSilenceAsync(new Silence
        {
            Matchers = new SilenceMatchers(ModelId: Model),
            EndsAt = DateTimeOffset.UtcNow.AddHours(1),
            CreatedBy = "carol",
            Comment = "planned maintenance",
        }, cancel);
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
        await using var traffic = Traffic.Start(client, Model, SlowMs);

        var firing = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        var modelWhileFiring = await client.GetModelAsync(Model, cancel);
        traffic.LatencyMs = FastMs;
        var resolved = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Resolved, "the alert resolved");

        Assert.Equal(12, silence.Id!.Length);
        Assert.Contains(await client.ListSilencesAsync(cancellationToken: cancel), listed => listed.Id == silence.Id && listed.CreatedBy == "carol");
        Assert.Equal((true, 0), (firing.Silenced, firing.Deliveries.Count));
        Assert.Equal(ModelStatus.Critical, modelWhileFiring!.Status);
        Assert.Equal((true, 0), (resolved.Silenced, resolved.Deliveries.Count));
        Assert.Empty(receiver.Requests);
    }
}
