using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Configuration;

/// <summary>
/// The <c>mlflow</c> format: the registered model and version, the metrics this service would log for it (MLflow key →
/// our metric), and the alert rules as <c>mlflow.models.MetricThreshold</c> validation thresholds. A rule fires on the
/// bad side of its threshold; MLflow's threshold states the good side, so <c>accuracy &lt; 0.8</c> becomes
/// <c>threshold: 0.8, greater_is_better: true</c>. MLflow keeps one threshold per metric: where several rules watch a
/// metric from the same side the strictest is kept; rules from the other side are listed under <c>unmapped_rules</c>.
/// There is no baseline-model comparison here, so <c>min_absolute_change</c> and <c>min_relative_change</c> are null.
/// </summary>
public static class MlflowYaml
{
    public static string Write(ModelConfiguration config)
    {
        var definition = config.Definition;
        var logged = (definition.Task == ModelTask.Regression ? new[] { "mae", "rmse" } : ["accuracy"])
            .Concat(["latencyP50", "latencyP95", "latencyP99", "throughput", "errorRate", "driftShare"])
            .Concat(config.Rules.Select(rule => rule.Metric!))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var thresholds = new List<(string Key, AlertRule Rule, bool GreaterIsBetter, List<string> Sources)>();
        var unmapped = new List<string>();
        foreach (var rule in config.Rules)
        {
            var key = MetricKey(rule.Metric!);
            var greaterIsBetter = rule.Op is "<" or "<=";
            var index = thresholds.FindIndex(entry => entry.Key == key);
            if (index < 0)
            {
                thresholds.Add((key, rule, greaterIsBetter, [rule.Id!]));
            }
            else if (thresholds[index].GreaterIsBetter != greaterIsBetter)
            {
                unmapped.Add(rule.Id!);
            }
            else
            {
                var kept = thresholds[index];
                var stricter = greaterIsBetter ? rule.Threshold > kept.Rule.Threshold : rule.Threshold < kept.Rule.Threshold;
                kept.Sources.Add(rule.Id!);
                thresholds[index] = kept with { Rule = stricter ? rule : kept.Rule };
            }
        }

        var yaml = new YamlWriter()
            .Map("registered_model")
            .String("name", config.ModelId)
            .String("version", definition.Version ?? "1")
            .Map("tags")
            .String("display_name", definition.Name ?? config.ModelId)
            .String("task", ConfigNames.Of(definition.Task))
            .End()
            .End()
            .Map("metrics");
        foreach (var metric in logged)
        {
            yaml.String(MetricKey(metric), metric);
        }
        yaml.End().Map("validation_thresholds");
        foreach (var (key, rule, greaterIsBetter, _) in thresholds)
        {
            yaml.Map(key)
                .Number("threshold", rule.Threshold!.Value)
                .Null("min_absolute_change")
                .Null("min_relative_change")
                .Boolean("greater_is_better", greaterIsBetter)
                .End();
        }
        yaml.End().Map("threshold_rules");
        foreach (var (key, _, _, sources) in thresholds)
        {
            yaml.Strings(key, sources);
        }
        return yaml.End().Strings("unmapped_rules", unmapped).Finish();
    }

    /// <summary>
    /// The MLflow metric key of one of our metrics: MLflow's own evaluator names where it has one
    /// (<c>accuracy_score</c>, <c>mean_absolute_error</c>, <c>root_mean_squared_error</c>), snake case with the unit otherwise.
    /// </summary>
    public static string MetricKey(string metric) => metric switch
    {
        "accuracy" => "accuracy_score",
        "mae" => "mean_absolute_error",
        "rmse" => "root_mean_squared_error",
        "errorRate" => "error_rate",
        "latencyMean" => "latency_mean_ms",
        "latencyP50" => "latency_p50_ms",
        "latencyP95" => "latency_p95_ms",
        "latencyP99" => "latency_p99_ms",
        "throughput" => "throughput_per_sec",
        "driftShare" => "drift_share",
        _ when metric.StartsWith("drift:", StringComparison.Ordinal) => "drift_score/" + metric["drift:".Length..],
        _ when metric.StartsWith("nullShare:", StringComparison.Ordinal) => "null_share/" + metric["nullShare:".Length..],
        _ => metric,
    };
}
