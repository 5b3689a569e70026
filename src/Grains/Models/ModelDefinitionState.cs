using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>Persisted definition of a model. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.ModelDefinitionState")]
public sealed class ModelDefinitionState
{
    [Id(0)] public string Name { get; set; } = string.Empty;
    [Id(1)] public string Version { get; set; } = string.Empty;
    [Id(2)] public ModelTask Task { get; set; }
    [Id(3)] public List<FeatureDefinition> Features { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(6)] public ModelDriftSettings? Drift { get; set; }

    /// <summary>The version before the latest version change, and when it changed (evidence for alert insights).</summary>
    [Id(7)] public string? PreviousVersion { get; set; }

    [Id(8)] public DateTimeOffset? VersionChangedAt { get; set; }
}
