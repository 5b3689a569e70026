using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>Baseline and current counts of a discrete or categorical feature over the same categories, ready for the statistics.</summary>
/// <param name="Categories">The label of each entry: baseline categories, then <see cref="DriftInputs.OtherLabel"/>, then new categories.</param>
/// <param name="Reference">Baseline counts per entry; 0 for new categories.</param>
/// <param name="Current">Current counts per entry.</param>
public sealed record AlignedCounts(string[] Categories, long[] Reference, long[] Current);

/// <summary>Turns a feature's baseline and a current summary into the inputs the drift statistics take.</summary>
public static class DriftInputs
{
    /// <summary>The label of baseline categories outside the top ones.</summary>
    public const string OtherLabel = "(other)";

    /// <summary>The label of new values whose names were not kept (see <see cref="FeatureSummary.MaxNewCategories"/>).</summary>
    public const string OtherNewLabel = "(other new)";

    /// <summary>
    /// The histograms of a numeric feature, with the sums of the values per bin where the summaries know them; missing
    /// values are left out, they are the null share's business.
    /// </summary>
    public static NumericHistograms Numeric(FeatureBaseline baseline, FeatureSummary current)
    {
        if (baseline.Binning.Kind != BinningKind.Numeric)
        {
            throw new ArgumentException($"Feature '{baseline.Name}' is {baseline.Binning.Kind}, not binned numerically.", nameof(baseline));
        }
        return new NumericHistograms(
            baseline.Binning.Edges,
            baseline.SlotCounts,
            current.SlotCounts.ToArray(),
            baseline.StandardDeviation,
            baseline.SlotSums,
            current.SlotSums.IsEmpty ? null : current.SlotSums.ToArray());
    }

    /// <summary>
    /// The counts of a discrete or categorical feature: baseline categories and <c>other</c>, then the new
    /// categories with a baseline count of 0. Entries empty on both sides are left out, since they carry no
    /// information and would only add degrees of freedom to a chi-square test. Missing values are left out.
    /// </summary>
    public static AlignedCounts Categorical(FeatureBaseline baseline, FeatureSummary current)
    {
        var binning = baseline.Binning;
        if (binning.Kind == BinningKind.Numeric)
        {
            throw new ArgumentException($"Feature '{baseline.Name}' is binned numerically, not by category.", nameof(baseline));
        }
        var categories = new List<string>();
        var reference = new List<long>();
        var counts = new List<long>();
        void Append(string category, long referenceCount, long currentCount)
        {
            if (referenceCount > 0 || currentCount > 0)
            {
                categories.Add(category);
                reference.Add(referenceCount);
                counts.Add(currentCount);
            }
        }

        for (var slot = 0; slot < binning.Categories.Length; slot++)
        {
            Append(binning.Categories[slot], baseline.Counts.SlotCounts[slot], current.SlotCounts[slot]);
        }
        Append(OtherLabel, baseline.Counts.SlotCounts[binning.OtherSlot], current.SlotCounts[binning.OtherSlot]);
        long named = 0;
        foreach (var (category, count) in current.NewCategories.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Append(category, 0, count);
            named += count;
        }
        Append(OtherNewLabel, 0, current.NewCount - named);
        return new AlignedCounts([.. categories], [.. reference], [.. counts]);
    }
}
