namespace ModelOps.Grains.Drift.Statistics;

/// <summary>The shapes of feature summary a statistic accepts.</summary>
[Flags]
public enum DriftFeatureKinds
{
    None = 0,

    /// <summary>A numeric feature with more than five distinct baseline values, summarised as a histogram.</summary>
    Numeric = 1,

    /// <summary>A categorical feature, or a numeric one with at most five distinct values, summarised as counts per category.</summary>
    Categorical = 2,

    /// <summary>A feature with exactly two categories.</summary>
    Binary = 4,
}
