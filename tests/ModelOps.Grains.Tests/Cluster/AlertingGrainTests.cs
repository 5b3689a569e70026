using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Models;
using Orleans.TestingHost;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>Rules, alerts and the outbox inside the model grain, with the test cluster's recording dispatcher.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertingGrainTests(ClusterFixture fixture)
{
    private static readonly AlertRule SlowRule = new()
    {
        Id = "slow", Name = "Slow answers", Metric = "latencyP95", Op = ">", Threshold = 100, For = Duration.Zero, Severity = AlertSeverity.Critical,
    };

    [Fact]
    public async Task A_new_classifier_starts_with_the_four_default_rules_and_a_regressor_without_the_accuracy_rule()
    {
        var (_, classifier) = await Defined("defaults-c", ModelTask.Classification);
        var (_, regressor) = await Defined("defaults-r", ModelTask.Regression);

        Assert.Equal(["accuracy-low", "error-rate-high", "latency-p95-high", "dataset-drift"], (await classifier.GetRules()).Select(rule => rule.Id));
        Assert.Equal(["error-rate-high", "latency-p95-high", "dataset-drift"], (await regressor.GetRules()).Select(rule => rule.Id));
    }

    [Fact]
    public async Task An_invalid_rule_set_is_refused_whole_naming_the_rule_and_field_and_the_old_rules_stay()
    {
        var (_, model) = await Defined("invalid-rules", ModelTask.Classification);
        var before = await model.GetRules();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            model.SetRules([SlowRule, SlowRule with { Id = "bad", Op = "=>" }]));

        Assert.Equal("rules[1].op", error.Field);
        Assert.Equal(Json(before), Json(await model.GetRules()));
    }

    [Fact]
    public async Task A_breached_rule_fires_notifies_its_channel_and_records_the_delivery_and_the_model_turns_critical()
    {
        var (id, model) = await Defined("fires", ModelTask.Classification);
        await model.SetRules([SlowRule]);
        await Channel(id, "hook-" + id);

        await model.IngestBatch(Slow(id, 50));
        var firing = await FiringAlert(model);
        var item = await Submitted(id, NotificationEvents.Firing);

        Assert.Equal(id + "-1", firing.Id);
        Assert.Equal("slow", firing.RuleId);
        Assert.Equal("Slow answers", firing.Title);
        Assert.Equal(500, firing.Value!.Value, tolerance: 5); // the latency sketch is within 1%
        Assert.Equal(firing.FiredAt, firing.StartedAt);
        Assert.Equal("hook-" + id, item.ChannelId);
        Assert.Equal(firing.Id, item.Alert!.Id);
        Assert.Equal(ModelStatus.Critical, (await model.Get(false))!.Status);
        Assert.Equal(1, (await model.Get(false))!.OpenAlerts);

        await model.RecordDelivery(new DeliveryAttempt(item.DeliveryId, DateTimeOffset.UtcNow, DeliveryOutcome.Delivered, 200, null, null));

        var delivery = Assert.Single((await model.GetAlerts(AlertState.Firing, 10)).Single().Deliveries);
        Assert.Equal((item.DeliveryId, "hook-" + id, NotificationEvents.Firing, DeliveryStatus.Delivered, 1, 200),
            (delivery.Id, delivery.ChannelId, delivery.Event, delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.NotNull(delivery.DeliveredAt);
    }

    [Fact]
    public async Task A_model_holds_the_outbox_reminder_only_while_its_outbox_is_not_empty()
    {
        var (id, model) = await Defined("reminder", ModelTask.Classification);
        await model.SetRules([SlowRule]);
        await Channel(id, "hook-" + id);
        var reminders = fixture.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IReminderTable>();
        var grainId = model.GetGrainId();
        var beforeAnAlert = await reminders.ReadRow(grainId, "outbox", TestContext.Current.CancellationToken);

        await model.IngestBatch(Slow(id, 50));
        var item = await Submitted(id, NotificationEvents.Firing);
        var whilePending = await reminders.ReadRow(grainId, "outbox", TestContext.Current.CancellationToken);
        await model.RecordDelivery(new DeliveryAttempt(item.DeliveryId, DateTimeOffset.UtcNow, DeliveryOutcome.Retry, 503, "HTTP 503", DateTimeOffset.UtcNow.AddMinutes(1)));
        var whileRetrying = await reminders.ReadRow(grainId, "outbox", TestContext.Current.CancellationToken);
        await model.RecordDelivery(new DeliveryAttempt(item.DeliveryId, DateTimeOffset.UtcNow, DeliveryOutcome.Delivered, 200, null, null));
        var afterDelivery = await reminders.ReadRow(grainId, "outbox", TestContext.Current.CancellationToken);

        Assert.Null(beforeAnAlert);
        Assert.NotNull(whilePending);
        Assert.Equal(TimeSpan.FromMinutes(1), whilePending.Period);
        Assert.Equal(whilePending.ETag, whileRetrying?.ETag);
        Assert.Null(afterDelivery);
    }

    [Fact]
    public async Task A_manual_resolve_tells_the_channels_that_were_told_it_fired()
    {
        var (id, model) = await Defined("manual-resolve", ModelTask.Classification);
        await model.SetRules([SlowRule]);
        await Channel(id, "hook-" + id);
        await model.IngestBatch(Slow(id, 50));
        var firing = await FiringAlert(model);

        var resolved = await model.Resolve(firing.Id, new AlertActionRequest("alice"));
        var item = await Submitted(id, NotificationEvents.Resolved);

        Assert.Equal(AlertState.Resolved, resolved!.State);
        Assert.Equal("alice", resolved.ResolvedBy);
        Assert.Equal("hook-" + id, item.ChannelId);
        Assert.Equal(AlertState.Resolved, item.Alert!.State);
        Assert.Equal(firing.Fingerprint, item.Alert.Fingerprint);
    }

    [Fact]
    public async Task A_silenced_alert_fires_and_shows_but_nothing_is_handed_to_the_dispatcher()
    {
        var (id, model) = await Defined("silenced", ModelTask.Classification);
        await model.SetRules([SlowRule]);
        await Channel(id, "hook-" + id);
        await fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey).AddSilence(new Silence
        {
            Matchers = new SilenceMatchers(ModelId: id), StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1), EndsAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        await RoutingOnEverySilo();

        await model.IngestBatch(Slow(id, 50));
        var firing = await FiringAlert(model);

        Assert.True(firing.Silenced);
        Assert.Empty(firing.Deliveries);
        Assert.Empty(RecordingDispatcher.For(id));
    }

    [Fact]
    public async Task Retraining_by_hand_needs_a_retrain_channel_and_then_sends_the_model_with_its_drift_evidence()
    {
        var (id, model) = await Defined("retrain", ModelTask.Classification);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => model.Retrain(new RetrainRequest("weekly")));
        Assert.Contains($"No retrain channel covers model '{id}'", refused.Detail);

        await fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey).PutChannel("ci-" + id, new NotificationChannel
        {
            Type = ChannelTypes.Retrain, Url = "http://127.0.0.1:9/retrain", Models = [id],
        });
        var retrain = await model.Retrain(new RetrainRequest("weekly", "bob"));
        var item = await Submitted(id, NotificationEvents.Retrain);

        Assert.Equal(("weekly", "bob", (string?)null), (retrain.Reason, retrain.RequestedBy, retrain.AlertId));
        Assert.Equal("ci-" + id, Assert.Single(retrain.Deliveries).ChannelId);
        Assert.Equal(retrain.Id, item.Retrain!.RequestId);
        Assert.Equal(id, item.Retrain.ModelId);
        Assert.Equal(Json([retrain]), Json(await model.GetRetrains()));
    }

    private static string Json(IReadOnlyList<AlertRule> rules) =>
        System.Text.Json.JsonSerializer.Serialize(rules, ModelOpsJsonContext.Default.IReadOnlyListAlertRule);

    private static string Json(IReadOnlyList<RetrainView> retrains) =>
        System.Text.Json.JsonSerializer.Serialize(retrains, ModelOpsJsonContext.Default.IReadOnlyListRetrainView);

    private async Task<(string Id, IModelGrain Model)> Defined(string purpose, ModelTask task)
    {
        var id = $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 33)];
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        await model.Define(new ModelDefinition { Task = task });
        return (id, model);
    }

    private async Task Channel(string modelId, string channelId)
    {
        await fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey).PutChannel(channelId, new NotificationChannel
        {
            Type = ChannelTypes.Webhook, Url = "http://127.0.0.1:9/hook", Models = [modelId],
        });
        await RoutingOnEverySilo();
    }

    /// <summary>Waits until every silo routes by the fleet's latest channels and silences: a change reaches the other silo by stream.</summary>
    private async Task RoutingOnEverySilo()
    {
        var latest = await fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey).GetRouting();
        var snapshots = fixture.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<RoutingSnapshot>())
            .ToArray();
        await Deadline.Until(async () => (await Task.WhenAll(snapshots.Select(snapshot => snapshot.CurrentAsync().AsTask())))
            .All(table => table.Version >= latest.Version), $"routing table {latest.Version} on every silo");
    }

    private static InferenceEvent[] Slow(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InferenceEvent { Id = $"{prefix}-{i}", LatencyMs = 500, Prediction = "yes" })];

    private static async Task<AlertView> FiringAlert(IModelGrain model)
    {
        AlertView? firing = null;
        await Deadline.Until(async () => (firing = (await model.GetAlerts(AlertState.Firing, 10)).FirstOrDefault()) is not null, "the alert to fire");
        return firing!;
    }

    private static async Task<OutboxItem> Submitted(string modelId, string notificationEvent)
    {
        OutboxItem? item = null;
        await Deadline.Until(
            () => Task.FromResult((item = RecordingDispatcher.For(modelId).FirstOrDefault(candidate => candidate.Event == notificationEvent)) is not null),
            $"a {notificationEvent} notification of {modelId}");
        return item!;
    }
}
