using ModelOps.Contracts;
using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Drift.Window;

/// <summary>Turns a baseline and the merged data of a drift window's range into DESIGN section 4's drift report.</summary>
public static class DriftReportBuilder
{
    public const string NoBaselineMessage =
        "no baseline yet: upload one with PUT /api/v1/models/{id}/baseline, or wait for the first N events";

    public const string EmptyRangeMessage = "the range holds no events: there is nothing to compare with the baseline yet";

    /// <summary>The null share may rise by this much before it counts as drift of its own.</summary>
    public const double DefaultNullShareIncrease = 0.1;

    /// <summary>
    /// Every baseline feature's verdict, by its override (from the model definition) or the default method for its
    /// baseline size, type and distinct values. A feature whose null share rose by more than
    /// <paramref name="nullShareIncrease"/> counts as drifted for the dataset verdict, even when its values have all gone
    /// missing and no score is left: losing a feature is the clearest drift there is.
    /// </summary>
    /// <param name="baseline">The baseline's profile; null while the model has none.</param>
    /// <param name="baselineInfo">The baseline's count, source and creation time, as the report shows it.</param>
    /// <param name="current">The merged range; null when there is no window because there is no baseline.</param>
    /// <param name="overrides">Per-feature method and threshold from the model definition, by feature name.</param>
    /// <param name="computedAt">When the report is made; time is passed in, never read.</param>
    /// <param name="driftShareThreshold">The share of drifted features at which the dataset has drifted.</param>
    /// <param name="nullShareIncrease">How far the null share may rise above the baseline's before it is drift.</param>
    /// <param name="detail">Whether every score and both distributions are reported, or the verdicts only.</param>
    public static DriftReport Build(
        BaselineProfile? baseline,
        BaselineSummary? baselineInfo,
        DriftWindowData? current,
        IReadOnlyDictionary<string, DriftOverride> overrides,
        DateTimeOffset computedAt,
        double driftShareThreshold = DatasetDrift.DefaultShareThreshold,
        double nullShareIncrease = DefaultNullShareIncrease,
        DriftReportDetail detail = DriftReportDetail.Full)
    {
        var range = current is null
            ? new DriftRange(computedAt, computedAt, 0)
            : new DriftRange(DateTimeOffset.FromUnixTimeSeconds(current.FromSecond), DateTimeOffset.FromUnixTimeSeconds(current.ToSecond), current.Count);
        if (baseline is null || current is null)
        {
            return new DriftReport
            {
                ComputedAt = computedAt,
                Window = range,
                Baseline = baselineInfo,
                Message = NoBaselineMessage,
                DriftShareThreshold = driftShareThreshold,
            };
        }

        var views = new List<FeatureDriftView>(baseline.Features.Length);
        var verdicts = new List<NamedFeatureDrift>(baseline.Features.Length);
        foreach (var feature in baseline.Features)
        {
            var summary = current.Features.TryGetValue(feature.Name, out var merged) ? merged : feature.NewSummary();
            var (view, verdict) = Evaluate(feature, summary, overrides.GetValueOrDefault(feature.Name), nullShareIncrease, detail);
            views.Add(view);
            verdicts.Add(new NamedFeatureDrift(feature.Name, verdict));
        }
        var dataset = DatasetDrift.Evaluate(verdicts, driftShareThreshold);

        return new DriftReport
        {
            ComputedAt = computedAt,
            Window = range,
            Baseline = baselineInfo,
            Message = current.Count == 0 ? EmptyRangeMessage : null,
            DatasetDrift = dataset.DatasetDrift,
            DriftShare = dataset.DriftShare,
            DriftShareThreshold = dataset.DriftShareThreshold,
            Features = views,
        };
    }

    /// <summary>The snapshot's summary: the dataset verdict and the features drifted by their method or their null share.</summary>
    public static DriftSummary Summary(DriftReport report) => new(
        report.DatasetDrift,
        report.DriftShare,
        report.Features.Where(feature => feature.Drifted || feature.NullShareDrift).Select(feature => feature.Name).ToList());

