using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Alerting.Rules;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Models;

/// <summary>
/// The I/O of the model's alerting, which is decided by its <see cref="AlertOutbox"/>: what an operation changed is stored
/// before the alerts are published and the notifications handed to the dispatcher, so a restart resends what was not
/// confirmed. While the outbox is not empty the model holds a reminder, which wakes it after a restart or a crash.
/// </summary>
public sealed partial class ModelGrain
{
    /// <summary>The reminder a model holds while its outbox is not empty.</summary>
    private const string OutboxReminder = "outbox";

    private AlertOutbox alerting = null!;
    private IGrainReminder? outboxReminder;

    private AlertBook Book => alerting.Book;

    public Task<IReadOnlyList<AlertRule>> GetRules()
    {
        EnsureDefined();
        return Task.FromResult<IReadOnlyList<AlertRule>>(Book.Rules.Select(rule => rule.ToContract()).ToArray());
    }

    public async Task<IReadOnlyList<AlertRule>> SetRules(IReadOnlyList<AlertRule> rules)
    {
        EnsureDefined();
        var compiled = RuleSetValidator.Validate(rules, definition.State.Task, settings.Window, definition.State.Drift?.Window ?? DriftWindow.DefaultLength);
        await ReplaceRules(compiled);
        return Book.Rules.Select(rule => rule.ToContract()).ToArray();
    }

    private async Task ReplaceRules(CompiledRule[] compiled) =>
        await Apply(alerting.ReplaceRules(compiled, clock.GetUtcNow(), await routing.CurrentAsync()));

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
        if (!Exists())
        {
            return null;
        }
        var (alert, changes) = alerting.Resolve(alertId, request.By, clock.GetUtcNow(), await routing.CurrentAsync());
        await Apply(changes);
        return alert?.ToView();
    }

    public async Task<RetrainView> Retrain(RetrainRequest request)
    {
        EnsureDefined();
        var channels = (await routing.CurrentAsync()).RetrainChannels(ModelId);
        if (channels.Count == 0)
        {
            // This silo's copy may not have a channel just added on another: a refusal asks the fleet's grain.
            channels = (await routing.ReadAsync()).RetrainChannels(ModelId);
        }
        if (channels.Count == 0)
        {
            throw new ConflictException(
                $"No retrain channel covers model '{ModelId}'. Add one with PUT /api/v1/channels/{{id}} and a body such as " +
                $$"""{"type": "retrain", "url": "https://ci.example.com/hooks/retrain", "models": ["{{ModelId}}"]}.""");
        }
        var (retrain, changes) = alerting.StartRetrain(null, request.Reason, request.RequestedBy, channels, clock.GetUtcNow(), RetrainFacts());
        await Apply(changes);
        return retrain;
    }

    public Task<IReadOnlyList<RetrainView>> GetRetrains()
    {
        EnsureDefined();
        return Task.FromResult(alerting.Retrains);
    }

    public async Task RecordDelivery(DeliveryAttempt attempt)
    {
        if (!alerting.RecordDelivery(attempt))
        {
            return;
        }
        await alertState.WriteStateAsync();
        if (alerting.Pending.Count == 0)
        {
            await ReleaseOutboxReminder();
        }
    }

    /// <summary>The outbox reminder woke the model (after a restart, a crash, on another silo): its items go to the dispatcher again.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName != OutboxReminder
        ? Task.CompletedTask
        : alerting.Pending.Count == 0 ? ReleaseOutboxReminder() : SubmitOutbox(alerting.Pending);

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
                return drift.Cached(rule.Window) is { } report ? rule.Metric.ValueIn(report) : null;
            }
            var length = rule.Window ?? settings.Window;
            if (!snapshots.TryGetValue(length, out var snapshot))
            {
                snapshots[length] = snapshot = window.Snapshot(nowSecond, task, length, Scoring);
            }
            return rule.Metric.ValueIn(snapshot);
        }
        await Apply(alerting.Evaluate(now, ValueOf, await routing.CurrentAsync(), RetrainFacts));
    }

    /// <summary>The windows of the model's drift rules, over which the drift monitor keeps verdicts.</summary>
    private IEnumerable<TimeSpan> DriftRuleWindows =>
        Book.Rules.Where(rule => rule.Metric.IsDrift && rule.Window is not null).Select(rule => rule.Window!.Value);

    /// <summary>The model's part of a retraining request: what it is and how it does now.</summary>
    private RetrainNotification RetrainFacts()
    {
        var now = clock.GetUtcNow();
        var state = definition.State;
        var report = drift.LatestOrNow(now, DriftDefinition);
        return new RetrainNotification
        {
            RequestId = "",
            ModelId = ModelId,
            ModelName = state.Name,
            ModelVersion = state.Version,
            Task = state.Task,
            Metrics = window.Snapshot(now.ToUnixTimeSeconds(), state.Task, scoring: Scoring),
            Drift = report is null ? null : DriftReportBuilder.Summary(report),
            DriftFeatures = report?.Features
                .OrderByDescending(feature => feature.Drifted)
                .Select(feature => new RetrainDriftFeature(feature.Name, feature.Method, feature.Score, feature.Threshold, feature.Drifted))
                .ToArray() ?? [],
            RequestedAt = now,
        };
    }

    /// <summary>Stores what an operation changed, then publishes its alerts and hands its notifications to the dispatcher.</summary>
    private async Task Apply(AlertChanges changes)
    {
        if (!changes.StateChanged)
        {
            return;
        }
        await alertState.WriteStateAsync();
        foreach (var transition in changes.Transitions)
        {
            await alertStream.OnNextAsync(transition.Alert.ToView());
        }
        await SubmitOutbox(changes.Items);
        MarkChanged();
    }

    /// <summary>Hands items to the dispatcher, which ignores those it is already sending, holding the reminder while the outbox has any.</summary>
    private async Task SubmitOutbox(IReadOnlyList<OutboxItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        if (outboxReminder is null)
        {
            var period = notificationOptions.Value.OutboxReminderPeriod;
            outboxReminder = await this.RegisterOrUpdateReminder(OutboxReminder, period, period);
        }
        foreach (var item in items)
        {
            dispatcher.Submit(item);
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

    /// <summary>The model's status: the worst firing alert, or healthy/no data.</summary>
    private ModelStatus StatusOf(MetricsSnapshot metrics) => Book.WorstFiringSeverity switch
    {
        AlertSeverity.Critical => ModelStatus.Critical,
        AlertSeverity.Warning => ModelStatus.Warning,
        _ => metrics.Count > 0 ? ModelStatus.Healthy : ModelStatus.NoData,
    };
}
