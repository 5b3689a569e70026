using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One bin or category: the share of the baseline's values and of the current values that fall in it.</summary>
public sealed record DriftBin(string Label, double Baseline, double Current);

/// <summary>How a feature's distributions are drawn: overlaid histograms, grouped bars per category, or not at all.</summary>
public enum DriftDistributionKind
{
    Histogram,
    Categories,
    None,
}

/// <summary>
/// A feature's baseline against its current distribution, as proportions of each side's present values so that
/// samples of different sizes compare; missing values are left out of both and shown as the null shares.
/// </summary>
public sealed record DriftDistributionModel(
    string Feature,
    DriftDistributionKind Kind,
    IReadOnlyList<DriftBin> Bins,
    long BaselineValues,
    long CurrentValues,
    string BaselineNullShare,
    string CurrentNullShare,
    bool NullsRising,
    IReadOnlyList<string> NewCategories)
{
    /// <summary>A histogram shows at most this many bins between its edges; neighbouring bins are merged to fit.</summary>
    public const int MaxHistogramBins = 20;

    /// <summary>Bars show this many categories, those most frequent on either side; the rest join <see cref="OtherLabel"/>.</summary>
    public const int MaxCategories = 10;

    /// <summary>The report's label for baseline categories outside its top ones; categories past <see cref="MaxCategories"/> join it.</summary>
    public const string OtherLabel = "(other)";

    public static DriftDistributionModel For(FeatureDriftView feature)
    {
        var (kind, bins, baselineValues, currentValues) = feature switch
        {
            { BaselineHistogram: { } baseline, CurrentHistogram: { } current } when Aligned(baseline, current) =>
                (DriftDistributionKind.Histogram, HistogramBins(baseline, current), baseline.Counts.Sum(), current.Counts.Sum()),
            { BaselineCounts: { } baseline, CurrentCounts: { } current } =>
                (DriftDistributionKind.Categories, CategoryBins(baseline, current), baseline.Values.Sum(), current.Values.Sum()),
            _ => (DriftDistributionKind.None, (IReadOnlyList<DriftBin>)[], 0L, 0L),
        };
        return new DriftDistributionModel(
            feature.Name, kind, bins, baselineValues, currentValues,
            KpiFormat.Percent(feature.BaselineNullShare), KpiFormat.Percent(feature.NullShare), feature.NullShareDrift,
            feature.NewCategories);
    }

    // Counts hold an underflow, one count per pair of neighbouring edges, and an overflow.
    private static bool Aligned(Histogram baseline, Histogram current) =>
        baseline.Edges.Count >= 2 && baseline.Counts.Count == baseline.Edges.Count + 1 && current.Counts.Count == baseline.Counts.Count;

    /// <summary>
    /// The bins between the edges, merged in runs of equal length to at most <see cref="MaxHistogramBins"/>, with the
    /// underflow and overflow around them when either side has values there (the baseline's own range never does).
    /// </summary>
    private static IReadOnlyList<DriftBin> HistogramBins(Histogram baseline, Histogram current)
    {
        var edges = baseline.Edges;
        var baselineTotal = baseline.Counts.Sum();
        var currentTotal = current.Counts.Sum();
        DriftBin Bin(string label, int firstSlot, int lastSlot) => new(
            label,
            Share(Sum(baseline.Counts, firstSlot, lastSlot), baselineTotal),
            Share(Sum(current.Counts, firstSlot, lastSlot), currentTotal));

        var bins = new List<DriftBin>();
        var overflowSlot = edges.Count;
        if (baseline.Counts[0] > 0 || current.Counts[0] > 0)
        {
            bins.Add(Bin($"< {DriftFormat.Number(edges[0])}", 0, 0));
        }
        var innerBins = edges.Count - 1;
        var run = (innerBins + MaxHistogramBins - 1) / MaxHistogramBins;
        for (var first = 1; first <= innerBins; first += run)
        {
            var last = Math.Min(first + run - 1, innerBins);
            bins.Add(Bin($"{DriftFormat.Number(edges[first - 1])}–{DriftFormat.Number(edges[last])}", first, last));
        }
        if (baseline.Counts[overflowSlot] > 0 || current.Counts[overflowSlot] > 0)
        {
            bins.Add(Bin($"> {DriftFormat.Number(edges[^1])}", overflowSlot, overflowSlot));
        }
        return bins;
    }

    /// <summary>
    /// The <see cref="MaxCategories"/> categories with the largest share on either side, largest first, then the rest
    /// (with the report's own <see cref="OtherLabel"/>) as one, when it holds any value.
    /// </summary>
    private static IReadOnlyList<DriftBin> CategoryBins(IReadOnlyDictionary<string, long> baseline, IReadOnlyDictionary<string, long> current)
    {
        var baselineTotal = baseline.Values.Sum();
        var currentTotal = current.Values.Sum();
        DriftBin Bin(string label, long baselineCount, long currentCount) =>
            new(label, Share(baselineCount, baselineTotal), Share(currentCount, currentTotal));

        var top = baseline.Keys.Union(current.Keys)
            .Where(category => category != OtherLabel)
            .Select(category => Bin(category, baseline.GetValueOrDefault(category), current.GetValueOrDefault(category)))
            .OrderByDescending(bin => Math.Max(bin.Baseline, bin.Current))
            .ThenBy(bin => bin.Label, StringComparer.Ordinal)
            .Take(MaxCategories)
            .ToList();
        var shown = top.Select(bin => bin.Label).ToHashSet(StringComparer.Ordinal);
        var restBaseline = baseline.Where(pair => !shown.Contains(pair.Key)).Sum(pair => pair.Value);
        var restCurrent = current.Where(pair => !shown.Contains(pair.Key)).Sum(pair => pair.Value);
        return restBaseline > 0 || restCurrent > 0 ? [.. top, Bin(OtherLabel, restBaseline, restCurrent)] : top;
    }

    private static long Sum(IReadOnlyList<long> counts, int firstSlot, int lastSlot)
    {
        long sum = 0;
        for (var slot = firstSlot; slot <= lastSlot; slot++)
        {
            sum += counts[slot];
        }
        return sum;
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;
}
