namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// First Wasserstein distance between the binned baseline and current distributions, divided by the baseline's
/// standard deviation (scipy: <c>wasserstein_distance(u, v) / np.std(u)</c>). The distance is the exact area between
/// the two CDFs when each bin's values are spread uniformly over the bin; values in the underflow and overflow
/// bins sit on the outermost edges, because the bins say nothing of how far outside they lie. A baseline without
/// spread (standard deviation zero) cannot norm a distance: the result is not computable.
/// </summary>
public static class Wasserstein
{
    public static DriftStatisticDescriptor Descriptor { get; } =
        new("wasserstein", DriftFeatureKinds.Numeric, DefaultThreshold: 0.1, DriftDirection.DistanceAtLeast);

    public static StatisticResult Compute(NumericHistograms histograms)
    {
        histograms.Validated();
        Counts.RequireAligned(histograms.Reference, histograms.Current);
        var spread = histograms.ReferenceStandardDeviation;
        if (!Counts.BothNonEmpty(histograms.Reference, histograms.Current, out var referenceTotal, out var currentTotal)
            || !(spread > 0) || double.IsInfinity(spread))
        {
            return StatisticResult.NotComputable;
        }

        var edges = histograms.Edges;
        long referenceCumulative = histograms.Reference[0];
        long currentCumulative = histograms.Current[0];
        var gapAtLeft = (double)referenceCumulative / referenceTotal - (double)currentCumulative / currentTotal;
        var area = 0.0;
        for (var edge = 1; edge < edges.Length; edge++)
        {
            referenceCumulative += histograms.Reference[edge];
            currentCumulative += histograms.Current[edge];
            var gapAtRight = (double)referenceCumulative / referenceTotal - (double)currentCumulative / currentTotal;
            area += AbsoluteLinearIntegral(gapAtLeft, gapAtRight, edges[edge] - edges[edge - 1]);
            gapAtLeft = gapAtRight;
        }
        return new StatisticResult(area / spread);
    }

    /// <summary>∫ |a + (b − a)·t/w| dt over [0, w]: a trapezoid, or two triangles when the line crosses zero.</summary>
    private static double AbsoluteLinearIntegral(double a, double b, double width)
    {
        if (width == 0 || (a == 0 && b == 0))
        {
            return 0;
        }
        return (a >= 0) == (b >= 0) || a == 0 || b == 0
            ? width * (Math.Abs(a) + Math.Abs(b)) / 2
            : width * (a * a + b * b) / (2 * (Math.Abs(a) + Math.Abs(b)));
    }
}
