using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Rules;

/// <summary>
/// The rules a new model starts with; a user edits or replaces them with <c>PUT /api/v1/models/{id}/rules</c>.
/// Each must hold for a minute before it fires (and be false for a minute before it resolves), over the model's
/// own windows:
/// <list type="table">
/// <item><term><c>accuracy-low</c></term><description>classification only: <c>accuracy &lt; 0.8</c>, critical.</description></item>
/// <item><term><c>error-rate-high</c></term><description><c>errorRate &gt; 0.05</c>, critical.</description></item>
/// <item><term><c>latency-p95-high</c></term><description><c>latencyP95 &gt; 250</c> ms, warning.</description></item>
/// <item><term><c>dataset-drift</c></term><description><c>driftShare &gt;= 0.5</c> (half the features drifted), warning.</description></item>
/// </list>
/// Regression models get no error-size rule: what a large MAE is depends on the target's scale, which only the user knows.
/// </summary>
public static class DefaultRules
{
    private static readonly Duration OneMinute = Duration.FromMinutes(1);

    /// <summary>The defaults as the API shows them.</summary>
    public static IReadOnlyList<AlertRule> Contracts(ModelTask task) =>
    [
        .. task == ModelTask.Classification
            ? [Rule("accuracy-low", "Accuracy low", "accuracy", "<", 0.8, AlertSeverity.Critical)]
            : Array.Empty<AlertRule>(),
        Rule("error-rate-high", "Error rate high", "errorRate", ">", 0.05, AlertSeverity.Critical),
        Rule("latency-p95-high", "Latency p95 high", "latencyP95", ">", 250, AlertSeverity.Warning),
        Rule("dataset-drift", "Dataset drift", "driftShare", ">=", 0.5, AlertSeverity.Warning),
    ];

    /// <summary>
    /// The defaults compiled by <see cref="RuleSetValidator"/>, so they are valid by construction. They leave
    /// <c>window</c> out, so they fit any model and drift window.
    /// </summary>
    public static CompiledRule[] For(ModelTask task) =>
        RuleSetValidator.Validate(Contracts(task), task, modelWindow: TimeSpan.MaxValue, driftWindow: TimeSpan.MaxValue);

    private static AlertRule Rule(string id, string name, string metric, string op, double threshold, AlertSeverity severity) => new()
    {
        Id = id,
        Name = name,
        Metric = metric,
        Op = op,
        Threshold = threshold,
        For = OneMinute,
        Severity = severity,
    };
}
