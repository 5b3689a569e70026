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

    /// <summary>New feature names seen in events while the model held <c>ModelOps:MaxFeatures</c>, counted once per batch; not learned.</summary>
    [Id(9)] public long IgnoredFeatures { get; set; }

    /// <summary>The first few of those names (at most <see cref="FeatureCatalog.IgnoredExamples"/>), for the evidence of insights.</summary>
    [Id(10)] public List<string> IgnoredFeatureExamples { get; set; } = [];

    /// <summary>When the latest batch brought names the model had no room for.</summary>
    [Id(11)] public DateTimeOffset? LastIgnoredFeatureAt { get; set; }

    /// <summary>The class a binary classifier's score is the probability of; null for multi-class (see <see cref="ModelDefinition.PositiveClass"/>).</summary>
    [Id(12)] public string? PositiveClass { get; set; }
}
