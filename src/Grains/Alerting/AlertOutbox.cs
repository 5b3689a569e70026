using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Alerting;

/// <summary>
/// A model's alerting without I/O: its rules and alert lifecycle (<see cref="AlertBook"/>), the notifications they
/// cause, routed by a <see cref="RoutingTable"/>, the outbox that keeps those notifications until their channel confirms
/// them, and retraining requests. Time, metric values and routing are passed in. Each operation returns the
/// <see cref="AlertChanges"/> it made, already in the state; the caller persists the state, then publishes the
/// transitions and hands the new items to the dispatcher, in that order, so a restart resends what was not confirmed.
/// </summary>
/// <param name="modelId">The model: part of alert ids and the owner of every outbox item.</param>
/// <param name="state">The model's persisted alerting state, changed in place.</param>
/// <param name="task">The model's task: the default rules of a new book.</param>
public sealed class AlertOutbox(string modelId, AlertsState state, ModelTask task)
{
    /// <summary>How often firing alerts are checked for repeats and for silences that ended.</summary>
    public static readonly TimeSpan RepeatCheckInterval = TimeSpan.FromSeconds(10);

    private DateTimeOffset lastRepeatCheck;

    public AlertBook Book => state.Book ??= new AlertBook(task);

    /// <summary>Notifications not yet confirmed by their channel, oldest first.</summary>
    public IReadOnlyList<OutboxItem> Pending => state.Outbox;

    /// <summary>Retraining requests, newest first.</summary>
    public IReadOnlyList<RetrainView> Retrains => state.Retrains.AsEnumerable().Reverse().ToArray();

    /// <summary>
    /// Evaluates every rule (see <see cref="AlertBook.Evaluate"/>) and notifies what fired or resolved; every
    /// <see cref="RepeatCheckInterval"/>, also repeats unacknowledged firing alerts and notifies those whose silence ended.
    /// </summary>
    /// <param name="now">The time of this evaluation.</param>
    /// <param name="valueOf">The rule's metric over its window; null when it cannot be computed.</param>
    /// <param name="routing">Where notifications go.</param>
    /// <param name="retrainFacts">The model's part of a retraining request, asked for only when a <c>retrain</c> rule fires.</param>
    public AlertChanges Evaluate(DateTimeOffset now, Func<CompiledRule, double?> valueOf, RoutingTable routing, Func<RetrainNotification> retrainFacts)
    {
        var transitions = Book.Evaluate(modelId, now, valueOf);
        var items = new List<OutboxItem>();
        foreach (var transition in transitions)
        {
            Notify(transition, now, routing, retrainFacts, items);
        }
        if (now - lastRepeatCheck >= RepeatCheckInterval)
        {
            lastRepeatCheck = now;
            RepeatAndUnsilence(now, routing, items);
        }
        return Commit(transitions, items, stateChanged: transitions.Count > 0 || items.Count > 0);
    }

    /// <summary>Replaces the rules with a validated set; alerts of removed or changed rules resolve and notify.</summary>
    public AlertChanges ReplaceRules(CompiledRule[] rules, DateTimeOffset now, RoutingTable routing)
    {
        var transitions = Book.ReplaceRules(rules, now);
        var items = new List<OutboxItem>();
        foreach (var transition in transitions)
        {
            Notify(transition, now, routing, retrainFacts: null, items);
        }
        return Commit(transitions, items, stateChanged: true);
    }

    /// <summary>The default rules of <paramref name="newTask"/>: a new model's book, or a changed task's rules (open alerts of replaced rules resolve).</summary>
    public AlertChanges Reset(ModelTask newTask, DateTimeOffset now, RoutingTable routing)
    {
        task = newTask;
        if (state.Book is null)
        {
            state.Book = new AlertBook(newTask);
            return Commit([], [], stateChanged: true);
        }
        return ReplaceRules(DefaultRules.For(newTask), now, routing);
    }

