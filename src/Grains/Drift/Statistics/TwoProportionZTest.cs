using MathNet.Numerics;

namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Two-sided two-proportion z-test for a binary feature: with the pooled proportion p̂,
/// z = (p_current − p_baseline) / √(p̂(1 − p̂)(1/n_current + 1/n_baseline)) and p = 2·(1 − Φ(|z|)) = erfc(|z|/√2).
/// Counts are aligned two-element vectors; which of the two categories is "positive" does not change p.
/// When both sides hold only one and the same category the proportions agree exactly: z = 0, p = 1.
/// </summary>
public static class TwoProportionZTest
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("zTest", DriftFeatureKinds.Binary, DefaultThreshold: 0.05, DriftDirection.PValueBelow);

    public static StatisticResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        Counts.RequireAligned(reference, current);
        if (reference.Length != 2)
        {
            throw new ArgumentException($"A two-proportion z-test needs exactly two categories; got {reference.Length}.");
        }
        if (!Counts.BothNonEmpty(reference, current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var referenceProportion = (double)reference[1] / referenceTotal;
        var currentProportion = (double)current[1] / currentTotal;
        var pooled = (double)(reference[1] + current[1]) / (referenceTotal + currentTotal);
        var variance = pooled * (1 - pooled) * (1.0 / currentTotal + 1.0 / referenceTotal);
        if (variance == 0)
        {
            return new StatisticResult(Score: 1.0, TestStatistic: 0.0);
        }

        var z = (currentProportion - referenceProportion) / Math.Sqrt(variance);
        return new StatisticResult(SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)), z);
    }
}
