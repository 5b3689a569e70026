namespace ModelOps.Grains.Drift.Selection;

/// <summary>A feature's name with its drift verdict.</summary>
public sealed record NamedFeatureDrift(string Name, FeatureDriftResult Drift);

/// <summary>The dataset-level verdict of DESIGN section 4: <c>datasetDrift</c>, <c>driftShare</c>, <c>driftShareThreshold</c>.</summary>
/// <param name="DatasetDrift">The share of drifted features reached the threshold.</param>
/// <param name="DriftShare">Drifted features over evaluated features; 0 when none was evaluated.</param>
/// <param name="DriftShareThreshold">The share at which the dataset counts as drifted.</param>
/// <param name="EvaluatedFeatures">Features whose selected score could be computed; features without data are not among them.</param>
/// <param name="DriftedFeatures">Names of the drifted features, in input order.</param>
public sealed record DatasetDriftResult(
    bool DatasetDrift,
    double DriftShare,
    double DriftShareThreshold,
    int EvaluatedFeatures,
    IReadOnlyList<string> DriftedFeatures);

public static class DatasetDrift
{
    public const double DefaultShareThreshold = 0.5;

    /// <summary>Dataset drift when drifted / evaluated ≥ <paramref name="shareThreshold"/>; features without a score do not count.</summary>
    public static DatasetDriftResult Evaluate(IEnumerable<NamedFeatureDrift> features, double shareThreshold = DefaultShareThreshold)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!(shareThreshold > 0 && shareThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shareThreshold), shareThreshold, "The drift share threshold must be greater than 0 and at most 1.");
        }

        var evaluated = features.Where(feature => feature.Drift.IsEvaluated).ToList();
        var drifted = evaluated.Where(feature => feature.Drift.Drifted).Select(feature => feature.Name).ToList();
        var share = evaluated.Count == 0 ? 0.0 : (double)drifted.Count / evaluated.Count;
        return new DatasetDriftResult(evaluated.Count > 0 && share >= shareThreshold, share, shareThreshold, evaluated.Count, drifted);
    }
}