    /// <summary>Resolves an open alert by hand and notifies the channels that were told it fired.</summary>
    /// <returns>The alert, or null when there is none; <see cref="AlertChanges.StateChanged"/> is false when it was already resolved.</returns>
    public (AlertRecord? Alert, AlertChanges Changes) Resolve(string alertId, string? by, DateTimeOffset now, RoutingTable routing)
    {
        if (Book.Resolve(alertId, by, now) is not { } transition)
        {
            return (null, AlertChanges.None);
        }
        if (transition.From == AlertState.Resolved)
        {
            return (transition.Alert, AlertChanges.None);
        }
        var items = new List<OutboxItem>();
        Notify(transition, now, routing, retrainFacts: null, items);
        return (transition.Alert, Commit([transition], items, stateChanged: true));
    }

    /// <summary>
    /// A retraining request to each of <paramref name="channels"/>, recorded (the last <see cref="AlertsState.MaxRetrains"/>
    /// are kept) with a delivery per channel.
    /// </summary>
    /// <param name="alert">The alert whose rule asked for it; null when requested by hand.</param>
    /// <param name="reason">Why, for people.</param>
    /// <param name="requestedBy">Who or what asked.</param>
    /// <param name="channels">The model's <c>retrain</c> channels.</param>
    /// <param name="now">When.</param>
    /// <param name="facts">The model's part of the request: its name, version, task, metrics and drift.</param>
    public (RetrainView Retrain, AlertChanges Changes) StartRetrain(
        AlertView? alert, string? reason, string? requestedBy, IReadOnlyList<RoutedChannel> channels, DateTimeOffset now, RetrainNotification facts)
    {
        var items = new List<OutboxItem>();
        var retrain = StartRetrain(alert, reason, requestedBy, channels, now, facts, items);
        return (retrain, Commit([], items, stateChanged: true));
    }

