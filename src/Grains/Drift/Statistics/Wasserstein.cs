namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// First Wasserstein distance between the binned baseline and current distributions, divided by the baseline's
/// standard deviation (scipy: <c>wasserstein_distance(u, v) / np.std(u)</c>): the area between the baseline CDF F
/// (n values) and the current CDF G (m values), placing values with what the bins keep of them.
/// <list type="bullet">
/// <item>Below the first edge e the area is |Σ(e − x)/n − Σ(e − y)/m| over the baseline's underflow values x and the
/// current ones y, which the counts and sums give; above the last edge likewise with Σ(x − e). It is exact when one
/// side has no values there, the usual case, since the baseline's extremes are the outer edges.</item>
/// <item>Inside a bin each side's values are spread uniformly over the widest interval in the bin centred on their
/// mean (sum / count). That keeps ∫(F − G) over the bin exact, so wherever F − G keeps its sign in a bin its area
/// is exact, a shift that leaves every value in its bin included; where it changes sign, the area of the model's
/// piecewise linear F − G is taken.</item>
/// </list>
/// A side without sums puts its underflow and overflow values on the outer edges and spreads each bin's values over
/// the whole bin (the area between piecewise linear CDFs). A baseline without spread (standard deviation zero)
/// cannot norm a distance: the result is not computable.
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
        var reference = new Side(histograms.Reference, histograms.ReferenceSums, referenceTotal);
        var current = new Side(histograms.Current, histograms.CurrentSums, currentTotal);
        var area = Math.Abs(reference.AreaBelow(edges[0]) - current.AreaBelow(edges[0]))
            + Math.Abs(reference.AreaAbove(edges[^1]) - current.AreaAbove(edges[^1]));
        long referenceBelow = histograms.Reference[0];
        long currentBelow = histograms.Current[0];
        for (var bin = 1; bin < edges.Length; bin++)
        {
            var (lower, upper) = (edges[bin - 1], edges[bin]);
            var gapAtLower = (double)referenceBelow / referenceTotal - (double)currentBelow / currentTotal;
            area += BinArea(gapAtLower, reference.Spread(bin, lower, upper), current.Spread(bin, lower, upper), lower, upper);
            referenceBelow += histograms.Reference[bin];
            currentBelow += histograms.Current[bin];
        }
        return new StatisticResult(area / spread);
    }

    /// <summary>
    /// ∫ |F − G| over [lower, upper]: F − G starts at <paramref name="gapAtLower"/> and is linear between the ends of the
    /// two spreads, so the bin is cut there and each piece integrated exactly. Each spread reaches an edge of the bin,
    /// so its other end is its only cut inside the bin, and there are at most three pieces.
    /// </summary>
    private static double BinArea(double gapAtLower, BinSpread reference, BinSpread current, double lower, double upper)
    {
        var (referenceCut, currentCut) = (reference.CutInside(lower), current.CutInside(lower));
        var (firstCut, secondCut) = referenceCut <= currentCut ? (referenceCut, currentCut) : (currentCut, referenceCut);
        if (reference.IsPoint || current.IsPoint)
        {
            // F − G jumps at a point, so each piece takes its own limits there.
            return PieceArea(gapAtLower, reference, current, lower, firstCut)
                + PieceArea(gapAtLower, reference, current, firstCut, secondCut)
                + PieceArea(gapAtLower, reference, current, secondCut, upper);
        }
        // Without a point F − G is continuous: each cut's value serves the pieces on both sides of it.
        var atFirstCut = GapAt(firstCut, gapAtLower, reference, current);
        var atSecondCut = GapAt(secondCut, gapAtLower, reference, current);
        return AbsoluteLinearIntegral(GapAt(lower, gapAtLower, reference, current), atFirstCut, firstCut - lower)
            + AbsoluteLinearIntegral(atFirstCut, atSecondCut, secondCut - firstCut)
            + AbsoluteLinearIntegral(atSecondCut, GapAt(upper, gapAtLower, reference, current), upper - secondCut);
    }

    /// <summary>∫ |F − G| over the piece of a bin between two neighbouring cuts, taking the limits of a point from inside it.</summary>
    private static double PieceArea(double gapAtLower, BinSpread reference, BinSpread current, double from, double to)
    {
        var middle = from + (to - from) / 2;
        return AbsoluteLinearIntegral(
            gapAtLower + reference.ShareUpTo(from, middle) - current.ShareUpTo(from, middle),
            gapAtLower + reference.ShareUpTo(to, middle) - current.ShareUpTo(to, middle),
            to - from);
    }

    /// <summary>F − G at <paramref name="x"/> inside a bin where neither spread is a point.</summary>
    private static double GapAt(double x, double gapAtLower, BinSpread reference, BinSpread current) =>
        gapAtLower + reference.ShareUpTo(x) - current.ShareUpTo(x);

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

    /// <summary>One side's counts per bin, and the sums of its values per bin when known.</summary>
    private readonly record struct Side(long[] Counts, double[]? Sums, long Total)
    {
        /// <summary>∫ F over (−∞, edge) = Σ(edge − x) / total over the underflow values.</summary>
        public double AreaBelow(double firstEdge) => PerValue(Sums is null ? 0 : Counts[0] * firstEdge - Sums[0]);

        /// <summary>∫ (1 − F) over (edge, ∞) = Σ(x − edge) / total over the overflow values.</summary>
        public double AreaAbove(double lastEdge) => PerValue(Sums is null ? 0 : Sums[^1] - Counts[^1] * lastEdge);

        /// <summary>
        /// The bin's share of all values, spread uniformly over the widest interval in [lower, upper] centred on their
        /// mean; over the whole bin when the mean is not known. One end of the interval is always an edge of the bin.
        /// </summary>
        public BinSpread Spread(int bin, double lower, double upper)
        {
            var share = (double)Counts[bin] / Total;
            var mean = Sums is null || Counts[bin] == 0 ? double.NaN : Sums[bin] / Counts[bin];
            if (!double.IsFinite(mean))
            {
                return new BinSpread(share, lower, upper);
            }
            // Rounding can put a mean a hair outside its bin.
            mean = Math.Clamp(mean, lower, upper);
            return mean - lower <= upper - mean
                ? new BinSpread(share, lower, Math.Min(upper, lower + 2 * (mean - lower)))
                : new BinSpread(share, Math.Max(lower, upper - 2 * (upper - mean)), upper);
        }

        /// <summary>Rounding can leave a sum a hair on the wrong side of its edge; values never lie a negative distance beyond it.</summary>
        private double PerValue(double distanceSum) => double.IsFinite(distanceSum) && distanceSum > 0 ? distanceSum / Total : 0;
    }

    /// <summary>A share of one side's values spread uniformly over [<see cref="Low"/>, <see cref="High"/>]; a point when they are equal.</summary>
    private readonly record struct BinSpread(double Share, double Low, double High)
    {
        public bool IsPoint => !(High > Low);

        /// <summary>The end that is not on the bin's edge (either end, when both are).</summary>
        public double CutInside(double lower) => Low == lower ? High : Low;

        /// <summary>The part of <see cref="Share"/> at or below <paramref name="x"/>, for a spread that is not a point.</summary>
        public double ShareUpTo(double x) => x <= Low ? 0 : x >= High ? Share : Share * ((x - Low) / (High - Low));

        /// <summary>
        /// The part of <see cref="Share"/> at or below <paramref name="x"/>, an end of a piece of the bin that neither
        /// <see cref="Low"/> nor <see cref="High"/> cuts and whose middle is <paramref name="pieceMiddle"/>: the piece
        /// tells on which side of a point spread the limit is taken.
        /// </summary>
        public double ShareUpTo(double x, double pieceMiddle) => IsPoint ? (pieceMiddle > High ? Share : 0) : ShareUpTo(x);
    }
}
