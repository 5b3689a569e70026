namespace ModelOps.Grains.Drift.Selection;

/// <summary>
/// One feature's drift verdict, in DESIGN section 4's terms. <see cref="Score"/> is the selected method's score (its
/// p-value or distance); it is null when it cannot be computed — always when the current window is empty — and then
/// the feature has not drifted. <see cref="Scores"/> holds every applicable statistic that could be computed, under
/// DESIGN's keys; there is never a NaN or infinity in it.
/// </summary>
public sealed record FeatureDriftResult(
    string Method,
    double Threshold,
    double? Score,
    bool Drifted,
    bool HasCurrentData,
    IReadOnlyDictionary<string, double> Scores)
{
    /// <summary>The selected score was computed, so the verdict counts toward dataset drift.</summary>
    public bool IsEvaluated => Score is not null;
}