    /// <summary>
    /// Records one attempt at an outbox item on its alert's or retrain's delivery; a delivered or failed item leaves the
    /// outbox, a retried one stays with its next attempt time.
    /// </summary>
    /// <returns>False when the item is not in the outbox (already settled, or reported twice): nothing changed.</returns>
    public bool RecordDelivery(DeliveryAttempt attempt)
    {
        var index = state.Outbox.FindIndex(item => item.DeliveryId == attempt.DeliveryId);
        if (index < 0)
        {
            return false;
        }
        var item = state.Outbox[index];
        var attempts = item.Attempts + 1;
        if (attempt.Outcome == DeliveryOutcome.Retry && attempt.NextAttemptAt is { } next)
        {
            state.Outbox[index] = item with { Attempts = attempts, NextAttemptAt = next };
        }
        else
        {
            state.Outbox.RemoveAt(index);
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
            var retrainIndex = state.Retrains.FindIndex(retrain => retrain.Id == item.Retrain?.RequestId);
            if (retrainIndex >= 0)
            {
                var retrain = state.Retrains[retrainIndex];
                state.Retrains[retrainIndex] = retrain with
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
        return true;
    }

    /// <summary>Adds the notifications a transition causes to <paramref name="items"/> and records them on the alert.</summary>
    private void Notify(AlertTransition transition, DateTimeOffset now, RoutingTable routing, Func<RetrainNotification>? retrainFacts, List<OutboxItem> items)
    {
        var alert = transition.Alert;
        switch (transition.To)
        {
            case AlertState.Firing:
                var route = routing.Route(alert.ToView(), retrain: false, now);
                alert.Silenced = route.Silenced;
                if (!route.Silenced)
                {
                    Enqueue(alert, NotificationEvents.Firing, route.Channels.Select(channel => channel.Id), now, items);
                }
                if (retrainFacts is not null && Book.Rules.FirstOrDefault(rule => rule.Id == alert.RuleId) is { Retrain: true }
                    && routing.RetrainChannels(modelId) is { Count: > 0 } channels)
                {
                    StartRetrain(alert.ToView(), $"alert {alert.Id}: {alert.Message}", "rule " + alert.RuleId, channels, now, retrainFacts(), items);
                }
                break;
            case AlertState.Resolved when alert.FiredAt is not null:
                var told = alert.Deliveries
                    .Where(delivery => delivery.Event is NotificationEvents.Firing or NotificationEvents.Repeat)
                    .Select(delivery => delivery.ChannelId)
                    .Distinct(StringComparer.Ordinal)
                    .ToArray();
                Enqueue(alert, NotificationEvents.Resolved, told, now, items);
                break;
        }
    }

    /// <summary>Sends unacknowledged firing alerts again after each channel's repeat interval, and alerts whose silence ended.</summary>
    private void RepeatAndUnsilence(DateTimeOffset now, RoutingTable routing, List<OutboxItem> items)
    {
        foreach (var alert in Book.Open.Where(alert => alert.State == AlertState.Firing && alert.AcknowledgedAt is null))
        {
            var route = routing.Route(alert.ToView(), retrain: false, now);
            if (alert.Silenced)
            {
                if (!route.Silenced)
                {
                    alert.Silenced = false;
                    Enqueue(alert, NotificationEvents.Firing, route.Channels.Select(channel => channel.Id), now, items);
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
            Enqueue(alert, NotificationEvents.Repeat, due, now, items);
        }
    }

    private void Enqueue(AlertRecord alert, string notificationEvent, IEnumerable<string> channelIds, DateTimeOffset now, List<OutboxItem> items)
    {
        var snapshot = alert.ToView() with { Deliveries = [] };
        foreach (var channelId in channelIds)
        {
            var item = new OutboxItem(Guid.NewGuid().ToString("n"), modelId, channelId, notificationEvent, snapshot, null, 0, now, now);
            alert.Deliveries.Add(PendingDelivery(item));
            items.Add(item);
        }
    }

    private RetrainView StartRetrain(
        AlertView? alert, string? reason, string? requestedBy, IReadOnlyList<RoutedChannel> channels, DateTimeOffset now, RetrainNotification facts, List<OutboxItem> items)
    {
        var requestId = Guid.NewGuid().ToString("n")[..12];
        var notification = facts with
        {
            RequestId = requestId,
            ModelId = modelId,
            Alert = alert is null ? null : alert with { Deliveries = [] },
            Reason = reason,
            RequestedBy = requestedBy,
            RequestedAt = now,
        };
        var requests = channels
            .Select(channel => new OutboxItem(Guid.NewGuid().ToString("n"), modelId, channel.Id, NotificationEvents.Retrain, null, notification, 0, now, now))
            .ToArray();
        items.AddRange(requests);
        var view = new RetrainView
        {
            Id = requestId,
            ModelId = modelId,
            AlertId = alert?.Id,
            Reason = reason,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Deliveries = requests.Select(PendingDelivery).ToArray(),
        };
        state.Retrains.Add(view);
        if (state.Retrains.Count > AlertsState.MaxRetrains)
        {
            state.Retrains.RemoveAt(0);
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

    private AlertChanges Commit(IReadOnlyList<AlertTransition> transitions, List<OutboxItem> items, bool stateChanged)
    {
        state.Outbox.AddRange(items);
        return new AlertChanges(transitions, items, stateChanged);
    }
}

/// <summary>What one operation of an <see cref="AlertOutbox"/> changed.</summary>
/// <param name="Transitions">Alerts that opened or changed state, to publish once the state is stored.</param>
/// <param name="Items">Notifications added to the outbox, to hand to the dispatcher once the state is stored.</param>
/// <param name="StateChanged">Whether the state must be stored.</param>
public sealed record AlertChanges(IReadOnlyList<AlertTransition> Transitions, IReadOnlyList<OutboxItem> Items, bool StateChanged)
{
    public static readonly AlertChanges None = new([], [], false);
}
