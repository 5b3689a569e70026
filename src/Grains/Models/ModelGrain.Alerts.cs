using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Models;

/// <summary>
/// The model's alerting: rules evaluated on the tick, the alert lifecycle, and the outbox of notifications. An
/// alert change is persisted together with the notifications it causes before any of them is handed to the
/// dispatcher, so a restart resends what was not confirmed.
/// </summary>
public sealed partial class ModelGrain
{
    /// <summary>How often firing alerts are checked for repeats and for silences that ended.</summary>
    private static readonly TimeSpan RepeatCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>The reminder a model holds while its outbox is not empty.</summary>
    private const string OutboxReminder = "outbox";

    private IGrainReminder? outboxReminder;
    private DateTimeOffset lastRepeatCheck;
    private DriftReport? latestDriftReport;
    private readonly Dictionary<TimeSpan, DriftReport> windowedDriftReports = [];

    private AlertsState Alerting => alertState.State;
    private AlertBook Book => Alerting.Book ??= new AlertBook(definition.State.Task);
    private INotificationConfigGrain NotificationConfig => GrainFactory.GetGrain<INotificationConfigGrain>(Names.FleetKey);

    public Task<IReadOnlyList<AlertRule>> GetRules()
    {
        EnsureDefined();
        return Task.FromResult<IReadOnlyList<AlertRule>>(Book.Rules.Select(rule => rule.ToContract()).ToArray());
    }

    public async Task<IReadOnlyList<AlertRule>> SetRules(IReadOnlyList<AlertRule> rules)
    {
        EnsureDefined();
        var compiled = RuleSetValidator.Validate(rules, definition.State.Task, settings.Window, DriftWindowLength);
        await ReplaceRules(compiled);
        return Book.Rules.Select(rule => rule.ToContract()).ToArray();
    }

    /// <summary>Replaces the rules with a validated set; alerts of removed or changed rules resolve and notify.</summary>
    private async Task ReplaceRules(CompiledRule[] compiled)
    {
        var outbox = new List<OutboxItem>();
        var changed = Book.ReplaceRules(compiled, clock.GetUtcNow());
        foreach (var transition in changed)
        {
            await Notify(transition, outbox);
        }
        await SaveAndSend(changed, outbox);
        changedSincePublish = true;
    }

    /// <summary>Default rules for a new model, or for a model whose task changed (open alerts of replaced rules resolve).</summary>
    private async Task ResetAlerting(ModelTask task)
    {
        if (Alerting.Book is null)
        {
            Alerting.Book = new AlertBook(task);
            await alertState.WriteStateAsync();
            return;
        }
        var outbox = new List<OutboxItem>();
        var changed = Alerting.Book.ReplaceRules(DefaultRules.For(task), clock.GetUtcNow());
        foreach (var transition in changed)
        {
            await Notify(transition, outbox);
        }
        await SaveAndSend(changed, outbox);
    }

    public Task<IReadOnlyList<AlertView>> GetAlerts(AlertState? state, int limit)
    {
        EnsureDefined();
        return Task.FromResult<IReadOnlyList<AlertView>>(Book.History(state, limit).Select(alert => alert.ToView()).ToArray());
    }

    public async Task<AlertView?> Acknowledge(string alertId, AlertActionRequest request)
    {
        if (!Exists() || Book.Acknowledge(alertId, request.By, clock.GetUtcNow()) is not { } alert)
        {
            return null;
        }
        await alertState.WriteStateAsync();
        var view = alert.ToView();
        await alertStream.OnNextAsync(view);
        return view;
    }

    public async Task<AlertView?> Resolve(string alertId, AlertActionRequest request)
    {
        if (!Exists() || Book.Resolve(alertId, request.By, clock.GetUtcNow()) is not { } transition)
        {
            return null;
        }
        if (transition.From == AlertState.Resolved)
        {
            return transition.Alert.ToView();
        }
        var outbox = new List<OutboxItem>();
        await Notify(transition, outbox);
        await SaveAndSend([transition], outbox);
        changedSincePublish = true;
        return transition.Alert.ToView();
    }

    public async Task<RetrainView> Retrain(RetrainRequest request)
    {
        EnsureDefined();
        var channels = await NotificationConfig.RetrainChannels(ModelId);
        if (channels.Count == 0)
        {
            throw new ConflictException(
                $"No retrain channel covers model '{ModelId}'. Add one with PUT /api/v1/channels/{{id}} and a body such as " +
                $$"""{"type": "retrain", "url": "https://ci.example.com/hooks/retrain", "models": ["{{ModelId}}"]}.""");
        }
        var outbox = new List<OutboxItem>();
        var retrain = StartRetrain(null, request.Reason, request.RequestedBy, channels, outbox);
        await SaveAndSend([], outbox);
        return retrain;
    }

