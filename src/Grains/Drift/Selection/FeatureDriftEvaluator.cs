using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Drift.Selection;

/// <summary>
/// Computes every statistic that applies to a feature's summary into <c>scores</c> (or, when asked for the verdict only,
/// just the selected one), and the selected method's verdict.
/// Keys: distances under their method name (<c>wasserstein</c>, <c>psi</c>, <c>jensenShannon</c>, <c>hellinger</c>);
/// tests as the test statistic under the method name and the p-value under <c>…PValue</c> (<c>ks</c>/<c>ksPValue</c>,
/// <c>chiSquare</c>/<c>chiSquarePValue</c>, <c>zTest</c>/<c>zTestPValue</c>). Statistics that cannot be computed are left out.
/// </summary>
public static class FeatureDriftEvaluator
{
    /// <summary>A numeric feature summarised as baseline and current histograms over the same bins.</summary>
    /// <param name="histograms">Baseline and current counts over the baseline's bins.</param>
    /// <param name="choice">The method the verdict is taken on, and its threshold.</param>
    /// <param name="everyStatistic">False to compute the selected statistic only, when nothing else is read.</param>
    public static FeatureDriftResult Evaluate(NumericHistograms histograms, DriftMethodChoice choice, bool everyStatistic = true)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        histograms.Validated();
        return Evaluate(DriftFeatureKinds.Numeric, histograms.Reference, histograms.Current, histograms, choice, everyStatistic);
    }

    /// <summary>
    /// A categorical, discrete or binary feature summarised as aligned baseline and current counts per value. Exactly
    /// two entries make the feature binary (the z-test applies); any other number makes it categorical.
    /// </summary>
    /// <param name="reference">Baseline counts per value.</param>
    /// <param name="current">Current counts per value, aligned with <paramref name="reference"/>.</param>
    /// <param name="choice">The method the verdict is taken on, and its threshold.</param>
    /// <param name="everyStatistic">False to compute the selected statistic only, when nothing else is read.</param>
    public static FeatureDriftResult Evaluate(long[] reference, long[] current, DriftMethodChoice choice, bool everyStatistic = true)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var kinds = reference.Length == 2
            ? DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary
            : DriftFeatureKinds.Categorical;
        return Evaluate(kinds, reference, current, histograms: null, choice, everyStatistic);
    }

    private static FeatureDriftResult Evaluate(
        DriftFeatureKinds kinds, long[] reference, long[] current, NumericHistograms? histograms, DriftMethodChoice choice, bool everyStatistic)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if ((choice.Method.AppliesTo & kinds) == 0)
        {
            throw new ArgumentException(
                $"Drift method '{choice.Method.Name}' does not apply to a feature summarised as {kinds}.", nameof(choice));
        }
        if (reference.Length != current.Length)
        {
            throw new ArgumentException($"Baseline and current counts must be aligned; got {reference.Length} and {current.Length} entries.");
        }

        var hasCurrentData = current.AsSpan().ContainsAnyInRange(1, long.MaxValue);
        var scores = new Dictionary<string, double>();
        double? selectedScore = null;
        if (hasCurrentData)
        {
            foreach (var descriptor in DriftStatisticCatalog.All)
            {
                if ((descriptor.AppliesTo & kinds) == 0 || (!everyStatistic && descriptor != choice.Method))
                {
                    continue;
                }
                var result = Compute(descriptor, reference, current, histograms);
                Record(scores, descriptor, result);
                if (descriptor == choice.Method)
                {
                    selectedScore = Finite(result.Score);
                }
            }
        }

        var drifted = selectedScore is { } score && choice.IsDrifted(score);
        return new FeatureDriftResult(choice.Method.Name, choice.Threshold, selectedScore, drifted, hasCurrentData, scores);
    }

    private static StatisticResult Compute(DriftStatisticDescriptor descriptor, long[] reference, long[] current, NumericHistograms? histograms) =>
        descriptor.Name switch
        {
            "ks" => KolmogorovSmirnov.Compute(histograms!),
            "wasserstein" => Wasserstein.Compute(histograms!),
            "psi" => PopulationStabilityIndex.Compute(reference, current),
            "jensenShannon" => JensenShannon.Compute(reference, current),
            "hellinger" => Hellinger.Compute(reference, current),
            "chiSquare" => ChiSquare.Compute(reference, current),
            "zTest" => TwoProportionZTest.Compute(reference, current),
            _ => throw new InvalidOperationException($"No computation is wired for drift statistic '{descriptor.Name}'."),
        };

    private static void Record(Dictionary<string, double> scores, DriftStatisticDescriptor descriptor, StatisticResult result)
    {
        if (descriptor.Direction == DriftDirection.DistanceAtLeast)
        {
            Add(scores, descriptor.Name, result.Score);
            return;
        }
        Add(scores, descriptor.Name, result.TestStatistic);
        Add(scores, descriptor.Name + "PValue", result.Score);
    }

    private static void Add(Dictionary<string, double> scores, string key, double? value)
    {
        if (Finite(value) is { } finite)
        {
            scores[key] = finite;
        }
    }

    private static double? Finite(double? value) => value is { } number && double.IsFinite(number) ? number : null;
}