    private static (FeatureDriftView View, FeatureDriftResult Verdict) Evaluate(
        FeatureBaseline feature, FeatureSummary current, DriftOverride? driftOverride, double nullShareIncrease, DriftReportDetail detail)
    {
        var choice = Choose(feature, driftOverride);
        var full = detail == DriftReportDetail.Full;

        var nullShare = current.Total == 0 ? (double?)null : (double)current.MissingCount / current.Total;
        var baselineNullShare = feature.Counts.Total == 0 ? 0.0 : (double)feature.Counts.MissingCount / feature.Counts.Total;
        var nullShareDrift = nullShare - baselineNullShare > nullShareIncrease;

        FeatureDriftResult result;
        FeatureDriftView view;
        if (feature.Binning.Kind == BinningKind.Numeric)
        {
            var histograms = DriftInputs.Numeric(feature, current);
            result = FeatureDriftEvaluator.Evaluate(histograms, choice, everyStatistic: full);
            view = View(feature, result, nullShare, baselineNullShare, nullShareDrift);
            if (full)
            {
                view = view with
                {
                    BaselineHistogram = new Histogram(histograms.Edges, histograms.Reference),
                    CurrentHistogram = new Histogram(histograms.Edges, histograms.Current),
                };
            }
        }
        else
        {
            var counts = DriftInputs.Categorical(feature, current);
            result = FeatureDriftEvaluator.Evaluate(counts.Reference, counts.Current, ApplicableTo(counts, choice), everyStatistic: full);
            view = View(feature, result, nullShare, baselineNullShare, nullShareDrift);
            if (full)
            {
                view = view with
                {
                    BaselineCounts = CountMap(counts.Categories, counts.Reference),
                    CurrentCounts = CountMap(counts.Categories, counts.Current),
                    NewCategories = current.NewCategories
                        .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                        .Select(pair => pair.Key).ToList(),
                };
            }
        }

        // DatasetDrift counts only features with a score; a null-share drift needs none (see Build).
        var verdict = nullShareDrift ? result with { Score = result.Score ?? nullShare, Drifted = true } : result;
        return (view, verdict);
    }

    /// <summary>A feature's verdict and null shares, as every report carries them.</summary>
    private static FeatureDriftView View(
        FeatureBaseline feature, FeatureDriftResult result, double? nullShare, double baselineNullShare, bool nullShareDrift) => new()
    {
        Name = feature.Name,
        Type = feature.Type,
        Method = result.Method,
        Threshold = result.Threshold,
        Score = result.Score,
        Drifted = result.Drifted,
        NullShare = nullShare,
        BaselineNullShare = baselineNullShare,
        NullShareDrift = nullShareDrift,
        Scores = result.Scores,
    };

    /// <summary>
    /// The feature's override, or the default method. An override was valid for the feature when the definition was
    /// saved, but a later baseline may change the feature's shape (numeric to discrete, say); then the default
    /// applies rather than the whole report failing.
    /// </summary>
    public static DriftMethodChoice Choose(FeatureBaseline feature, DriftOverride? driftOverride)
    {
        var baselineValues = feature.Counts.Total - feature.Counts.MissingCount;
        var distinct = DistinctBaselineValues(feature.Binning);
        if (driftOverride is not null)
        {
            try
            {
                return driftOverride.Resolve($"features.{feature.Name}.drift", KindsOf(feature));
            }
            catch (InvalidRequestException)
            {
            }
        }
        return DefaultDriftMethod.Select(baselineValues, feature.Type, distinct);
    }

    /// <summary>
    /// A feature chosen as binary stops being a two-proportion comparison when the compared counts do not hold exactly
    /// two values (the range brought a new one, or the baseline held a single one); Pearson's chi-square, the method for
    /// counts of more values, takes the z-test's place with the same threshold.
    /// </summary>
    private static DriftMethodChoice ApplicableTo(AlignedCounts counts, DriftMethodChoice choice) =>
        counts.Categories.Length != 2 && (choice.Method.AppliesTo & DriftFeatureKinds.Categorical) == 0
            ? new DriftMethodChoice(ChiSquare.Descriptor, choice.Threshold)
            : choice;

    /// <summary>The summary shape of a baseline feature, which decides the statistics that apply to it.</summary>
    public static DriftFeatureKinds KindsOf(FeatureBaseline feature) => DefaultDriftMethod.KindsOf(feature.Type, DistinctBaselineValues(feature.Binning));

    /// <summary>A numeric binning exists only for more than five distinct values; its edges are at most as many as those values.</summary>
    private static int DistinctBaselineValues(FeatureBinning binning) => binning.Kind == BinningKind.Numeric
        ? Math.Max(binning.Edges.Length, FeatureBinning.MaxDiscreteValues + 1)
        : binning.Categories.Length + binning.OtherCategories.Length;

    private static Dictionary<string, long> CountMap(string[] categories, long[] counts)
    {
        var map = new Dictionary<string, long>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            map[categories[i]] = counts[i];
        }
        return map;
    }
}