    public Task<IReadOnlyList<RetrainView>> GetRetrains()
    {
        EnsureDefined();
        return Task.FromResult<IReadOnlyList<RetrainView>>(Alerting.Retrains.AsEnumerable().Reverse().ToArray());
    }

    public async Task RecordDelivery(DeliveryAttempt attempt)
    {
        var index = Alerting.Outbox.FindIndex(item => item.DeliveryId == attempt.DeliveryId);
        if (index < 0)
        {
            return;
        }
        var item = Alerting.Outbox[index];
        var attempts = item.Attempts + 1;
        if (attempt.Outcome == DeliveryOutcome.Retry && attempt.NextAttemptAt is { } next)
        {
            Alerting.Outbox[index] = item with { Attempts = attempts, NextAttemptAt = next };
        }
        else
        {
            Alerting.Outbox.RemoveAt(index);
        }
        DeliveryView Update(DeliveryView delivery) => delivery with
        {
            Attempts = attempts,
            Status = attempt.Outcome switch
            {
                DeliveryOutcome.Delivered => DeliveryStatus.Delivered,
                DeliveryOutcome.Failed => DeliveryStatus.Failed,
                _ => DeliveryStatus.Pending,
            },
            LastStatusCode = attempt.StatusCode,
            LastError = attempt.Error,
            LastAttemptAt = attempt.At,
            NextAttemptAt = attempt.Outcome == DeliveryOutcome.Retry ? attempt.NextAttemptAt : null,
            DeliveredAt = attempt.Outcome == DeliveryOutcome.Delivered ? attempt.At : null,
        };
        if (item.Event == NotificationEvents.Retrain)
        {
            var retrainIndex = Alerting.Retrains.FindIndex(retrain => retrain.Id == item.Retrain?.RequestId);
            if (retrainIndex >= 0)
            {
                var retrain = Alerting.Retrains[retrainIndex];
                Alerting.Retrains[retrainIndex] = retrain with
                {
                    Deliveries = retrain.Deliveries.Select(d => d.Id == attempt.DeliveryId ? Update(d) : d).ToArray(),
                };
            }
        }
        else if (item.Alert is { } alertView && Book.Find(alertView.Id) is { } alert)
        {
            var at = alert.Deliveries.FindIndex(d => d.Id == attempt.DeliveryId);
            if (at >= 0)
            {
                alert.Deliveries[at] = Update(alert.Deliveries[at]);
            }
        }
        await alertState.WriteStateAsync();
        if (Alerting.Outbox.Count == 0)
        {
            await ReleaseOutboxReminder();
        }
    }

    /// <summary>The outbox reminder woke the model (after a restart, a crash, on another silo): its items go to the dispatcher again.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName != OutboxReminder
        ? Task.CompletedTask
        : Alerting.Outbox.Count == 0 ? ReleaseOutboxReminder() : SubmitOutbox();

    /// <summary>Hands every unconfirmed item to the dispatcher, which ignores those it is already sending, and holds the reminder while there are any.</summary>
    private async Task SubmitOutbox()
    {
        if (Alerting.Outbox.Count == 0)
        {
            return;
        }
        await HoldOutboxReminder();
        foreach (var item in Alerting.Outbox)
        {
            dispatcher.Submit(item);
        }
    }

    private async Task HoldOutboxReminder()
    {
        if (outboxReminder is null)
        {
            var period = notificationOptions.Value.OutboxReminderPeriod;
            outboxReminder = await this.RegisterOrUpdateReminder(OutboxReminder, period, period);
        }
    }

