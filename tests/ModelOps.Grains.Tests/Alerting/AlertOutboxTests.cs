using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Tests.Alerting;

/// <summary>A model's alerting without a cluster: values, time and routing handed in, the outbox and the deliveries read back.</summary>
public sealed class AlertOutboxTests
{
    private const string Model = "fraud";
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    private readonly AlertsState state = new();
    private readonly AlertOutbox outbox;
    private double? latency;

    public AlertOutboxTests()
    {
        outbox = new AlertOutbox(Model, state, ModelTask.Classification);
        outbox.Reset(ModelTask.Classification, T0, Routing());
        outbox.ReplaceRules(Compile(SlowLatency()), T0, Routing());
    }

    [Fact]
    public void A_new_model_gets_the_default_rules_of_its_task_and_an_empty_outbox()
    {
        var fresh = new AlertsState();

        var changes = new AlertOutbox(Model, fresh, ModelTask.Regression).Reset(ModelTask.Regression, T0, Routing());

        Assert.Equal((true, 0, 0), (changes.StateChanged, changes.Transitions.Count, changes.Items.Count));
        Assert.Equal(DefaultRules.For(ModelTask.Regression), fresh.Book!.Rules);
        Assert.Empty(fresh.Outbox);
    }

    [Fact]
    public void A_firing_alert_puts_one_item_per_routed_channel_in_the_outbox_and_a_pending_delivery_on_the_alert()
    {
        var routing = Routing(Hook("a"), Hook("b"), Hook("other-model", models: ["other"]), Hook("critical-only", minSeverity: AlertSeverity.Critical));

        var changes = At(0, slow: true, routing);

        var transition = Assert.Single(changes.Transitions);
        Assert.Equal((null, AlertState.Firing), (transition.From, transition.To));
        Assert.Equal(["a", "b"], changes.Items.Select(item => item.ChannelId));
        Assert.Equal(changes.Items, outbox.Pending);
        Assert.All(changes.Items, item => Assert.Equal(
            (Model, NotificationEvents.Firing, transition.Alert.Id, 0, T0, T0),
            (item.ModelId, item.Event, item.Alert!.Id, item.Attempts, item.NextAttemptAt, item.CreatedAt)));
        Assert.Equal(changes.Items.Select(item => (item.DeliveryId, item.ChannelId, NotificationEvents.Firing, DeliveryStatus.Pending)),
            transition.Alert.Deliveries.Select(delivery => (delivery.Id, delivery.ChannelId, delivery.Event, delivery.Status)));
        Assert.Empty(changes.Items[0].Alert!.Deliveries);
    }

    [Fact]
    public void Nothing_to_evaluate_changes_nothing()
    {
        var changes = At(0, slow: false, Routing(Hook("a")));

        Assert.Equal((false, 0, 0), (changes.StateChanged, changes.Transitions.Count, changes.Items.Count));
        Assert.Empty(outbox.Pending);
    }

    [Fact]
    public void A_resolve_goes_to_the_channels_that_were_told_it_fired_and_to_no_channel_added_since()
    {
        var fired = At(0, slow: true, Routing(Hook("a")));

        var resolved = At(1, slow: false, Routing(Hook("a"), Hook("added-later")));

        Assert.Equal((AlertState.Firing, AlertState.Resolved), (resolved.Transitions[0].From, resolved.Transitions[0].To));
        var item = Assert.Single(resolved.Items);
        Assert.Equal(("a", NotificationEvents.Resolved, AlertState.Resolved), (item.ChannelId, item.Event, item.Alert!.State));
        Assert.Equal([fired.Items[0].DeliveryId, item.DeliveryId], outbox.Pending.Select(pending => pending.DeliveryId));
    }

    [Fact]
    public void A_silenced_alert_notifies_nobody_until_the_silence_ends_then_fires_at_the_next_repeat_check()
    {
        var silence = new Silence { Id = "quiet", Matchers = new SilenceMatchers(ModelId: Model), StartsAt = T0, EndsAt = T0.AddSeconds(5) };
        var routing = Routing([Hook("a")], [silence]);

        var firing = At(0, slow: true, routing);
        var silencedWhenFired = firing.Transitions[0].Alert.Silenced;
        var stillSilenced = At(5 - 1, slow: true, routing);
        var beforeTheCheck = At(9, slow: true, routing);
        var atTheCheck = At(10, slow: true, routing);

        Assert.Empty(firing.Items);
        Assert.True(silencedWhenFired);
        Assert.Empty(stillSilenced.Items);
        Assert.Empty(beforeTheCheck.Items);
        var item = Assert.Single(atTheCheck.Items);
        Assert.Equal(("a", NotificationEvents.Firing), (item.ChannelId, item.Event));
        Assert.False(firing.Transitions[0].Alert.Silenced);
    }

