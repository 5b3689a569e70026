using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Tests.Alerting;

/// <summary>The alert lifecycle on a fake clock: <c>At(second)</c> sets the clock to T0 plus that many seconds and evaluates once.</summary>
public sealed class AlertBookTests
{
    private const string Model = "fraud-detector";
    private const string AccuracyFingerprint = "6785fa7c1ac9f317";
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    private readonly AlertBook book = new(ModelTask.Classification);
    private readonly Dictionary<string, double?> values = new();

    [Fact]
    public void A_new_book_has_the_default_rules_and_no_alerts()
    {
        Assert.Equal(DefaultRules.For(ModelTask.Classification), book.Rules);
        Assert.Empty(book.Open);
        Assert.Empty(book.History(null, 100));
        Assert.Null(book.WorstFiringSeverity);
        Assert.Equal(AlertBook.DefaultCapacity, book.Capacity);
    }

    [Fact]
    public void A_breaking_value_opens_a_pending_alert_that_fires_exactly_when_for_has_elapsed()
    {
        UseRules(Accuracy(forSeconds: 60));

        var opened = Assert.Single(At(0, accuracy: 0.7));
        Assert.Empty(At(30, accuracy: 0.7));
        Assert.Empty(At(59, accuracy: 0.7));
        Assert.Equal(AlertState.Pending, opened.Alert.State);
        var fired = Assert.Single(At(60, accuracy: 0.712));
        var alert = fired.Alert.ToView();
        Assert.Empty(At(61, accuracy: 0.7));

        Assert.Equal((null, AlertState.Pending), (opened.From, opened.To));
        Assert.Equal((AlertState.Pending, AlertState.Firing), (fired.From, fired.To));
        Assert.Same(opened.Alert, fired.Alert);
        Assert.Equal(new AlertView
        {
            Id = "fraud-detector-1",
            ModelId = Model,
            RuleId = "accuracy-low",
            Fingerprint = AccuracyFingerprint,
            Title = "Accuracy low",
            Message = "accuracy is 0.712, below the threshold of 0.8 (for 1m)",
            Severity = AlertSeverity.Critical,
            State = AlertState.Firing,
            Metric = "accuracy",
            Value = 0.712,
            Threshold = 0.8,
            Op = "<",
            StartedAt = T0,
            FiredAt = T0.AddSeconds(60),
            Deliveries = alert.Deliveries,
        }, alert);
    }

    [Fact]
    public void An_open_alert_follows_the_value_without_a_transition()
    {
        UseRules(Accuracy(forSeconds: 60));
        var alert = Assert.Single(At(0, accuracy: 0.7)).Alert;

        Assert.Empty(At(10, accuracy: 0.6543));

        Assert.Equal(0.6543, alert.Value);
        Assert.Equal("accuracy is 0.6543, below the threshold of 0.8 (for 1m)", alert.Message);
    }

    [Fact]
    public void A_pending_alert_whose_condition_turns_false_resolves_without_having_fired()
    {
        UseRules(Accuracy(forSeconds: 60));
        var alert = Assert.Single(At(0, accuracy: 0.7)).Alert;

        var resolved = Assert.Single(At(30, accuracy: 0.85));

        Assert.Equal((AlertState.Pending, AlertState.Resolved), (resolved.From, resolved.To));
        Assert.Same(alert, resolved.Alert);
        Assert.Null(alert.FiredAt);
        Assert.Equal(T0.AddSeconds(30), alert.ResolvedAt);
        Assert.Null(alert.ResolvedBy);
        Assert.Equal(0.85, alert.Value);
        Assert.Equal("accuracy is back at 0.85 (threshold < 0.8)", alert.Message);
        Assert.Empty(book.Open);
    }

    [Fact]
    public void After_a_dropped_pending_alert_the_for_clock_starts_again()
    {
        UseRules(Accuracy(forSeconds: 60));
        At(0, accuracy: 0.7);
        At(30, accuracy: 0.85);

        var reopened = Assert.Single(At(40, accuracy: 0.7));
        Assert.Empty(At(99, accuracy: 0.7));
        var fired = Assert.Single(At(100, accuracy: 0.7));

        Assert.Equal(("fraud-detector-2", AlertState.Pending, T0.AddSeconds(40)), (reopened.Alert.Id, reopened.To, reopened.Alert.StartedAt));
        Assert.Equal(AccuracyFingerprint, reopened.Alert.Fingerprint);
        Assert.Equal((AlertState.Firing, T0.AddSeconds(100)), (fired.To, fired.Alert.FiredAt));
    }