    /// <summary>Ends the reminder of an empty outbox, also one an earlier activation left (a crash between the two writes).</summary>
    private async Task ReleaseOutboxReminder()
    {
        if ((outboxReminder ?? await this.GetReminder(OutboxReminder)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        outboxReminder = null;
    }

    /// <summary>Evaluates every rule on the tick; called only when the model is defined.</summary>
    private async Task EvaluateAlerts(DateTimeOffset now)
    {
        var nowSecond = now.ToUnixTimeSeconds();
        var task = definition.State.Task;
        var snapshots = new Dictionary<TimeSpan, MetricsSnapshot>();
        double? ValueOf(CompiledRule rule)
        {
            if (rule.Metric.IsDrift)
            {
                var report = rule.Window is { } span ? windowedDriftReports.GetValueOrDefault(span) : latestDriftReport;
                return report is null ? null : rule.Metric.ValueIn(report);
            }
            var length = rule.Window ?? settings.Window;
            if (!snapshots.TryGetValue(length, out var snapshot))
            {
                snapshots[length] = snapshot = window.Snapshot(nowSecond, task, length);
            }
            return rule.Metric.ValueIn(snapshot);
        }

        var transitions = Book.Evaluate(ModelId, now, ValueOf);
        var outbox = new List<OutboxItem>();
        foreach (var transition in transitions)
        {
            await Notify(transition, outbox);
        }
        if (now - lastRepeatCheck >= RepeatCheckInterval)
        {
            lastRepeatCheck = now;
            await RepeatAndUnsilence(now, outbox);
        }
        if (transitions.Count > 0 || outbox.Count > 0)
        {
            await SaveAndSend(transitions, outbox);
            changedSincePublish = true;
        }
    }

    /// <summary>Refreshes the drift reports the drift rules read; called on the drift interval.</summary>
    private void RefreshDriftReports(DriftReport report, DateTimeOffset now)
    {
        latestDriftReport = report;
        windowedDriftReports.Clear();
        foreach (var span in Book.Rules.Where(rule => rule.Metric.IsDrift && rule.Window is not null).Select(rule => rule.Window!.Value).Distinct())
        {
            windowedDriftReports[span] = drift.Report(now - span, null, now, DriftDefinition, Drift.Window.DriftReportDetail.Verdicts);
        }
    }

    /// <summary>Adds the notifications a transition causes to the outbox and records them on the alert.</summary>
    private async Task Notify(AlertTransition transition, List<OutboxItem> outbox)
    {
        var alert = transition.Alert;
        var now = clock.GetUtcNow();
        switch (transition.To)
        {
            case AlertState.Firing:
                var route = await NotificationConfig.Route(alert.ToView(), retrain: false);
                alert.Silenced = route.Silenced;
                if (!route.Silenced)
                {
                    Enqueue(alert, NotificationEvents.Firing, route.Channels.Select(channel => channel.Id), now, outbox);
                }
                if (Book.Rules.FirstOrDefault(rule => rule.Id == alert.RuleId) is { Retrain: true })
                {
                    var channels = await NotificationConfig.RetrainChannels(ModelId);
                    if (channels.Count > 0)
                    {
                        StartRetrain(alert.ToView(), $"alert {alert.Id}: {alert.Message}", "rule " + alert.RuleId, channels, outbox);
                    }
                }
                break;
            case AlertState.Resolved when alert.FiredAt is not null:
                var told = alert.Deliveries
                    .Where(delivery => delivery.Event is NotificationEvents.Firing or NotificationEvents.Repeat)
                    .Select(delivery => delivery.ChannelId)
                    .Distinct(StringComparer.Ordinal)
                    .ToArray();
                Enqueue(alert, NotificationEvents.Resolved, told, now, outbox);
                break;
        }
    }

    /// <summary>Sends unacknowledged firing alerts again after each channel's repeat interval, and alerts whose silence ended.</summary>
    private async Task RepeatAndUnsilence(DateTimeOffset now, List<OutboxItem> outbox)
    {
        foreach (var alert in Book.Open.Where(alert => alert.State == AlertState.Firing && alert.AcknowledgedAt is null).ToArray())
        {
            var route = await NotificationConfig.Route(alert.ToView(), retrain: false);
            if (alert.Silenced)
            {
                if (!route.Silenced)
                {
                    alert.Silenced = false;
                    Enqueue(alert, NotificationEvents.Firing, route.Channels.Select(channel => channel.Id), now, outbox);
                }
                continue;
            }
            if (route.Silenced)
            {
                continue;
            }
            var due = route.Channels
                .Where(channel => alert.Deliveries.Where(d => d.ChannelId == channel.Id).Select(d => (DateTimeOffset?)d.CreatedAt).Max() is { } last
                                  && now - last >= channel.RepeatInterval)
                .Select(channel => channel.Id);
            Enqueue(alert, NotificationEvents.Repeat, due, now, outbox);
        }
    }

    private void Enqueue(AlertRecord alert, string notificationEvent, IEnumerable<string> channelIds, DateTimeOffset now, List<OutboxItem> outbox)
    {
        var snapshot = alert.ToView() with { Deliveries = [] };
        foreach (var channelId in channelIds)
        {
            var item = new OutboxItem(Guid.NewGuid().ToString("n"), ModelId, channelId, notificationEvent, snapshot, null, 0, now, now);
            alert.Deliveries.Add(PendingDelivery(item));
            outbox.Add(item);
        }
    }

    private RetrainView StartRetrain(AlertView? alert, string? reason, string? requestedBy, IReadOnlyList<RoutedChannel> channels, List<OutboxItem> outbox)
    {
        var now = clock.GetUtcNow();
        var requestId = Guid.NewGuid().ToString("n")[..12];
        var report = latestDriftReport ?? (drift.HasBaseline ? drift.Report(null, null, now, DriftDefinition, Drift.Window.DriftReportDetail.Verdicts) : null);
        var state = definition.State;
        var notification = new RetrainNotification
        {
            RequestId = requestId,
            ModelId = ModelId,
            ModelName = state.Name,
            ModelVersion = state.Version,
            Task = state.Task,
            Metrics = window.Snapshot(now.ToUnixTimeSeconds(), state.Task),
            Alert = alert is null ? null : alert with { Deliveries = [] },
            Drift = report is null ? null : Drift.Window.DriftReportBuilder.Summary(report),
            DriftFeatures = report?.Features
                .OrderByDescending(feature => feature.Drifted)
                .Select(feature => new RetrainDriftFeature(feature.Name, feature.Method, feature.Score, feature.Threshold, feature.Drifted))
                .ToArray() ?? [],
            Reason = reason,
            RequestedBy = requestedBy,
            RequestedAt = now,
        };
        var items = channels
            .Select(channel => new OutboxItem(Guid.NewGuid().ToString("n"), ModelId, channel.Id, NotificationEvents.Retrain, null, notification, 0, now, now))
            .ToArray();
        outbox.AddRange(items);
        var view = new RetrainView
        {
            Id = requestId,
            ModelId = ModelId,
            AlertId = alert?.Id,
            Reason = reason,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Deliveries = items.Select(PendingDelivery).ToArray(),
        };
        Alerting.Retrains.Add(view);
        if (Alerting.Retrains.Count > AlertsState.MaxRetrains)
        {
            Alerting.Retrains.RemoveAt(0);
        }
        return view;
    }

    private static DeliveryView PendingDelivery(OutboxItem item) => new()
    {
        Id = item.DeliveryId,
        ChannelId = item.ChannelId,
        Event = item.Event,
        Status = DeliveryStatus.Pending,
        CreatedAt = item.CreatedAt,
        NextAttemptAt = item.NextAttemptAt,
    };

    /// <summary>Persists the alerts with their new outbox items, then publishes the changes and hands the items to the dispatcher.</summary>
    private async Task SaveAndSend(IReadOnlyList<AlertTransition> transitions, List<OutboxItem> outbox)
    {
        Alerting.Outbox.AddRange(outbox);
        await alertState.WriteStateAsync();
        foreach (var transition in transitions)
        {
            await alertStream.OnNextAsync(transition.Alert.ToView());
        }
        if (outbox.Count > 0)
        {
            await HoldOutboxReminder();
        }
        foreach (var item in outbox)
        {
            dispatcher.Submit(item);
        }
    }

    private TimeSpan DriftWindowLength => definition.State.Drift?.Window ?? Drift.Window.DriftWindow.DefaultLength;

    /// <summary>The model's status: the worst firing alert, or healthy/no data.</summary>
    private ModelStatus StatusOf(MetricsSnapshot metrics) => Book.WorstFiringSeverity switch
    {
        AlertSeverity.Critical => ModelStatus.Critical,
        AlertSeverity.Warning => ModelStatus.Warning,
        _ => metrics.Count > 0 ? ModelStatus.Healthy : ModelStatus.NoData,
    };
}

/// <summary>Persisted alerting state of a model. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.AlertsState")]
public sealed class AlertsState
{
    public const int MaxRetrains = 100;

    /// <summary>Rules, alerts and their deliveries; null until the model's first use, then the default rules.</summary>
    [Id(0)] public AlertBook? Book { get; set; }

    /// <summary>Notifications not yet confirmed by their channel.</summary>
    [Id(1)] public List<OutboxItem> Outbox { get; set; } = [];

    [Id(2)] public List<RetrainView> Retrains { get; set; } = [];
}
