using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>A model's features: the declared ones, and those learned from traffic (typed by their first non-null value).</summary>
public sealed class FeatureCatalog
{
    private readonly List<FeatureDefinition> features;
    private readonly HashSet<string> names;

    /// <param name="features">The list to keep up to date (the persisted definition's).</param>
    public FeatureCatalog(List<FeatureDefinition> features)
    {
        this.features = features;
        names = new HashSet<string>(features.Select(feature => feature.Name), StringComparer.Ordinal);
    }

    /// <summary>The declared features, then the learned ones that are still not declared.</summary>
    public static List<FeatureDefinition> Redeclare(IEnumerable<FeatureDefinition> current, IReadOnlyList<FeatureDefinition> declared) =>
        Apply(current, declared.Select(feature => feature with { Learned = false }).ToArray());

    /// <summary>
    /// A configuration's features as it lists them, learned ones keeping their flag, then the learned features it does not
    /// mention (a feature seen in traffic stays known until the model is deleted).
    /// </summary>
    public static List<FeatureDefinition> Apply(IEnumerable<FeatureDefinition> current, IReadOnlyList<FeatureDefinition> configured)
    {
        var configuredNames = configured.Select(feature => feature.Name).ToHashSet(StringComparer.Ordinal);
        return [.. configured, .. current.Where(feature => feature.Learned && !configuredNames.Contains(feature.Name))];
    }

    /// <summary>Adds the features seen for the first time; true when any was added.</summary>
    public bool Learn(IReadOnlyList<InferenceEvent> events)
    {
        var learned = false;
        foreach (var e in events)
        {
            if (e.Features is null)
            {
                continue;
            }
            foreach (var (name, value) in e.Features)
            {
                if (value.Kind != ScalarKind.Missing && names.Add(name))
                {
                    var type = value.Kind == ScalarKind.Number ? FeatureType.Numeric : FeatureType.Categorical;
                    features.Add(new FeatureDefinition { Name = name, Type = type, Learned = true });
                    learned = true;
                }
            }
        }
        return learned;
    }
}