    [Fact]
    public void A_firing_alert_resolves_only_once_the_condition_has_been_false_for_the_for_duration()
    {
        UseRules(Accuracy(forSeconds: 60));
        At(0, accuracy: 0.7);
        var alert = Assert.Single(At(60, accuracy: 0.7)).Alert;

        Assert.Empty(At(70, accuracy: 0.85));
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal("accuracy is back at 0.85 (threshold < 0.8); resolves once it stays there for 1m", alert.Message);
        Assert.Empty(At(129, accuracy: 0.9));
        var resolved = Assert.Single(At(130, accuracy: 0.9));

        Assert.Equal((AlertState.Firing, AlertState.Resolved), (resolved.From, resolved.To));
        Assert.Equal((T0.AddSeconds(60), T0.AddSeconds(130)), (alert.FiredAt, alert.ResolvedAt));
        Assert.Equal("accuracy is back at 0.9 (threshold < 0.8)", alert.Message);
        Assert.Null(alert.ResolvedBy);
    }

    [Fact]
    public void A_breaking_blip_while_resolving_keeps_the_alert_firing_and_restarts_the_false_clock()
    {
        UseRules(Accuracy(forSeconds: 60));
        At(0, accuracy: 0.7);
        var alert = Assert.Single(At(60, accuracy: 0.7)).Alert;

        Assert.Empty(At(70, accuracy: 0.85));
        Assert.Empty(At(100, accuracy: 0.79));
        Assert.Empty(At(110, accuracy: 0.85));
        Assert.Empty(At(130, accuracy: 0.85));
        Assert.Empty(At(169, accuracy: 0.85));
        Assert.Equal(AlertState.Firing, alert.State);
        var resolved = Assert.Single(At(170, accuracy: 0.85));

        Assert.Same(alert, resolved.Alert);
        Assert.Equal(T0.AddSeconds(170), alert.ResolvedAt);
        Assert.Equal(T0.AddSeconds(60), alert.FiredAt);
    }

    [Fact]
    public void A_false_blip_shorter_than_for_does_not_drop_a_firing_alert()
    {
        UseRules(Accuracy(forSeconds: 60));
        At(0, accuracy: 0.7);
        var alert = Assert.Single(At(60, accuracy: 0.7)).Alert;

        Assert.Empty(At(61, accuracy: 0.81));
        Assert.Empty(At(62, accuracy: 0.7));
        Assert.Empty(At(200, accuracy: 0.7));

        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Single(book.History(null, 10));
    }

    [Fact]
    public void A_missing_value_neither_opens_fires_nor_resolves_and_keeps_the_clocks()
    {
        UseRules(Accuracy(forSeconds: 60));
        Assert.Empty(At(0, accuracy: null));
        Assert.Empty(book.History(null, 10));

        var alert = Assert.Single(At(10, accuracy: 0.7)).Alert;
        Assert.Empty(At(80, accuracy: null));
        Assert.Empty(At(90, accuracy: double.NaN));
        Assert.Equal((AlertState.Pending, 0.7), (alert.State, alert.Value));
        Assert.Equal(AlertState.Firing, Assert.Single(At(95, accuracy: 0.7)).To);

        Assert.Empty(At(200, accuracy: 0.9));
        Assert.Empty(At(259, accuracy: null));
        Assert.Empty(At(400, accuracy: null));
        Assert.Equal((AlertState.Firing, 0.9), (alert.State, alert.Value));
        var resolved = Assert.Single(At(401, accuracy: 0.9));
        Assert.Equal((AlertState.Resolved, T0.AddSeconds(401)), (resolved.To, alert.ResolvedAt));
    }

    [Fact]
    public void With_for_zero_an_alert_fires_at_once_in_one_transition_and_resolves_at_the_first_false_value()
    {
        UseRules(Accuracy(forSeconds: 0));

        var fired = Assert.Single(At(0, accuracy: 0.7));
        Assert.Equal((null, AlertState.Firing), (fired.From, fired.To));
        Assert.Equal((T0, T0), (fired.Alert.StartedAt, fired.Alert.FiredAt));
        Assert.Equal("accuracy is 0.7, below the threshold of 0.8", fired.Alert.Message);

        var resolved = Assert.Single(At(1, accuracy: 0.85));

        Assert.Equal((AlertState.Firing, AlertState.Resolved, T0.AddSeconds(1)), (resolved.From, resolved.To, resolved.Alert.ResolvedAt));
    }

