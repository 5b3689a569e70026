using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;
using ModelOps.Grains.Insights;
using static ModelOps.Api.Insights.InsightText;

namespace ModelOps.Api.Insights;

/// <summary>
/// Writes the facts of an alert as numbered evidence, in a fixed order: the rule and its value, the metric's series, the
/// drift report and its top features, data quality, latency, errors, throughput, model quality and a version change.
/// Every number comes from the service's own measurements.
/// </summary>
public static class EvidenceBuilder
{
    /// <summary>Features described, drifted ones first.</summary>
    public const int TopFeatures = 5;

    /// <summary>Categories listed per distribution, and unseen categories listed per feature.</summary>
    public const int TopCategories = 3, ListedNewCategories = 5;

    /// <summary>How long before the alert a version change still counts as evidence.</summary>
    public static readonly TimeSpan VersionLookback = TimeSpan.FromHours(1);

    private static readonly HashSet<string> PValueMethods = ["ks", "chiSquare", "zTest"];

    public static EvidencePack Build(InsightFacts facts)
    {
        var items = new List<InsightEvidence>();
        string Add(string kind, string text)
        {
            var id = "E" + (items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            items.Add(new InsightEvidence { Id = id, Kind = kind, Text = text });
            return id;
        }

        var alert = facts.Alert;
        var (focus, feature) = FocusOf(alert.Metric);
        var ruleEvidence = Add("rule", RuleText(facts));
        var seriesEvidence = focus is RuleFocus.Drift or RuleFocus.Nulls ? null : Add("metric", SeriesText(alert.Metric, facts));

        string? driftEvidence = null;
        var driftKnown = false;
        var drifted = new List<FeatureSignal>();
        var nullRises = new List<FeatureSignal>();
        var unseen = new List<FeatureSignal>();
        if (facts.Drift is { } report)
        {
            driftKnown = report.Baseline is not null && report.Message is null;
            driftEvidence = Add("drift", DriftText(report));
            if (driftKnown)
            {
                foreach (var view in report.Features.OrderByDescending(view => view.Drifted).ThenByDescending(Strength).ThenBy(view => view.Name, StringComparer.Ordinal).Take(TopFeatures))
                {
                    var id = Add("drift", FeatureText(view));
                    if (view.Drifted)
                    {
                        drifted.Add(new FeatureSignal(view.Name, Strength(view), id));
                    }
                }
                foreach (var view in report.Features.Where(view => view.NullShareDrift).OrderBy(view => view.Name, StringComparer.Ordinal))
                {
                    var rise = (view.NullShare ?? 0) - view.BaselineNullShare;
                    nullRises.Add(new FeatureSignal(view.Name, rise, Add("data-quality",
                        $"Feature {Quote(view.Name)}: missing values rose from {Percent(view.BaselineNullShare)} in the baseline to {Percent(view.NullShare ?? 0)} now.")));
                }
                foreach (var view in report.Features.Where(view => view.NewCategories.Count > 0).OrderBy(view => view.Name, StringComparer.Ordinal))
                {
                    var share = NewCategoryShare(view);
                    var listed = string.Join(", ", view.NewCategories.Take(ListedNewCategories).Select(Quote));
                    var more = view.NewCategories.Count > ListedNewCategories ? $" and {view.NewCategories.Count - ListedNewCategories} more" : "";
                    unseen.Add(new FeatureSignal(view.Name, share, Add("data-quality",
                        $"Feature {Quote(view.Name)}: {Count(view.NewCategories.Count, "category", "categories")} the baseline never held, {Percent(share)} of current values: {listed}{more}.")));
                }
            }
        }

        if (facts.IgnoredFeatures > 0)
        {
            var examples = string.Join(", ", facts.IgnoredFeatureExamples.Select(Quote));
            Add("data-quality",
                $"The model holds its cap of {facts.MaxFeatures} features (ModelOps:MaxFeatures): {Count(facts.IgnoredFeatures, "new feature name", "new feature names")} in events were not learned (counted once per batch; first: {examples}).");
        }

        MetricChange? Change(string kind, Func<MetricsSnapshot, double?> value, Func<string> text) =>
            facts.At is null && facts.Before is null && facts.Now.Count == 0
                ? null
                : new MetricChange(facts.Before is { } before ? value(before.Metrics) : null, facts.At is { } at ? value(at.Metrics) : null, Add(kind, text()));

        var latency = Change("latency", snapshot => snapshot.Latency.P95, () => LatencyText(facts));
        var errors = Change("errors", snapshot => snapshot.ErrorRate, () => ChangeText("Error rate", facts, snapshot => snapshot.ErrorRate is { } rate ? Percent(rate) : "no value"));
        var throughput = Change("traffic", snapshot => snapshot.ThroughputPerSec, () => ThroughputText(facts));
        var higherIsBetter = facts.Task == ModelTask.Classification;
        var quality = Change("metric", snapshot => higherIsBetter ? snapshot.Accuracy : snapshot.Mae, () => QualityText(facts));

        string? versionEvidence = null;
        if (facts is { PreviousVersion: { } previous, VersionChangedAt: { } changedAt } && changedAt >= alert.StartedAt - VersionLookback)
        {
            var relation = changedAt <= alert.StartedAt
                ? $"{Span(alert.StartedAt - changedAt)} before the alert started"
                : $"{Span(changedAt - alert.StartedAt)} after the alert started";
            versionEvidence = Add("version", $"Model version changed from {Quote(previous)} to {Quote(facts.Version)} at {Time(changedAt)}, {relation}.");
        }

        return new EvidencePack(items, new InsightSignals
        {
            ModelId = alert.ModelId,
            RuleEvidence = ruleEvidence,
            Focus = focus,
            BreaksHigh = alert.Op is ">" or ">=",
            WatchedFeature = feature,
            SeriesEvidence = seriesEvidence,
            DriftKnown = driftKnown,
            DriftEvidence = driftEvidence,
            DatasetDrift = facts.Drift?.DatasetDrift ?? false,
            DriftedFeatures = drifted.OrderByDescending(signal => signal.Strength).ToArray(),
            NullRises = nullRises.OrderByDescending(signal => signal.Strength).ToArray(),
            UnseenCategories = unseen.OrderByDescending(signal => signal.Strength).ToArray(),
            Latency = latency,
            Errors = errors,
            Throughput = throughput,
            Quality = quality,
            QualityHigherIsBetter = higherIsBetter,
            VersionEvidence = versionEvidence,
        });
    }

    public static (RuleFocus Focus, string? Feature) FocusOf(string metric)
    {
        var parsed = RuleMetric.Parse(metric);
        var focus = parsed.Kind switch
        {
            RuleMetricKind.Accuracy or RuleMetricKind.Mae or RuleMetricKind.Rmse or RuleMetricKind.Precision or RuleMetricKind.Recall
                or RuleMetricKind.F1 or RuleMetricKind.RocAuc or RuleMetricKind.LogLoss or RuleMetricKind.Mape or RuleMetricKind.R2
                or RuleMetricKind.ClassPrecision or RuleMetricKind.ClassRecall or RuleMetricKind.ClassF1 => RuleFocus.Quality,
            RuleMetricKind.ErrorRate => RuleFocus.Errors,
            RuleMetricKind.Throughput => RuleFocus.Traffic,
            RuleMetricKind.DriftShare or RuleMetricKind.FeatureDrift => RuleFocus.Drift,
            RuleMetricKind.NullShare => RuleFocus.Nulls,
            _ => RuleFocus.Latency,
        };
        return (focus, parsed.IsDrift ? parsed.Feature : null);
    }

    /// <summary>How far past its threshold a feature's score is: threshold/p-value for tests, distance/threshold for distances.</summary>
    public static double Strength(FeatureDriftView view)
    {
        if (view.Score is not { } score || view.Threshold <= 0)
        {
            return 0;
        }
        return PValueMethods.Contains(view.Method) ? view.Threshold / Math.Max(score, 1e-12) : score / view.Threshold;
    }

    private static string RuleText(InsightFacts facts)
    {
        var alert = facts.Alert;
        var metric = DisplayMetric(alert.Metric);
        var over = facts.Rule?.Window is { } window ? $"over {Span(window)}" : "over the model's window";
        var holdFor = facts.Rule?.For is { } hold ? $", for {Span(hold)}" : "";
        var state = alert.State switch
        {
            AlertState.Firing => $"firing since {Time(alert.FiredAt ?? alert.StartedAt)}",
            AlertState.Pending => "pending",
            _ => $"resolved at {(alert.ResolvedAt is { } at ? Time(at) : "an unknown time")}",
        };
        var valueRole = alert.State == AlertState.Resolved ? "its last value was" : "its latest value is";
        return $"Rule {Quote(alert.RuleId)} ({Quote(alert.Title)}, {alert.Severity.ToString().ToLowerInvariant()}): {metric} {alert.Op} " +
               $"{MetricText.Format(alert.Metric, alert.Threshold)} {over}{holdFor}. The alert started at {Time(alert.StartedAt)} and is {state}; " +
               $"{valueRole} {Metric(alert.Metric, alert.Value)} against the threshold {MetricText.Format(alert.Metric, alert.Threshold)}.";
    }

    /// <summary>A rule's metric with a user-supplied feature name quoted.</summary>
    private static string DisplayMetric(string metric) => FocusOf(metric) switch
    {
        (_, { } feature) => metric[..(metric.Length - feature.Length)] + Quote(feature),
        _ => metric,
    };

    private static string SeriesText(string metric, InsightFacts facts)
    {
        var parsed = RuleMetric.Parse(metric);
        double? ValueOf(MetricsSnapshot snapshot) => parsed.ValueIn(snapshot);
        string Part(PeriodMetrics? period, string role) => period is null
            ? $"no events kept {role}"
            : $"{Metric(metric, ValueOf(period.Metrics))} {role} ({Clock(period.From)}–{Clock(period.To)} UTC, {Count(period.Metrics.Count, "event", "events")}{(period.PerMinute ? ", per-minute history" : "")})";
        return $"{metric}: {Part(facts.Before, "in the period before")}; {Part(facts.At, "in the period that broke the rule")}; " +
               $"{Metric(metric, ValueOf(facts.Now))} now over the last {Span(facts.Now.Window)} ({Count(facts.Now.Count, "event", "events")}).";
    }

    private static string DriftText(DriftReport report)
    {
        if (report.Baseline is not { } baseline)
        {
            return $"Drift: not compared: {report.Message ?? "no baseline yet"}.";
        }
        if (report.Message is { } message)
        {
            return $"Drift: not compared: {message}.";
        }
        var driftedCount = report.Features.Count(view => view.Drifted);
        return $"Drift from {Time(report.Window.From)} to {Time(report.Window.To)} ({Count(report.Window.Count, "event", "events")}) against a baseline of " +
               $"{Count(baseline.Count, "row", "rows")} ({baseline.Source}): {driftedCount} of {report.Features.Count} features drifted " +
               $"(share {Number(report.DriftShare)}; dataset drift at {Number(report.DriftShareThreshold)} or more: {(report.DatasetDrift ? "yes" : "no")}).";
    }

    private static string FeatureText(FeatureDriftView view)
    {
        var verdict = view.Drifted ? "drifted" : "did not drift";
        var rule = PValueMethods.Contains(view.Method) ? "a p-value, drift when below" : "a distance, drift when at or above";
        var score = view.Score is { } value ? Number(value) : "no value";
        var text = $"Feature {Quote(view.Name)} ({view.Type.ToString().ToLowerInvariant()}) {verdict}: {view.Method} {score} (threshold {Number(view.Threshold)}, {rule}).";
        if (view.BaselineHistogram is { } baselineHistogram && view.CurrentHistogram is { } currentHistogram)
        {
            text += $" Median: {MedianBin(baselineHistogram)} in the baseline, {MedianBin(currentHistogram)} now.";
            if (OutsideShare(currentHistogram) is { } outside)
            {
                text += $" {Percent(outside)} of current values lie outside the baseline's range [{Number(baselineHistogram.Edges[0])}, {Number(baselineHistogram.Edges[^1])}].";
            }
        }
        else if (view.BaselineCounts is { } baselineCounts && view.CurrentCounts is { } currentCounts)
        {
            text += $" Top categories: {TopOf(baselineCounts)} in the baseline; {TopOf(currentCounts)} now.";
        }
        return text + $" Missing: {Percent(view.BaselineNullShare)} in the baseline, {(view.NullShare is { } share ? Percent(share) : "no values")} now.";
    }

    /// <summary>The bin holding the median of a histogram whose counts are under-flow, one per bin, over-flow.</summary>
    private static string MedianBin(Histogram histogram)
    {
        var total = histogram.Counts.Sum();
        if (total == 0 || histogram.Edges.Count == 0)
        {
            return "no values";
        }
        long seen = 0;
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            seen += histogram.Counts[i];
            if (2 * seen >= total)
            {
                return i == 0 ? $"below {Number(histogram.Edges[0])}"
                    : i > histogram.Edges.Count - 1 ? $"at or above {Number(histogram.Edges[^1])}"
                    : $"in [{Number(histogram.Edges[i - 1])}, {Number(histogram.Edges[i])})";
            }
        }
        return "no values";
    }

