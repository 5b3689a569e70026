using System.ComponentModel.DataAnnotations;

namespace ModelOps.Grains.Telemetry;

/// <summary>Bounds of the per-model series on <c>/metrics</c> (configuration section <c>ModelOps:Metrics</c>).</summary>
public sealed class ModelMetricsOptions
{
    public const string Section = "ModelOps:Metrics";

    /// <summary>Models with series of their own; models beyond are left out and counted in <c>modelops_metrics_models_omitted</c>.</summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:Metrics:MaxModels must be between 1 and 10000.")]
    public int MaxModels { get; set; } = 100;

    /// <summary>Features per model with drift series; features beyond are left out and counted in <c>modelops_metrics_features_omitted</c>.</summary>
    [Range(1, 1_000, ErrorMessage = "ModelOps:Metrics:MaxFeaturesPerModel must be between 1 and 1000.")]
    public int MaxFeaturesPerModel { get; set; } = 50;
}
