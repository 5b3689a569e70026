using ModelOps.Contracts;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Window;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Configuration;

/// <summary>The channels that carry a model's notifications, by id: alert channels and retrain channels.</summary>
public sealed record ChannelRoutes(IReadOnlyList<string> Alerts, IReadOnlyList<string> Retrain);

/// <summary>
/// The <c>modelops</c> format: a model's whole monitoring setup as one YAML document that <c>PUT …/config</c> takes
/// back. Every value is the one in force (defaults written out), so the document is the setup, and applying it
/// unchanged changes nothing.
/// </summary>
public static class ModelOpsYaml
{
    public const string ApiVersion = "modelops/v1";
    public const string Kind = "ModelMonitor";

    /// <summary>A feature's drift as the default selector chooses it (<c>source: default</c>) or as the definition overrides it.</summary>
    public const string DefaultSource = "default";
    public const string OverrideSource = "override";

    /// <summary>The default method of a feature the baseline has not fixed yet (no baseline, or a feature learned after it).</summary>
    public const string AutoMethod = "auto";

    public static string Write(ModelConfiguration config, ChannelRoutes routes)
    {
        var definition = config.Definition;
        var drift = definition.Drift;
        var yaml = new YamlWriter()
            .String("apiVersion", ApiVersion)
            .String("kind", Kind)
            .Map("model")
            .String("id", config.ModelId)
            .String("name", definition.Name ?? config.ModelId)
            .String("version", definition.Version ?? "1")
            .String("task", ConfigNames.Of(definition.Task))
            .End()
            .List("features");
        foreach (var feature in definition.Features)
        {
            yaml.Item().String("name", feature.Name).String("type", ConfigNames.Of(feature.Type));
            if (feature.Learned)
            {
                yaml.Boolean("learned", true);
            }
            yaml.Map("drift");
            if (feature.Drift is { } pinned)
            {
                yaml.String("method", pinned.Method).Number("threshold", pinned.Threshold ?? DefaultThreshold(pinned.Method)).String("source", OverrideSource);
            }
            else if (config.DefaultDrift.FirstOrDefault(choice => choice.Feature == feature.Name) is { } chosen)
            {
                yaml.String("method", chosen.Method).Number("threshold", chosen.Threshold).String("source", DefaultSource);
            }
            else
            {
                yaml.String("method", AutoMethod).String("source", DefaultSource);
            }
            yaml.End().End();
        }
        yaml.EndList()
            .Map("windows")
            .Duration("metrics", config.MetricsWindow)
            .Duration("drift", drift?.Window ?? DriftWindow.DefaultLength)
            .Number("baselineSize", drift?.BaselineSize ?? DriftMonitor.DefaultBaselineSize)
            .Number("driftShare", drift?.ShareThreshold ?? DriftMonitor.DefaultShareThreshold)
            .Number("nullShareIncrease", DriftReportBuilder.DefaultNullShareIncrease)
            .End()
            .List("rules");
        foreach (var rule in config.Rules)
        {
            yaml.Item()
                .String("id", rule.Id!)
                .String("name", rule.Name ?? rule.Id!)
                .String("metric", rule.Metric!)
                .String("op", rule.Op!)
                .Number("threshold", rule.Threshold!.Value)
                .Duration("for", rule.For?.Value ?? TimeSpan.Zero);
            if (rule.Window is { } window)
            {
                yaml.Duration("window", window.Value);
            }
            yaml.String("severity", ConfigNames.Of(rule.Severity ?? AlertSeverity.Warning))
                .Strings("actions", rule.Actions ?? [])
                .End();
        }
        return yaml.EndList()
            .Map("notifications")
            .Strings("alerts", routes.Alerts)
            .Strings("retrain", routes.Retrain)
            .End()
            .Finish();
    }

    /// <summary>The threshold an override without one uses: its method's default (stored methods are validated, so known).</summary>
    public static double DefaultThreshold(string method) => DriftStatisticCatalog.Find(method)!.DefaultThreshold;
}