    private static double? OutsideShare(Histogram current)
    {
        var total = current.Counts.Sum();
        if (total == 0 || current.Counts.Count < 2)
        {
            return null;
        }
        var outside = current.Counts[0] + current.Counts[^1];
        return outside == 0 ? null : (double)outside / total;
    }

    private static string TopOf(IReadOnlyDictionary<string, long> counts)
    {
        var total = counts.Values.Sum();
        return total == 0
            ? "no values"
            : string.Join(", ", counts.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .Take(TopCategories).Select(pair => $"{Quote(pair.Key)} {Percent((double)pair.Value / total)}"));
    }

    private static double NewCategoryShare(FeatureDriftView view)
    {
        var counts = view.CurrentCounts;
        var total = counts?.Values.Sum() ?? 0;
        return total == 0 ? 0 : (double)view.NewCategories.Sum(category => counts!.GetValueOrDefault(category)) / total;
    }

    private static string LatencyText(InsightFacts facts)
    {
        string Of(MetricsSnapshot snapshot) =>
            $"p50 {Metric("latencyP50", snapshot.Latency.P50)}, p95 {Metric("latencyP95", snapshot.Latency.P95)}, p99 {Metric("latencyP99", snapshot.Latency.P99)}";
        return $"Latency: {(facts.Before is { } before ? Of(before.Metrics) : "no events")} in the period before; " +
               $"{(facts.At is { } at ? Of(at.Metrics) : "no events")} in the period that broke the rule; {Of(facts.Now)} now over the last {Span(facts.Now.Window)}.";
    }

