namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Hellinger distance between the proportions of aligned bins or categories, √(1 − Σ √(p·q)), computed as
/// ‖√p − √q‖₂ / √2, which is the same value without the cancellation of 1 − Σ √(p·q) near zero. It lies in [0, 1].
/// </summary>
public static class Hellinger
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("hellinger", DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary,
            DefaultThreshold: 0.1, DriftDirection.DistanceAtLeast);

    public static StatisticResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        Counts.RequireAligned(reference, current);
        if (!Counts.BothNonEmpty(reference, current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var squaredNorm = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var difference = Math.Sqrt((double)reference[i] / referenceTotal) - Math.Sqrt((double)current[i] / currentTotal);
            squaredNorm += difference * difference;
        }
        return new StatisticResult(Math.Sqrt(squaredNorm / 2));
    }
}
