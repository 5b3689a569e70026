namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Jensen–Shannon distance (the square root of the divergence, natural logarithm) between the proportions of
/// aligned bins or categories, as scipy's <c>jensenshannon(p, q)</c>. It lies in [0, √ln 2].
/// </summary>
public static class JensenShannon
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("jensenShannon", DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary,
            DefaultThreshold: 0.1, DriftDirection.DistanceAtLeast);

    public static StatisticResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        Counts.RequireAligned(reference, current);
        if (!Counts.BothNonEmpty(reference, current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var divergenceSum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = (double)reference[i] / referenceTotal;
            var q = (double)current[i] / currentTotal;
            var m = (p + q) / 2;
            divergenceSum += RelativeEntropy(p, m) + RelativeEntropy(q, m);
        }
        // Rounding can leave a hair below zero for identical distributions.
        return new StatisticResult(Math.Sqrt(Math.Max(0.0, divergenceSum / 2)));
    }

    private static double RelativeEntropy(double x, double y) => x == 0 ? 0 : x * Math.Log(x / y);
}