    private static string ChangeText(string what, InsightFacts facts, Func<MetricsSnapshot, string> value) =>
        $"{what}: {(facts.Before is { } before ? value(before.Metrics) : "no events")} in the period before; " +
        $"{(facts.At is { } at ? value(at.Metrics) : "no events")} in the period that broke the rule; {value(facts.Now)} now over the last {Span(facts.Now.Window)}.";

    private static string ThroughputText(InsightFacts facts) => ChangeText("Throughput", facts, snapshot =>
        $"{MetricText.Format("throughput", snapshot.ThroughputPerSec)} ({Count(snapshot.Count, "event", "events")} in {Span(snapshot.Window)})");

    private static string QualityText(InsightFacts facts) => facts.Task == ModelTask.Classification
        ? ChangeText("Accuracy", facts, snapshot => snapshot.Accuracy is { } accuracy
            ? $"{Number(accuracy)}{(snapshot.LabelCount > 0 ? $" ({Count(snapshot.LabelCount, "labelled event", "labelled events")})" : "")}"
            : "no labels")
        : ChangeText("MAE", facts, snapshot => snapshot.Mae is { } mae ? $"{Number(mae)} (RMSE {Number(snapshot.Rmse ?? 0)})" : "no labels");

    private static string Count(long count, string one, string many) => $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