    [Fact]
    public void A_rule_has_one_open_alert_at_a_time_and_each_occurrence_its_own_id_with_the_same_fingerprint()
    {
        UseRules(Accuracy(forSeconds: 0));

        var first = Assert.Single(At(0, accuracy: 0.7)).Alert;
        Assert.Empty(At(1, accuracy: 0.6));
        At(2, accuracy: 0.9);
        var second = Assert.Single(At(3, accuracy: 0.7)).Alert;

        Assert.Equal(("fraud-detector-1", "fraud-detector-2"), (first.Id, second.Id));
        Assert.Equal(AccuracyFingerprint, first.Fingerprint);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal([second], book.Open);
    }

    [Fact]
    public void A_manually_resolved_alert_whose_condition_still_holds_comes_back_as_a_new_pending_alert()
    {
        UseRules(Accuracy(forSeconds: 60));
        At(0, accuracy: 0.7);
        var alert = Assert.Single(At(60, accuracy: 0.7)).Alert;

        var resolved = book.Resolve(alert.Id, "alice", T0.AddSeconds(65));

        Assert.Equal((AlertState.Firing, AlertState.Resolved), (resolved!.From, resolved.To));
        Assert.Same(alert, resolved.Alert);
        Assert.Equal((AlertState.Resolved, T0.AddSeconds(65), "alice"), (alert.State, alert.ResolvedAt, alert.ResolvedBy));
        Assert.Equal("resolved by alice; accuracy was 0.7 (threshold < 0.8)", alert.Message);
        var again = Assert.Single(At(66, accuracy: 0.7));
        Assert.Equal(("fraud-detector-2", null, AlertState.Pending, T0.AddSeconds(66)), (again.Alert.Id, again.From, again.To, again.Alert.StartedAt));
        Assert.Equal(alert.Fingerprint, again.Alert.Fingerprint);
        Assert.Empty(At(125, accuracy: 0.7));
        Assert.Equal(AlertState.Firing, Assert.Single(At(126, accuracy: 0.7)).To);
    }

    [Fact]
    public void Resolving_an_already_resolved_alert_changes_nothing_and_an_unknown_one_is_null()
    {
        UseRules(Accuracy(forSeconds: 0));
        var alert = Assert.Single(At(0, accuracy: 0.7)).Alert;
        book.Resolve(alert.Id, by: null, T0.AddSeconds(1));

        var twice = book.Resolve(alert.Id, "bob", T0.AddSeconds(2));

        Assert.Equal((AlertState.Resolved, AlertState.Resolved), (twice!.From, twice.To));
        Assert.Equal((AlertBook.Anonymous, T0.AddSeconds(1)), (alert.ResolvedBy, alert.ResolvedAt));
        Assert.Null(book.Resolve("fraud-detector-9", "bob", T0));
        Assert.Null(book.Resolve("other-1", "bob", T0));
        Assert.Null(book.Resolve("not an alert", "bob", T0));
    }

    [Fact]
    public void Acknowledging_keeps_the_first_acknowledgement_and_only_of_open_alerts()
    {
        UseRules(Accuracy(forSeconds: 60), ErrorRate(forSeconds: 0));
        values["accuracy"] = 0.7;
        values["errorRate"] = 0.5;
        At(0);
        var pending = book.Find("fraud-detector-1")!;
        var firing = book.Find("fraud-detector-2")!;

        Assert.Same(pending, book.Acknowledge(pending.Id, "bob", T0.AddSeconds(10)));
        book.Acknowledge(pending.Id, "carol", T0.AddSeconds(20));
        book.Acknowledge(firing.Id, " ", T0.AddSeconds(30));
        values["errorRate"] = 0.01;
        At(40);
        var resolved = book.Acknowledge(firing.Id, "dave", T0.AddSeconds(50));

        Assert.Equal(("bob", T0.AddSeconds(10)), (pending.AcknowledgedBy, pending.AcknowledgedAt));
        Assert.Equal((AlertBook.Anonymous, T0.AddSeconds(30)), (firing.AcknowledgedBy, firing.AcknowledgedAt));
        Assert.Same(firing, resolved);
        Assert.Equal(AlertState.Resolved, firing.State);
        Assert.Equal(AlertBook.Anonymous, firing.AcknowledgedBy);
        Assert.Null(book.Acknowledge("fraud-detector-3", "bob", T0));
        Assert.Null(book.Acknowledge("other-model-1", "bob", T0));
    }

