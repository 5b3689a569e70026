using MathNet.Numerics;

namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Pearson's chi-square test of the current counts against the baseline proportions: expected count =
/// baseline proportion × current total, χ² = Σ (observed − expected)² / expected, p = Q((k − 1)/2, χ²/2) — scipy's
/// <c>chisquare(f_obs, f_exp)</c>. Categories empty on both sides carry no information and are left out (also from
/// k). A category the baseline never saw but the current window did makes χ² infinite (scipy: <c>inf</c>, p = 0):
/// the result is then p = 0 with no test statistic, because an infinite number has no place in the report.
/// </summary>
public static class ChiSquare
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("chiSquare", DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary, DefaultThreshold: 0.05, DriftDirection.PValueBelow);

    public static StatisticResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        Counts.RequireAligned(reference, current);
        if (!Counts.BothNonEmpty(reference, current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var statistic = 0.0;
        var categories = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            if (reference[i] == 0)
            {
                if (current[i] > 0)
                {
                    return new StatisticResult(Score: 0.0);
                }
                continue;
            }
            var expected = (double)reference[i] / referenceTotal * currentTotal;
            var deviation = current[i] - expected;
            statistic += deviation * deviation / expected;
            categories++;
        }

        var degreesOfFreedom = categories - 1;
        var pValue = degreesOfFreedom == 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2);
        return new StatisticResult(pValue, statistic);
    }
}
