using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>
/// A model's features: the declared ones, and those learned from traffic (typed by their first non-null value), together
/// at most <c>ModelOps:MaxFeatures</c>, the same cap a definition is checked against, so a model that learned up to it
/// still applies its own configuration back. Names seen beyond the cap are not learned, only counted.
/// </summary>
public sealed class FeatureCatalog
{
    /// <summary>How many of the names not learned a model remembers, as examples.</summary>
    public const int IgnoredExamples = 5;

    private readonly List<FeatureDefinition> features;
    private readonly HashSet<string> names;
    private readonly int maxFeatures;

    /// <param name="features">The list to keep up to date (the persisted definition's).</param>
    /// <param name="maxFeatures">The most features, declared and learned, the model holds.</param>
    public FeatureCatalog(List<FeatureDefinition> features, int maxFeatures)
    {
        this.features = features;
        this.maxFeatures = maxFeatures;
        names = new HashSet<string>(features.Select(feature => feature.Name), StringComparer.Ordinal);
    }

    /// <summary>The declared features, then the learned ones that are still not declared, as many as fit under the cap.</summary>
    public static List<FeatureDefinition> Redeclare(IEnumerable<FeatureDefinition> current, IReadOnlyList<FeatureDefinition> declared, int maxFeatures) =>
        Apply(current, declared.Select(feature => feature with { Learned = false }).ToArray(), maxFeatures);

    /// <summary>
    /// A configuration's features as it lists them, learned ones keeping their flag, then the learned features it does not
    /// mention (a feature seen in traffic stays known until the model is deleted), oldest first, as many as fit under the cap:
    /// what a user declares takes the place of what traffic taught.
    /// </summary>
    public static List<FeatureDefinition> Apply(IEnumerable<FeatureDefinition> current, IReadOnlyList<FeatureDefinition> configured, int maxFeatures)
    {
        var configuredNames = configured.Select(feature => feature.Name).ToHashSet(StringComparer.Ordinal);
        var kept = current.Where(feature => feature.Learned && !configuredNames.Contains(feature.Name)).Take(Math.Max(0, maxFeatures - configured.Count));
        return [.. configured, .. kept];
    }

    /// <summary>Adds the features seen for the first time while there is room under the cap.</summary>
    /// <returns>Whether any was added, and the distinct new names that were not, for lack of room.</returns>
    public (bool Learned, IReadOnlyCollection<string> Ignored) Learn(IReadOnlyList<InferenceEvent> events)
    {
        var learned = false;
        HashSet<string>? ignored = null;
        foreach (var e in events)
        {
            if (e.Features is null)
            {
                continue;
            }
            foreach (var (name, value) in e.Features)
            {
                if (value.Kind == ScalarKind.Missing || names.Contains(name))
                {
                    continue;
                }
                if (features.Count >= maxFeatures)
                {
                    (ignored ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    continue;
                }
                names.Add(name);
                var type = value.Kind == ScalarKind.Number ? FeatureType.Numeric : FeatureType.Categorical;
                features.Add(new FeatureDefinition { Name = name, Type = type, Learned = true });
                learned = true;
            }
        }
        return (learned, (IReadOnlyCollection<string>?)ignored ?? []);
    }
}