    [Fact]
    public void An_acknowledged_resolved_alert_that_was_never_acknowledged_stays_unacknowledged()
    {
        UseRules(Accuracy(forSeconds: 0));
        var alert = Assert.Single(At(0, accuracy: 0.7)).Alert;
        At(1, accuracy: 0.9);

        book.Acknowledge(alert.Id, "bob", T0.AddSeconds(2));

        Assert.Null(alert.AcknowledgedBy);
        Assert.Null(alert.AcknowledgedAt);
    }

    [Fact]
    public void The_history_drops_the_oldest_resolved_alerts_first_and_never_an_open_one()
    {
        var small = new AlertBook(ModelTask.Classification, capacity: 3);
        small.ReplaceRules(Compile(ErrorRate(forSeconds: 3600), Accuracy(forSeconds: 0)), T0);
        small.Evaluate(Model, T0, rule => rule.Id == "error-rate-high" ? 0.5 : 0.7);
        for (var second = 1; second <= 6; second++)
        {
            var accuracy = second % 2 == 0 ? 0.7 : 0.9;
            small.Evaluate(Model, T0.AddSeconds(second), rule => rule.Id == "error-rate-high" ? 0.5 : accuracy);
        }

        // Sequence 1 is the pending error-rate alert, 2–5 the accuracy alerts opened at 0, 2, 4 and 6 seconds.
        Assert.Equal(["fraud-detector-5", "fraud-detector-4", "fraud-detector-1"], small.History(null, 10).Select(alert => alert.Id));
        Assert.Equal([AlertState.Firing, AlertState.Resolved, AlertState.Pending], small.History(null, 10).Select(alert => alert.State));
        Assert.Equal(["fraud-detector-5", "fraud-detector-4"], small.History(null, 2).Select(alert => alert.Id));
        Assert.Equal(["fraud-detector-4"], small.History(AlertState.Resolved, 10).Select(alert => alert.Id));
        Assert.Equal(["fraud-detector-5", "fraud-detector-1"], small.Open.Select(alert => alert.Id));
        Assert.Null(small.Find("fraud-detector-2"));
        Assert.Null(small.Find("fraud-detector-3"));
        Assert.Empty(small.History(null, 0));
    }

