using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Rules;

/// <summary>
/// A validated alert rule, as a model keeps it: made by <see cref="RuleSetValidator"/>, so every field holds a
/// value the rule language allows. Ids are part of the storage contract: never reuse or renumber.
/// </summary>
/// <param name="Id">Unique within the model.</param>
/// <param name="Name">The title of its alerts; the id when the rule has no name.</param>
/// <param name="Metric">What the rule watches.</param>
/// <param name="Op">The comparison that breaks the rule.</param>
/// <param name="Threshold">A finite number, in the metric's unit (milliseconds for latency, events per second for throughput).</param>
/// <param name="For">How long the condition must hold before the alert fires, and be false before it resolves.</param>
/// <param name="Window">The span the metric is computed over; null for the model's window (the drift window for drift metrics).</param>
/// <param name="Severity">The severity of its alerts.</param>
/// <param name="Retrain">When the alert fires, the model's <c>retrain</c> channels are notified too.</param>
[GenerateSerializer, Immutable, Alias("ModelOps.CompiledRule")]
public sealed record CompiledRule(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] RuleMetric Metric,
    [property: Id(3)] RuleOp Op,
    [property: Id(4)] double Threshold,
    [property: Id(5)] TimeSpan For,
    [property: Id(6)] TimeSpan? Window,
    [property: Id(7)] AlertSeverity Severity,
    [property: Id(8)] bool Retrain)
{
    public const string RetrainAction = "retrain";

    /// <summary>True when <paramref name="value"/> breaks the rule; NaN never does.</summary>
    public bool Breaks(double value) => Op.Holds(value, Threshold);

    /// <summary>The condition as people read it, e.g. <c>latencyP95 &gt; 250 ms</c>.</summary>
    public string Condition => $"{Metric} {Op.Symbol()} {Metric.Format(Threshold)}";

    /// <summary>True when the rule breaks on the same values as <paramref name="other"/>: same metric, op and threshold.</summary>
    public bool SameConditionAs(CompiledRule other) => Metric == other.Metric && Op == other.Op && Threshold.Equals(other.Threshold);

    /// <summary>The rule as the API shows it; validating it again gives an equal rule.</summary>
    public AlertRule ToContract() => new()
    {
        Id = Id,
        Name = Name,
        Metric = Metric.ToString(),
        Op = Op.Symbol(),
        Threshold = Threshold,
        For = new Duration(For),
        Window = Window is { } window ? new Duration(window) : null,
        Severity = Severity,
        Actions = Retrain ? [RetrainAction] : [],
    };
}
