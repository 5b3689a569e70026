using ModelOps.Contracts;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Configuration;

/// <summary>
/// The <c>evidently</c> format: the Evidently setup equivalent to the model's monitoring, one to one with Evidently's
/// <c>ColumnMapping</c> and its <c>DataDriftPreset</c> and <c>ClassificationPreset</c> / <c>RegressionPreset</c> arguments.
/// Each feature's <c>stattest</c> and threshold are the ones this service uses for it: its override, or the default
/// selector's choice given the baseline. A feature the baseline has not fixed yet has no entry, which leaves it to
/// Evidently's own default selector — the rule ours follows.
/// </summary>
public static class EvidentlyYaml
{
    /// <summary>The event fields that hold the true label and the prediction.</summary>
    public const string Target = "label";
    public const string Prediction = "prediction";

    public static string Write(ModelConfiguration config)
    {
        var definition = config.Definition;
        var features = definition.Features;
        var choices = features
            .Select(feature => (feature.Name, Choice: Effective(feature, config.DefaultDrift)))
            .Where(entry => entry.Choice is not null)
            .ToArray();
        var yaml = new YamlWriter()
            .Map("column_mapping")
            .String("target", Target)
            .String("prediction", Prediction)
            .String("task", ConfigNames.Of(definition.Task))
            .Strings("numerical_features", features.Where(feature => feature.Type == FeatureType.Numeric).Select(feature => feature.Name))
            .Strings("categorical_features", features.Where(feature => feature.Type == FeatureType.Categorical).Select(feature => feature.Name))
            .End()
            .List("metrics")
            .Item()
            .String("preset", "DataDriftPreset")
            .Strings("columns", features.Select(feature => feature.Name))
            .Number("drift_share", definition.Drift?.ShareThreshold ?? DriftMonitor.DefaultShareThreshold)
            .Map("per_column_stattest");
        foreach (var (name, choice) in choices)
        {
            yaml.String(name, ConfigNames.EvidentlyStattests[choice!.Method]);
        }
        yaml.End().Map("per_column_stattest_threshold");
        foreach (var (name, choice) in choices)
        {
            yaml.Number(name, choice!.Threshold);
        }
        return yaml.End()
            .End()
            .Item()
            .String("preset", definition.Task == ModelTask.Regression ? "RegressionPreset" : "ClassificationPreset")
            .End()
            .EndList()
            .Finish();
    }

    /// <summary>The feature's override, or the default selector's choice; null before the baseline fixes it.</summary>
    private static DefaultDriftChoice? Effective(FeatureDefinition feature, IReadOnlyList<DefaultDriftChoice> defaults) =>
        feature.Drift is { } pinned
            ? new DefaultDriftChoice(feature.Name, pinned.Method, pinned.Threshold ?? ModelOpsYaml.DefaultThreshold(pinned.Method))
            : defaults.FirstOrDefault(choice => choice.Feature == feature.Name);
}