    [Fact]
    public void Lowering_the_capacity_drops_the_oldest_resolved_at_once()
    {
        UseRules(Accuracy(forSeconds: 0));
        for (var second = 0; second < 10; second++)
        {
            At(second, accuracy: second % 2 == 0 ? 0.7 : 0.9);
        }

        book.Capacity = 2;

        Assert.Equal(["fraud-detector-5", "fraud-detector-4"], book.History(null, 10).Select(alert => alert.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Capacity = 0);
    }

    [Fact]
    public void Alerts_started_together_are_ordered_newest_sequence_first()
    {
        UseRules(Accuracy(forSeconds: 60), ErrorRate(forSeconds: 60));
        values["accuracy"] = 0.7;
        values["errorRate"] = 0.5;

        var opened = At(0);

        Assert.Equal(["accuracy-low", "error-rate-high"], opened.Select(transition => transition.Alert.RuleId));
        Assert.Equal(["fraud-detector-2", "fraud-detector-1"], book.History(null, 10).Select(alert => alert.Id));
    }

    [Fact]
    public void Replacing_the_rules_resolves_the_alerts_of_removed_and_changed_rules_and_keeps_the_others()
    {
        UseRules(Accuracy(forSeconds: 0), ErrorRate(forSeconds: 60), Latency(forSeconds: 0));
        values["accuracy"] = 0.7;
        values["errorRate"] = 0.1;
        values["latencyP95"] = 300;
        At(0);
        var accuracy = book.Find("fraud-detector-1")!;
        var errors = book.Find("fraud-detector-2")!;
        var latency = book.Find("fraud-detector-3")!;

        var transitions = book.ReplaceRules(
            Compile(Accuracy(forSeconds: 30) with { Name = "Renamed", Severity = AlertSeverity.Info }, ErrorRate(forSeconds: 60) with { Threshold = 0.08 }),
            T0.AddSeconds(5));

        Assert.Equal(
            [(errors, AlertState.Pending), (latency, AlertState.Firing)],
            transitions.Select(transition => (transition.Alert, transition.From!.Value)));
        Assert.All(transitions, transition => Assert.Equal(AlertState.Resolved, transition.To));
        Assert.Equal((AlertBook.RulesChanged, T0.AddSeconds(5)), (errors.ResolvedBy, errors.ResolvedAt));
        Assert.Equal("resolved because the rule changed or was removed; errorRate was 0.1 (threshold > 0.05)", errors.Message);
        Assert.Equal("resolved because the rule changed or was removed; latencyP95 was 300 ms (threshold > 250 ms)", latency.Message);
        Assert.Equal((AlertState.Firing, "Accuracy low", AlertSeverity.Critical), (accuracy.State, accuracy.Title, accuracy.Severity));
        Assert.Equal(["accuracy-low", "error-rate-high"], book.Rules.Select(rule => rule.Id));

        var next = Assert.Single(At(6));
        Assert.Equal(("fraud-detector-4", "error-rate-high", AlertState.Pending), (next.Alert.Id, next.Alert.RuleId, next.To));
        Assert.Equal(errors.Fingerprint, next.Alert.Fingerprint);
        Assert.Equal(0.08, next.Alert.Threshold);
        Assert.Equal(AlertState.Firing, accuracy.State);
    }

    [Fact]
    public void A_kept_rule_keeps_its_clock_across_a_replacement()
    {
        UseRules(Accuracy(forSeconds: 60));
        var alert = Assert.Single(At(0, accuracy: 0.7)).Alert;

        Assert.Empty(book.ReplaceRules(Compile(Accuracy(forSeconds: 60) with { Name = "Renamed" }), T0.AddSeconds(30)));

        Assert.Equal((AlertState.Firing, T0.AddSeconds(60)), (Assert.Single(At(60, accuracy: 0.7)).Alert.State, alert.FiredAt));
    }

    [Fact]
    public void The_status_is_the_worst_severity_among_firing_alerts()
    {
        UseRules(Accuracy(forSeconds: 60), ErrorRate(forSeconds: 0) with { Severity = AlertSeverity.Warning }, Latency(forSeconds: 0) with { Severity = AlertSeverity.Info });
        values["accuracy"] = 0.7;
        values["errorRate"] = 0.01;
        values["latencyP95"] = 300;

        At(0);
        Assert.Equal(AlertSeverity.Info, book.WorstFiringSeverity);
        values["errorRate"] = 0.5;
        At(1);
        Assert.Equal(AlertSeverity.Warning, book.WorstFiringSeverity);
        At(60);
        Assert.Equal(AlertSeverity.Critical, book.WorstFiringSeverity);
        values["accuracy"] = 0.95;
        values["errorRate"] = 0.01;
        values["latencyP95"] = 10;
        At(61);
        Assert.Equal(AlertSeverity.Critical, book.WorstFiringSeverity);
        At(121);
        Assert.Null(book.WorstFiringSeverity);
    }

    [Fact]
    public void A_pending_alert_alone_sets_no_status()
    {
        UseRules(Accuracy(forSeconds: 60));

        At(0, accuracy: 0.5);

        Assert.Single(book.Open);
        Assert.Null(book.WorstFiringSeverity);
    }

    private void UseRules(params AlertRule[] rules) => Assert.Empty(book.ReplaceRules(Compile(rules), T0));

    private IReadOnlyList<AlertTransition> At(int second, double? accuracy)
    {
        values["accuracy"] = accuracy;
        return At(second);
    }

    private IReadOnlyList<AlertTransition> At(int second) =>
        book.Evaluate(Model, T0.AddSeconds(second), rule => values.GetValueOrDefault(rule.Metric.ToString()));

    private static CompiledRule[] Compile(params AlertRule[] rules) =>
        RuleSetValidator.Validate(rules, ModelTask.Classification, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    private static AlertRule Accuracy(int forSeconds) => new()
    {
        Id = "accuracy-low", Name = "Accuracy low", Metric = "accuracy", Op = "<", Threshold = 0.8,
        For = Duration.FromSeconds(forSeconds), Severity = AlertSeverity.Critical,
    };

    private static AlertRule ErrorRate(int forSeconds) => new()
    {
        Id = "error-rate-high", Metric = "errorRate", Op = ">", Threshold = 0.05, For = Duration.FromSeconds(forSeconds), Severity = AlertSeverity.Critical,
    };

    private static AlertRule Latency(int forSeconds) => new()
    {
        Id = "latency-p95-high", Metric = "latencyP95", Op = ">", Threshold = 250, For = Duration.FromSeconds(forSeconds), Severity = AlertSeverity.Warning,
    };
}
