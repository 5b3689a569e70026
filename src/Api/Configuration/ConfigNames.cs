using ModelOps.Contracts;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Api.Configuration;

/// <summary>The words configuration documents use for the service's enums and drift methods, in one place.</summary>
internal static class ConfigNames
{
    public static string Of(ModelTask task) => task == ModelTask.Regression ? "regression" : "classification";

    public static string Of(FeatureType type) => type == FeatureType.Categorical ? "categorical" : "numeric";

    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Info => "info",
        _ => "warning",
    };

    public static readonly IReadOnlyDictionary<string, ModelTask> Tasks =
        new Dictionary<string, ModelTask>(StringComparer.Ordinal) { ["classification"] = ModelTask.Classification, ["regression"] = ModelTask.Regression };

    public static readonly IReadOnlyDictionary<string, FeatureType> FeatureTypes =
        new Dictionary<string, FeatureType>(StringComparer.Ordinal) { ["numeric"] = FeatureType.Numeric, ["categorical"] = FeatureType.Categorical };

    public static readonly IReadOnlyDictionary<string, AlertSeverity> Severities = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal)
    {
        ["critical"] = AlertSeverity.Critical, ["warning"] = AlertSeverity.Warning, ["info"] = AlertSeverity.Info,
    };

    /// <summary>Our drift method names (DESIGN section 4) and Evidently's <c>stattest</c> names for the same statistics.</summary>
    public static readonly IReadOnlyDictionary<string, string> EvidentlyStattests = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KolmogorovSmirnov.Descriptor.Name] = "ks",
        [Wasserstein.Descriptor.Name] = "wasserstein",
        [PopulationStabilityIndex.Descriptor.Name] = "psi",
        [JensenShannon.Descriptor.Name] = "jensenshannon",
        [Hellinger.Descriptor.Name] = "hellinger",
        [ChiSquare.Descriptor.Name] = "chisquare",
        [TwoProportionZTest.Descriptor.Name] = "z",
    };
}
