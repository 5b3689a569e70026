namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Population stability index: Σ (c − r)·ln(c / r) over the proportions of aligned bins or categories, an empty
/// bin's proportion taken as 0.0001 (as evidently does) so that a category new to either side stays finite.
/// </summary>
public static class PopulationStabilityIndex
{
    public const double EmptyBinProportion = 0.0001;

    public static DriftStatisticDescriptor Descriptor { get; } =
        new("psi", DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary,
            DefaultThreshold: 0.1, DriftDirection.DistanceAtLeast);

    public static StatisticResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        Counts.RequireAligned(reference, current);
        if (!Counts.BothNonEmpty(reference, current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var index = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Proportion(reference[i], referenceTotal);
            var c = Proportion(current[i], currentTotal);
            index += (c - r) * Math.Log(c / r);
        }
        return new StatisticResult(index);
    }

    private static double Proportion(long count, long total) => count == 0 ? EmptyBinProportion : (double)count / total;
}
