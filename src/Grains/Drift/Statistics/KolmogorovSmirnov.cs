namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test on binned data: D = max |F_baseline − F_current| over the bin edges, and
/// its two-sided p-value from the limiting Kolmogorov distribution at D·√(n·m/(n+m)) — scipy's
/// <c>kstwobign.sf(D * sqrt(en))</c>, the asymptotic branch of <c>ks_2samp</c>. scipy's default
/// <c>method='auto'</c> is exact below 10 000 values per side and <c>kstwo.sf(D, round(en))</c> above; both
/// converge to this one as the samples grow, and the binned D is itself an approximation of the raw-sample D.
/// </summary>
public static class KolmogorovSmirnov
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("ks", DriftFeatureKinds.Numeric, DefaultThreshold: 0.05, DriftDirection.PValueAtOrBelow);

    public static StatisticResult Compute(NumericHistograms histograms)
    {
        histograms.Validated();
        Counts.RequireAligned(histograms.Reference, histograms.Current);
        if (!Counts.BothNonEmpty(histograms.Reference, histograms.Current, out var referenceTotal, out var currentTotal))
        {
            return StatisticResult.NotComputable;
        }

        var statistic = MaximumCdfGap(histograms.Reference, histograms.Current, referenceTotal, currentTotal);
        var effectiveSize = (double)referenceTotal * currentTotal / (referenceTotal + currentTotal);
        return new StatisticResult(KolmogorovSurvival(statistic * Math.Sqrt(effectiveSize)), statistic);
    }

    /// <summary>
    /// The survival function of the Kolmogorov distribution, Q(x) = P(K &gt; x), with scipy's (cephes') split:
    /// the Jacobi-theta form below 0.82, where the alternating series converges slowly, the alternating series above.
    /// </summary>
    public static double KolmogorovSurvival(double x)
    {
        const double Cutover = 0.82;
        if (x <= 0)
        {
            return 1.0;
        }
        if (x <= Cutover)
        {
            // P(K ≤ x) = √(2π)/x · Σ_{k≥1} exp(−(2k−1)²π²/(8x²))
            var cdf = 0.0;
            var scale = -Math.PI * Math.PI / (8 * x * x);
            for (var k = 1; k < 100; k++)
            {
                var term = Math.Exp((2 * k - 1) * (2 * k - 1) * scale);
                cdf += term;
                if (term <= cdf * 1e-17)
                {
                    break;
                }
            }
            return 1.0 - Math.Sqrt(2 * Math.PI) / x * cdf;
        }

        // P(K > x) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²x²)
        var survival = 0.0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * x * x);
            survival += k % 2 == 1 ? term : -term;
            if (term <= Math.Abs(survival) * 1e-17)
            {
                break;
            }
        }
        return Math.Clamp(2 * survival, 0.0, 1.0);
    }

    private static double MaximumCdfGap(ReadOnlySpan<long> reference, ReadOnlySpan<long> current, long referenceTotal, long currentTotal)
    {
        long referenceCumulative = 0;
        long currentCumulative = 0;
        var gap = 0.0;
        // Past the overflow bin both CDFs are 1, so the last bin adds no gap of its own.
        for (var bin = 0; bin < reference.Length - 1; bin++)
        {
            referenceCumulative += reference[bin];
            currentCumulative += current[bin];
            gap = Math.Max(gap, Math.Abs((double)referenceCumulative / referenceTotal - (double)currentCumulative / currentTotal));
        }
        return gap;
    }
}
