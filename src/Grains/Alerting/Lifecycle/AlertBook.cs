using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Alerting.Lifecycle;

/// <summary>
/// One model's alert rules, where each rule stands, and its alert history. Time and metric values are passed in,
/// never read, so the lifecycle runs on whatever clock the caller has (a grain's, or a test's).
/// <para>
/// The lifecycle of a rule's alert, evaluated once per tick, never flaps: a breaking value opens a <c>pending</c>
/// alert, which fires once the condition has held without a break for the rule's <c>for</c> (at once when
/// <c>for</c> is 0). A pending alert whose condition turns false resolves without ever firing. A firing alert
/// resolves only once the condition has been false without a break for <c>for</c> (at the first false evaluation
/// when <c>for</c> is 0); a breaking value in between keeps it firing and restarts that clock. A rule whose metric
/// has no value changes nothing. A rule has at most one open alert; each occurrence has its own id and shares the
/// rule's fingerprint.
/// </para>
/// The history keeps at most <see cref="Capacity"/> alerts, dropping the oldest resolved first; open alerts are
/// never dropped. Ids are part of the storage contract: never reuse or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.AlertBook")]
public sealed class AlertBook
{
    public const int DefaultCapacity = 1000;

    /// <summary>The <see cref="AlertRecord.ResolvedBy"/> of alerts whose rule was removed or given another condition.</summary>
    public const string RulesChanged = "rules changed";

    /// <summary>Who acknowledged or resolved an alert when the request did not say.</summary>
    public const string Anonymous = "anonymous";

    [Id(0)] private CompiledRule[] rules;
    [Id(1)] private Dictionary<string, RuleTracker> trackers = new(StringComparer.Ordinal);

    /// <summary>Ascending by sequence, so an alert is found by binary search on the sequence of its id.</summary>
    [Id(2)] private List<AlertRecord> alerts = [];

    [Id(3)] private long sequence;
    [Id(4)] private int capacity;

    /// <summary>A book with the <see cref="DefaultRules"/> of the task and no alerts.</summary>
    public AlertBook(ModelTask task, int capacity = DefaultCapacity)
    {
        rules = DefaultRules.For(task);
        Capacity = capacity;
    }

    public IReadOnlyList<CompiledRule> Rules => rules;

