using ModelOps.Contracts;
using static ModelOps.Api.Insights.InsightText;

namespace ModelOps.Api.Insights;

/// <summary>
/// The deterministic analyst: the default without an AI key and the fallback when the AI fails. It reads the findings of
/// an <see cref="EvidencePack"/> and names the likely causes by the rules below, each citing the evidence it rests on.
/// </summary>
public static class BuiltinAnalyst
{
    /// <summary>Latency p95 rose when the period that broke the rule is at least this many times the period before.</summary>
    public const double LatencyRise = 1.5;

    /// <summary>The error rate rose when it is at least this much higher (absolute) than in the period before.</summary>
    public const double ErrorRise = 0.02;

    /// <summary>Accuracy fell when it is at least this much lower (absolute); MAE rose when at least <see cref="MaeRise"/> times higher.</summary>
    public const double AccuracyDrop = 0.05, MaeRise = 1.2;

    /// <summary>Throughput changed when it moved by at least this share of the period before, up or down.</summary>
    public const double TrafficChange = 0.5;

    /// <summary>A null-share rise or a share of unseen categories at least this large is a clear data-quality problem on its own.</summary>
    public const double StrongNullRise = 0.2, StrongUnseenShare = 0.1;

    /// <summary>A drifted feature whose score is at least this many times past its threshold is a clear shift.</summary>
    public const double StrongDrift = 2;

    public const string High = "high", Medium = "medium", Low = "low";

    private enum Kind { DataQuality, InputDrift, Infrastructure, ConceptDrift, Traffic, Version, Unclear }

    private sealed record Finding(Kind Kind, string Cause, string Confidence, IReadOnlyList<string> Evidence);

    public static AlertInsight Analyse(AlertView alert, EvidencePack pack, DateTimeOffset generatedAt, string? fallbackReason = null)
    {
        var findings = Findings(pack.Signals)
            .Select((finding, order) => (finding, order))
            .OrderBy(pair => Rank(pair.finding.Confidence)).ThenBy(pair => pair.order)
            .Select(pair => pair.finding)
            .ToArray();
        var first = findings[0];
        var others = findings.Length - 1;
        var summary = $"{alert.Metric} {alert.Op} {MetricText.Format(alert.Metric, alert.Threshold)} on model {alert.ModelId}" +
                      $"{(alert.Value is { } value ? $" (value {MetricText.Format(alert.Metric, value)})" : "")}: " +
                      (first.Kind == Kind.Unclear ? first.Cause : $"most likely {char.ToLowerInvariant(first.Cause[0])}{first.Cause[1..]}") +
                      $" ({first.Confidence} confidence)" +
                      (others > 0 ? $"; {others} other possible cause{(others == 1 ? "" : "s")}." : ".");
        return new AlertInsight
        {
            AlertId = alert.Id,
            Provider = InsightProviders.Builtin,
            Model = null,
            Summary = summary,
            LikelyCauses = findings.Select(finding => new InsightCause { Cause = finding.Cause, Confidence = finding.Confidence, Evidence = finding.Evidence }).ToArray(),
            Recommendations = findings.SelectMany(finding => Recommendations(finding.Kind, pack.Signals)).Distinct().ToArray(),
            Evidence = pack.Items,
            GeneratedAt = generatedAt,
            FallbackReason = fallbackReason,
        };
    }