    [Fact]
    public void An_unacknowledged_firing_alert_is_repeated_once_the_channels_repeat_interval_has_passed()
    {
        var routing = Routing(Hook("a", repeat: TimeSpan.FromMinutes(1)));
        At(0, slow: true, routing);

        Assert.Empty(At(50, slow: true, routing).Items);
        var repeat = Assert.Single(At(60, slow: true, routing).Items);
        Assert.Empty(At(70, slow: true, routing).Items);

        Assert.Equal(("a", NotificationEvents.Repeat, T0.AddSeconds(60)), (repeat.ChannelId, repeat.Event, repeat.CreatedAt));
    }

    [Fact]
    public void A_retried_attempt_keeps_the_item_with_its_next_attempt_and_a_delivered_one_leaves_the_outbox()
    {
        var item = Assert.Single(At(0, slow: true, Routing(Hook("a"))).Items);

        var retried = outbox.RecordDelivery(new DeliveryAttempt(item.DeliveryId, T0.AddSeconds(1), DeliveryOutcome.Retry, 503, "HTTP 503", T0.AddSeconds(3)));
        var pending = Assert.Single(outbox.Pending);
        var afterRetry = Assert.Single(outbox.Book.Open).Deliveries[0];
        var delivered = outbox.RecordDelivery(new DeliveryAttempt(item.DeliveryId, T0.AddSeconds(3), DeliveryOutcome.Delivered, 200, null, null));
        var reportedTwice = outbox.RecordDelivery(new DeliveryAttempt(item.DeliveryId, T0.AddSeconds(4), DeliveryOutcome.Delivered, 200, null, null));

        Assert.True(retried);
        Assert.Equal((1, T0.AddSeconds(3)), (pending.Attempts, pending.NextAttemptAt));
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)503, "HTTP 503", (DateTimeOffset?)T0.AddSeconds(3)),
            (afterRetry.Status, afterRetry.Attempts, afterRetry.LastStatusCode, afterRetry.LastError, afterRetry.NextAttemptAt));
        Assert.True(delivered);
        Assert.Empty(outbox.Pending);
        var final = Assert.Single(outbox.Book.Open).Deliveries[0];
        Assert.Equal((DeliveryStatus.Delivered, 2, (int?)200, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)T0.AddSeconds(3)),
            (final.Status, final.Attempts, final.LastStatusCode, final.LastError, final.NextAttemptAt, final.DeliveredAt));
        Assert.False(reportedTwice);
    }

    [Fact]
    public void A_failed_attempt_leaves_the_outbox_and_marks_the_delivery_failed()
    {
        var item = Assert.Single(At(0, slow: true, Routing(Hook("a"))).Items);

        outbox.RecordDelivery(new DeliveryAttempt(item.DeliveryId, T0.AddSeconds(1), DeliveryOutcome.Failed, 400, "HTTP 400: no such hook", null));

        Assert.Empty(outbox.Pending);
        var delivery = Assert.Single(outbox.Book.Open).Deliveries[0];
        Assert.Equal((DeliveryStatus.Failed, 1, "HTTP 400: no such hook"), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public void Removing_the_rule_of_a_firing_alert_resolves_it_and_notifies_its_channels()
    {
        var routing = Routing(Hook("a"));
        At(0, slow: true, routing);

        var changes = outbox.ReplaceRules([], T0.AddSeconds(1), routing);

        var transition = Assert.Single(changes.Transitions);
        Assert.Equal((AlertState.Resolved, "rules changed"), (transition.To, transition.Alert.ResolvedBy));
        Assert.Equal(("a", NotificationEvents.Resolved), (changes.Items[0].ChannelId, changes.Items[0].Event));
        Assert.True(changes.StateChanged);
    }

    [Fact]
    public void Resolving_by_hand_notifies_once_and_a_second_resolve_changes_nothing()
    {
        var routing = Routing(Hook("a"));
        var alertId = At(0, slow: true, routing).Transitions[0].Alert.Id;

        var (alert, changes) = outbox.Resolve(alertId, "ana", T0.AddSeconds(1), routing);
        var (again, unchanged) = outbox.Resolve(alertId, "ana", T0.AddSeconds(2), routing);
        var (missing, none) = outbox.Resolve("fraud-99", "ana", T0.AddSeconds(2), routing);

        Assert.Equal((AlertState.Resolved, "ana"), (alert!.State, alert.ResolvedBy));
        Assert.Equal(NotificationEvents.Resolved, Assert.Single(changes.Items).Event);
        Assert.Same(alert, again);
        Assert.Equal((false, 0), (unchanged.StateChanged, unchanged.Items.Count));
        Assert.Null(missing);
        Assert.False(none.StateChanged);
    }

    [Fact]
    public void A_firing_retrain_rule_sends_the_models_facts_and_the_alert_to_its_retrain_channels()
    {
        outbox.ReplaceRules(Compile(SlowLatency(actions: [CompiledRule.RetrainAction])), T0, Routing());
        var routing = Routing(Hook("a"), new NotificationChannel { Id = "ci", Type = ChannelTypes.Retrain, Url = "https://ci.invalid/retrain", Models = [Model] });

        var changes = At(0, slow: true, routing, Facts);

        Assert.Equal([("a", NotificationEvents.Firing), ("ci", NotificationEvents.Retrain)], changes.Items.Select(item => (item.ChannelId, item.Event)));
        var request = changes.Items[1].Retrain!;
        var alert = changes.Transitions[0].Alert;
        Assert.Equal((Model, "Fraud detector", "2.3.0", alert.Id, $"alert {alert.Id}: {alert.Message}", "rule latency-p95-high", T0),
            (request.ModelId, request.ModelName, request.ModelVersion, request.Alert!.Id, request.Reason, request.RequestedBy, request.RequestedAt));
        var retrain = Assert.Single(outbox.Retrains);
        Assert.Equal((request.RequestId, alert.Id, changes.Items[1].DeliveryId), (retrain.Id, retrain.AlertId, Assert.Single(retrain.Deliveries).Id));
        Assert.Equal(12, request.RequestId.Length);
    }

    [Fact]
    public void A_retrain_by_hand_is_recorded_newest_first_and_only_the_last_hundred_are_kept()
    {
        var channels = new[] { new RoutedChannel("ci", TimeSpan.FromHours(4)) };

        var requests = Enumerable.Range(0, AlertsState.MaxRetrains + 1)
            .Select(i => outbox.StartRetrain(null, $"retrain {i}", "ana", channels, T0.AddSeconds(i), Facts()).Retrain)
            .ToArray();
        var delivered = outbox.RecordDelivery(new DeliveryAttempt(requests[^1].Deliveries[0].Id, T0.AddMinutes(5), DeliveryOutcome.Delivered, 200, null, null));

        Assert.Equal(AlertsState.MaxRetrains, outbox.Retrains.Count);
        Assert.Equal(["retrain 100", "retrain 99"], outbox.Retrains.Take(2).Select(retrain => retrain.Reason));
        Assert.Equal("retrain 1", outbox.Retrains[^1].Reason);
        Assert.True(delivered);
        Assert.Equal(DeliveryStatus.Delivered, outbox.Retrains[0].Deliveries[0].Status);
        Assert.Equal(AlertsState.MaxRetrains, outbox.Pending.Count);
    }

    private AlertChanges At(int second, bool slow, RoutingTable routing, Func<RetrainNotification>? facts = null)
    {
        latency = slow ? 500 : 10;
        return outbox.Evaluate(T0.AddSeconds(second), rule => rule.Metric.ToString() == "latencyP95" ? latency : null, routing, facts ?? Facts);
    }

    private static RetrainNotification Facts() => new()
    {
        RequestId = "",
        ModelId = Model,
        ModelName = "Fraud detector",
        ModelVersion = "2.3.0",
        Task = ModelTask.Classification,
        RequestedAt = T0,
    };

    private static RoutingTable Routing(params NotificationChannel[] channels) => Routing(channels, []);

    private static RoutingTable Routing(NotificationChannel[] channels, Silence[] silences) => new(1, channels, silences);

    private static NotificationChannel Hook(string id, IReadOnlyList<string>? models = null, AlertSeverity? minSeverity = null, TimeSpan? repeat = null) => new()
    {
        Id = id,
        Type = ChannelTypes.Webhook,
        Url = $"https://{id}.invalid/hook",
        Models = models ?? [Model],
        MinSeverity = minSeverity,
        RepeatInterval = repeat is { } interval ? new Duration(interval) : null,
    };

    private static CompiledRule[] Compile(params AlertRule[] rules) =>
        RuleSetValidator.Validate(rules, ModelTask.Classification, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    private static AlertRule SlowLatency(IReadOnlyList<string>? actions = null) => new()
    {
        Id = "latency-p95-high", Metric = "latencyP95", Op = ">", Threshold = 100, For = Duration.FromSeconds(0), Severity = AlertSeverity.Warning,
        Actions = actions,
    };
}
