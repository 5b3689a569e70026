namespace ModelOps.Grains.Drift.Statistics;

/// <summary>Which side of its threshold a statistic's score must fall on for a feature to count as drifted.</summary>
public enum DriftDirection
{
    /// <summary>A p-value: drifted when <c>score &lt; threshold</c> (chi-square, z-test).</summary>
    PValueBelow,

    /// <summary>A p-value: drifted when <c>score ≤ threshold</c> (KS, as DESIGN section 4 states it).</summary>
    PValueAtOrBelow,

    /// <summary>A distance: drifted when <c>score ≥ threshold</c>.</summary>
    DistanceAtLeast,
}
