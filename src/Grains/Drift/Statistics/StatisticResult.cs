namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// The outcome of one drift statistic. <see cref="Score"/> is what the verdict is taken on: the p-value of a test,
/// or the distance itself. <see cref="TestStatistic"/> is the statistic behind a p-value (KS D, chi-square χ², z).
/// A null score means "not computable" (an empty side, a zero baseline spread), never NaN.
/// </summary>
public readonly record struct StatisticResult(double? Score, double? TestStatistic = null)
{
    public static StatisticResult NotComputable => default;

    public bool IsComputable => Score is not null;
}
