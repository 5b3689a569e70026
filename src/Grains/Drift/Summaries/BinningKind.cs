namespace ModelOps.Grains.Drift.Summaries;

/// <summary>How a feature's values are placed into the slots its baseline fixed.</summary>
public enum BinningKind : byte
{
    /// <summary>A numeric feature with more than five distinct baseline values: quantile bins plus under/overflow.</summary>
    Numeric,

    /// <summary>A numeric feature with at most five distinct baseline values: each value is a category.</summary>
    Discrete,

    /// <summary>A categorical feature: the baseline's most frequent categories plus <c>other</c>.</summary>
    Categorical,
}