    private static IReadOnlyList<Finding> Findings(InsightSignals s)
    {
        var findings = new List<Finding>();
        var rule = s.RuleEvidence;
        var latencyUp = (s.Focus == RuleFocus.Latency && s.BreaksHigh) || s.Latency?.Ratio >= LatencyRise;
        var errorsUp = (s.Focus == RuleFocus.Errors && s.BreaksHigh) || s.Errors?.Difference >= ErrorRise;
        var qualityDown = (s.Focus == RuleFocus.Quality && s.BreaksHigh != s.QualityHigherIsBetter)
                          || (s.QualityHigherIsBetter ? s.Quality?.Difference <= -AccuracyDrop : s.Quality?.Ratio >= MaeRise);
        var trafficChanged = s.Focus == RuleFocus.Traffic || (s.Throughput?.Ratio is { } ratio && Math.Abs(ratio - 1) >= TrafficChange);
        var inputDrift = s.DriftedFeatures.Count > 0;
        var dataQuality = s.NullRises.Count > 0 || s.UnseenCategories.Count > 0;
        string[] Cite(params string?[] ids) => ids.OfType<string>().Distinct().ToArray();

        if (dataQuality)
        {
            var parts = new List<string>();
            if (s.NullRises.Count > 0)
            {
                parts.Add($"missing values rose in {Names(s.NullRises)}");
            }
            if (s.UnseenCategories.Count > 0)
            {
                parts.Add($"categories the baseline never held appear in {Names(s.UnseenCategories)}");
            }
            var clear = s.Focus == RuleFocus.Nulls
                        || s.NullRises.Any(signal => signal.Strength >= StrongNullRise)
                        || s.UnseenCategories.Any(signal => signal.Strength >= StrongUnseenShare);
            findings.Add(new Finding(Kind.DataQuality, $"Upstream data quality: {string.Join("; ", parts)}", clear ? High : Medium,
                Cite([rule, .. s.NullRises.Select(signal => signal.Evidence), .. s.UnseenCategories.Select(signal => signal.Evidence)])));
        }
        if (inputDrift)
        {
            var clearShift = s.DatasetDrift || s.DriftedFeatures[0].Strength >= StrongDrift;
            var confidence = s.Focus == RuleFocus.Drift || (qualityDown && clearShift) ? High
                : qualityDown || s.DatasetDrift ? Medium
                : Low;
            findings.Add(new Finding(Kind.InputDrift, $"Input drift in {Names(s.DriftedFeatures)}", confidence,
                Cite([rule, s.DriftEvidence, .. s.DriftedFeatures.Select(signal => signal.Evidence), qualityDown ? s.Quality?.Evidence : null])));
        }
        if (latencyUp || errorsUp)
        {
            var what = latencyUp && errorsUp ? "latency and errors rose" : latencyUp ? "latency rose" : "errors rose";
            var confidence = inputDrift || dataQuality ? Low : !s.DriftKnown ? Medium : High;
            var context = inputDrift || dataQuality ? "" : s.DriftKnown ? " while the inputs did not drift" : " (no drift comparison is available)";
            findings.Add(new Finding(Kind.Infrastructure, $"Infrastructure: {what}{context}", confidence,
                Cite(rule, latencyUp ? s.Latency?.Evidence : null, errorsUp ? s.Errors?.Evidence : null, inputDrift || dataQuality ? null : s.DriftEvidence)));
        }
        if (qualityDown && !inputDrift && !dataQuality)
        {
            var what = s.QualityHigherIsBetter ? "accuracy fell" : "the error (MAE) rose";
            findings.Add(new Finding(Kind.ConceptDrift,
                s.DriftKnown ? $"Concept drift: {what} while the inputs match the baseline" : $"Concept drift: {what} (no drift comparison is available to rule out input drift)",
                s.DriftKnown ? High : Medium,
                Cite(rule, s.Quality?.Evidence, s.DriftEvidence)));
        }
        if (trafficChanged)
        {
            var direction = s.Throughput?.Ratio is { } change ? (change >= 1 ? "throughput surged" : "throughput dropped") : "throughput changed";
            var confidence = s.Focus == RuleFocus.Traffic ? High : findings.Count == 0 ? Medium : Low;
            findings.Add(new Finding(Kind.Traffic, $"Traffic anomaly: {direction}", confidence, Cite(rule, s.Throughput?.Evidence)));
        }
        if (s.VersionEvidence is { } version)
        {
            findings.Add(new Finding(Kind.Version, "A model version change shortly before the alert", qualityDown || latencyUp || errorsUp ? Medium : Low, Cite(rule, version)));
        }
        if (findings.Count == 0)
        {
            findings.Add(new Finding(Kind.Unclear,
                "No clear cause: the breach comes without drift, data-quality, latency, error or traffic changes in the evidence", Low, Cite(rule, s.SeriesEvidence)));
        }
        return findings;
    }

    private static IEnumerable<string> Recommendations(Kind kind, InsightSignals s) => kind switch
    {
        Kind.DataQuality =>
        [
            $"Check the upstream pipeline that produces {Names([.. s.NullRises, .. s.UnseenCategories])}: missing values and new categories usually mean a broken join, a schema change or an unavailable source.",
            "Validate inputs before they reach the model: reject or impute missing values and map unknown categories explicitly.",
        ],
        Kind.InputDrift =>
        [
            $"Compare the current distribution of {Names(s.DriftedFeatures)} with the training data (GET /api/v1/models/{s.ModelId}/drift).",
            $"If the shift is real and lasting, retrain on recent data (POST /api/v1/models/{s.ModelId}/retrain); if it is expected, upload a new baseline (PUT /api/v1/models/{s.ModelId}/baseline).",
        ],
        Kind.Infrastructure =>
        [
            "Check the serving infrastructure: instance health, CPU and memory saturation, dependency latency and recent deployments or configuration changes.",
            $"Look at the failing or slow requests in the inference log (GET /api/v1/models/{s.ModelId}/logs).",
        ],
        Kind.ConceptDrift =>
        [
            "Collect recent labels and retrain: the inputs look like the baseline, so the relation between inputs and outcomes has changed.",
            "Check the labels themselves (delays, a changed labelling process) before acting on the drop.",
        ],
        Kind.Traffic =>
        [
            "Check the callers: a drop points at an upstream outage or a routing change, a surge at retries, a new client or abuse.",
            "Make sure capacity and autoscaling follow the traffic.",
        ],
        Kind.Version => ["Compare the new model version with the previous one on the same data, and roll back if the regression is confirmed."],
        _ => [$"Keep watching the metric; if the breach persists, look at the inference log (GET /api/v1/models/{s.ModelId}/logs) and recent changes."],
    };

    private static string Names(IEnumerable<FeatureSignal> signals)
    {
        var names = signals.Select(signal => signal.Feature).Distinct().Select(Quote).ToArray();
        return names.Length switch
        {
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }

    private static int Rank(string confidence) => confidence switch { High => 0, Medium => 1, _ => 2 };
}
