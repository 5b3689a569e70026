using ModelOps.Contracts;
using Orleans;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>One feature of a baseline: its binning, the baseline's own counts over it, and its spread.</summary>
[GenerateSerializer, Alias("ModelOps.FeatureBaseline")]
public sealed class FeatureBaseline
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>True when the feature was not declared and its type was learned from its first value.</summary>
    [Id(2)] public bool Learned { get; init; }

    [Id(3)] public required FeatureBinning Binning { get; init; }
    [Id(4)] public required FeatureSummary Counts { get; init; }

    /// <summary>Population standard deviation (ddof 0) of the raw finite baseline values of a numeric feature; 0 otherwise.</summary>
    [Id(5)] public double StandardDeviation { get; init; }

    // The baseline side of every report's histograms, copied out of Counts once rather than per report; not stored.
    [NonSerialized] private long[]? slotCounts;
    [NonSerialized] private double[]? slotSums;

    /// <summary>The baseline's counts per slot, as an array every report shares (as it shares the binning's edges).</summary>
    public long[] SlotCounts => slotCounts ??= Counts.SlotCounts.ToArray();

    /// <summary>The sums of the baseline's values per slot, shared like <see cref="SlotCounts"/>; null when not known.</summary>
    public double[]? SlotSums => Counts.SlotSums.IsEmpty ? null : (slotSums ??= Counts.SlotSums.ToArray());

    /// <summary>An empty summary over this feature's slots, for a time bucket of the current window.</summary>
    public FeatureSummary NewSummary() => new(Binning);
}
