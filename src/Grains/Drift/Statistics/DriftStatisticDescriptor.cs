namespace ModelOps.Grains.Drift.Statistics;

/// <summary>What a drift statistic is called in the report, what it applies to, and how its score becomes a verdict.</summary>
/// <param name="Name">The <c>method</c> name of DESIGN section 4, e.g. <c>jensenShannon</c>.</param>
/// <param name="AppliesTo">The feature summaries the statistic accepts.</param>
/// <param name="DefaultThreshold">The threshold used unless a feature overrides it.</param>
/// <param name="Direction">Whether small (p-values) or large (distances) scores mean drift.</param>
public sealed record DriftStatisticDescriptor(string Name, DriftFeatureKinds AppliesTo, double DefaultThreshold, DriftDirection Direction)
{
    public bool IsDrifted(double score, double threshold) => Direction switch
    {
        DriftDirection.PValueBelow => score < threshold,
        DriftDirection.PValueAtOrBelow => score <= threshold,
        DriftDirection.DistanceAtLeast => score >= threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(threshold), Direction, "Unknown drift direction."),
    };

    public bool IsDrifted(double score) => IsDrifted(score, DefaultThreshold);
}