    /// <summary>How many alerts the history keeps (open alerts are kept beyond it); lowering it drops the oldest resolved at once.</summary>
    public int Capacity
    {
        get => capacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            capacity = value;
            Trim();
        }
    }

    /// <summary>Pending and firing alerts, newest first.</summary>
    public IReadOnlyList<AlertRecord> Open => NewestFirst(OpenAlerts());

    /// <summary>
    /// True when no alert is open and no rule is in a run (its condition holding towards firing, or false towards
    /// resolving): evaluating the rules again on unchanged metrics would change nothing.
    /// </summary>
    public bool Quiet => trackers.Values.All(tracker => tracker is { TrueSince: null, FalseSince: null, OpenSequence: null });

    /// <summary>The model's status beyond data: the worst severity among firing alerts; null when none fires.</summary>
    public AlertSeverity? WorstFiringSeverity =>
        OpenAlerts().Where(alert => alert.State == AlertState.Firing).Select(alert => (AlertSeverity?)alert.Severity).Max();

    /// <summary>
    /// Evaluates every rule against its metric's current value and moves its alert along the lifecycle. The open
    /// alerts' value and message follow the metric whether or not they change state.
    /// </summary>
    /// <param name="modelId">The model the book belongs to: part of alert ids and fingerprints.</param>
    /// <param name="now">The time of this evaluation.</param>
    /// <param name="valueOf">The rule's metric over its window; null (or NaN) when it cannot be computed.</param>
    /// <returns>Every alert that opened or changed state, in rule order.</returns>
    public IReadOnlyList<AlertTransition> Evaluate(string modelId, DateTimeOffset now, Func<CompiledRule, double?> valueOf)
    {
        var transitions = new List<AlertTransition>();
        foreach (var rule in rules)
        {
            if (valueOf(rule) is not { } value || double.IsNaN(value))
            {
                continue;
            }
            var tracker = trackers.TryGetValue(rule.Id, out var known) ? known : trackers[rule.Id] = new RuleTracker();
            var open = tracker.OpenSequence is { } openSequence ? BySequence(openSequence) : null;
            var from = open?.State;
            if (rule.Breaks(value))
            {
                tracker.FalseSince = null;
                var since = tracker.TrueSince ??= now;
                open ??= Add(modelId, rule, since, tracker);
                open.Value = value;
                open.Message = Breaking(rule, value);
                if (open.State == AlertState.Pending && now - since >= rule.For)
                {
                    open.State = AlertState.Firing;
                    open.FiredAt = now;
                }
            }
            else
            {
                tracker.TrueSince = null;
                if (open is null)
                {
                    continue;
                }
                open.Value = value;
                if (open.State == AlertState.Firing && now - (tracker.FalseSince ??= now) < rule.For)
                {
                    open.Message = $"{BackAt(rule, value)}; resolves once it stays there for {new Duration(rule.For)}";
                    continue;
                }
                Close(open, now, resolvedBy: null, BackAt(rule, value));
                tracker.Reset();
            }
            if (open.State != from)
            {
                transitions.Add(new AlertTransition(open, from, open.State));
            }
        }
        return transitions;
    }

    /// <summary>
    /// Replaces the rules (validated by <see cref="RuleSetValidator"/>). The open alert of a rule that is gone, or
    /// whose metric, op or threshold changed, resolves by <see cref="RulesChanged"/>, and the rule starts afresh; a rule
    /// whose condition is unchanged keeps where it stands (its open alert keeps the title and severity it opened with).
    /// </summary>
    /// <returns>The alerts resolved by the change.</returns>
    public IReadOnlyList<AlertTransition> ReplaceRules(CompiledRule[] replacement, DateTimeOffset now)
    {
        var byId = replacement.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
        var transitions = new List<AlertTransition>();
        foreach (var rule in rules)
        {
            if (byId.TryGetValue(rule.Id, out var kept) && kept.SameConditionAs(rule))
            {
                continue;
            }
            if (trackers.Remove(rule.Id, out var tracker) && tracker.OpenSequence is { } openSequence && BySequence(openSequence) is { IsOpen: true } open)
            {
                var from = open.State;
                Close(open, now, RulesChanged, $"resolved because the rule changed or was removed; {WasAt(open)}");
                transitions.Add(new AlertTransition(open, from, AlertState.Resolved));
            }
        }
        rules = [.. replacement];
        return transitions;
    }

    /// <summary>
    /// Acknowledges an open alert (no more repeat notifications). Acknowledging again, or acknowledging a resolved
    /// alert, changes nothing.
    /// </summary>
    /// <returns>The alert; null when the model has no such alert.</returns>
    public AlertRecord? Acknowledge(string alertId, string? by, DateTimeOffset now)
    {
        var alert = Find(alertId);
        if (alert is { IsOpen: true, AcknowledgedAt: null })
        {
            alert.AcknowledgedBy = string.IsNullOrWhiteSpace(by) ? Anonymous : by;
            alert.AcknowledgedAt = now;
        }
        return alert;
    }

    /// <summary>
    /// Resolves an open alert by hand. The rule starts afresh: if its condition still holds, the next evaluation opens
    /// a new alert (a new id, the same fingerprint).
    /// </summary>
    /// <returns>
    /// The change, from the alert's state before; <see cref="AlertTransition.From"/> is <c>resolved</c> when it was
    /// resolved already and nothing changed. Null when the model has no such alert.
    /// </returns>
    public AlertTransition? Resolve(string alertId, string? by, DateTimeOffset now)
    {
        if (Find(alertId) is not { } alert)
        {
            return null;
        }
        var from = alert.State;
        if (alert.IsOpen)
        {
            var who = string.IsNullOrWhiteSpace(by) ? Anonymous : by;
            Close(alert, now, who, $"resolved by {who}; {WasAt(alert)}");
            if (trackers.TryGetValue(alert.RuleId, out var tracker) && tracker.OpenSequence == alert.Sequence)
            {
                tracker.Reset();
            }
        }
        return new AlertTransition(alert, from, AlertState.Resolved);
    }

    /// <summary>The alert with this id; null when the model has none.</summary>
    public AlertRecord? Find(string alertId) =>
        AlertIds.TryParse(alertId, out _, out var alertSequence) && BySequence(alertSequence) is { } alert && alert.Id == alertId ? alert : null;

    /// <summary>The newest alerts first (by start, then sequence), of one state or of all.</summary>
    public IReadOnlyList<AlertRecord> History(AlertState? state, int limit) =>
        NewestFirst(alerts.Where(alert => state is null || alert.State == state)).Take(Math.Max(0, limit)).ToArray();

    private IEnumerable<AlertRecord> OpenAlerts()
    {
        foreach (var tracker in trackers.Values)
        {
            if (tracker.OpenSequence is { } openSequence && BySequence(openSequence) is { } alert)
            {
                yield return alert;
            }
        }
    }

    private static AlertRecord[] NewestFirst(IEnumerable<AlertRecord> records) =>
        [.. records.OrderByDescending(alert => alert.StartedAt).ThenByDescending(alert => alert.Sequence)];

    private AlertRecord Add(string modelId, CompiledRule rule, DateTimeOffset startedAt, RuleTracker tracker)
    {
        var alert = new AlertRecord
        {
            Sequence = ++sequence,
            Id = AlertIds.Format(modelId, sequence),
            ModelId = modelId,
            RuleId = rule.Id,
            Fingerprint = AlertIds.Fingerprint(modelId, rule.Id),
            Title = rule.Name,
            Severity = rule.Severity,
            State = AlertState.Pending,
            Metric = rule.Metric.ToString(),
            Threshold = rule.Threshold,
            Op = rule.Op.Symbol(),
            StartedAt = startedAt,
        };
        alerts.Add(alert);
        tracker.OpenSequence = alert.Sequence;
        Trim();
        return alert;
    }

    private static void Close(AlertRecord alert, DateTimeOffset now, string? resolvedBy, string message)
    {
        alert.State = AlertState.Resolved;
        alert.ResolvedAt = now;
        alert.ResolvedBy = resolvedBy;
        alert.Message = message;
    }

    private void Trim()
    {
        while (alerts.Count > capacity)
        {
            var oldestResolved = alerts.FindIndex(alert => !alert.IsOpen);
            if (oldestResolved < 0)
            {
                return;
            }
            alerts.RemoveAt(oldestResolved);
        }
    }

    private AlertRecord? BySequence(long wanted)
    {
        int low = 0, high = alerts.Count - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var found = alerts[middle].Sequence;
            if (found == wanted)
            {
                return alerts[middle];
            }
            (low, high) = found < wanted ? (middle + 1, high) : (low, middle - 1);
        }
        return null;
    }

    private static string Breaking(CompiledRule rule, double value) =>
        $"{rule.Metric} is {rule.Metric.Format(value)}, {rule.Op.Words()} the threshold of {rule.Metric.Format(rule.Threshold)}"
        + (rule.For > TimeSpan.Zero ? $" (for {new Duration(rule.For)})" : "");

    private static string BackAt(CompiledRule rule, double value) =>
        $"{rule.Metric} is back at {rule.Metric.Format(value)} (threshold {rule.Op.Symbol()} {rule.Metric.Format(rule.Threshold)})";

    /// <summary>The alert's last value against its threshold, from the record alone (its rule may be gone).</summary>
    private static string WasAt(AlertRecord alert)
    {
        var metric = RuleMetric.Parse(alert.Metric);
        var value = alert.Value is { } last ? metric.Format(last) : "unknown";
        return $"{alert.Metric} was {value} (threshold {alert.Op} {metric.Format(alert.Threshold)})";
    }
}
