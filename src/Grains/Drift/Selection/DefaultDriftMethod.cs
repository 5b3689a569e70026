using ModelOps.Contracts;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Drift.Selection;

/// <summary>DESIGN section 4's "default method per feature", stated in one place.</summary>
public static class DefaultDriftMethod
{
    /// <summary>Up to this many baseline values the baseline counts as small, and the hypothesis tests are used.</summary>
    public const long SmallBaselineMaxValues = 1000;

    /// <summary>A numeric feature with at most this many distinct baseline values is treated as discrete (counts per value).</summary>
    public const int DiscreteMaxDistinctValues = 5;

    /// <summary>A feature with at most this many distinct baseline values is binary.</summary>
    public const int BinaryMaxDistinctValues = 2;

    /// <summary>
    /// Baseline ≤ 1000 values — numeric with &gt; 5 distinct values: KS, drifted when p ≤ 0.05; otherwise chi-square
    /// (&gt; 2 distinct) or two-proportion z-test (binary), drifted when p &lt; 0.05.
    /// Baseline &gt; 1000 values — numeric with &gt; 5 distinct values: Wasserstein (normed), drifted when ≥ 0.1;
    /// otherwise Jensen–Shannon distance, drifted when ≥ 0.1.
    /// The direction (≤, &lt;, ≥) is each descriptor's <see cref="DriftStatisticDescriptor.Direction"/>.
    /// </summary>
    public static DriftMethodChoice Select(long baselineValues, FeatureType type, int distinctBaselineValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baselineValues);
        ArgumentOutOfRangeException.ThrowIfNegative(distinctBaselineValues);

        var continuous = type == FeatureType.Numeric && distinctBaselineValues > DiscreteMaxDistinctValues;
        var binary = distinctBaselineValues <= BinaryMaxDistinctValues;

        if (baselineValues <= SmallBaselineMaxValues)
        {
            if (continuous)
            {
                return new DriftMethodChoice(KolmogorovSmirnov.Descriptor, Threshold: 0.05);   // p ≤ 0.05
            }
            return binary
                ? new DriftMethodChoice(TwoProportionZTest.Descriptor, Threshold: 0.05)         // p < 0.05
                : new DriftMethodChoice(ChiSquare.Descriptor, Threshold: 0.05);                 // p < 0.05
        }

        return continuous
            ? new DriftMethodChoice(Wasserstein.Descriptor, Threshold: 0.1)                     // distance ≥ 0.1
            : new DriftMethodChoice(JensenShannon.Descriptor, Threshold: 0.1);                  // distance ≥ 0.1
    }

    /// <summary>
    /// The summary shape a feature gets, by the same cut-offs as <see cref="Select"/>: a numeric feature with more than
    /// five distinct values is a histogram; everything else is counts per value, binary with at most two.
    /// </summary>
    public static DriftFeatureKinds KindsOf(FeatureType type, int distinctBaselineValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distinctBaselineValues);
        if (type == FeatureType.Numeric && distinctBaselineValues > DiscreteMaxDistinctValues)
        {
            return DriftFeatureKinds.Numeric;
        }
        return distinctBaselineValues <= BinaryMaxDistinctValues
            ? DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary
            : DriftFeatureKinds.Categorical;
    }
}
