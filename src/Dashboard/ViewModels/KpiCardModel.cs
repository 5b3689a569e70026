using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One reading on a KPI card: its formatted value, labelled when the card holds more than one.</summary>
public sealed record KpiReading(string? Label, string Value);

/// <summary>
/// A KPI card: <paramref name="Key"/> names it for tests (<c>kpi-{key}</c>), <paramref name="Caption"/> says what the
/// numbers cover, <paramref name="Change"/> how the headline reading moved against the previous window (null when unknown).
/// </summary>
public sealed record KpiCardModel(string Key, string Title, IReadOnlyList<KpiReading> Readings, string Caption, string? Change = null)
{
    /// <summary>
    /// The headline cards of a model: quality (accuracy, or MAE and RMSE for regression), latency, throughput, error
    /// rate and drift; with <paramref name="previous"/>, each metric's change against that window.
    /// </summary>
    public static IReadOnlyList<KpiCardModel> For(ModelView model, PreviousWindow? previous = null)
    {
        var metrics = model.Metrics;
        var labelled = $"{KpiFormat.Count(metrics.LabelCount)} labelled events";
        var events = $"{KpiFormat.Count(metrics.Count)} events in {WindowText(metrics.Window)}";
        var against = $"vs previous {WindowText(metrics.Window)}";
        return
        [
            model.Task == ModelTask.Regression
                ? new("accuracy", "Error", [new("MAE", KpiFormat.Error(metrics.Mae)), new("RMSE", KpiFormat.Error(metrics.Rmse))], labelled,
                    KpiChange.Of(metrics.Mae, previous?.Mae, KpiChange.Error, "MAE", against))
                : new("accuracy", "Accuracy", [new(null, KpiFormat.Percent(metrics.Accuracy))], labelled,
                    KpiChange.Of(metrics.Accuracy, previous?.Accuracy, KpiChange.Points, null, against)),
            new("latency", "Latency",
                [
                    new("p50", KpiFormat.Milliseconds(metrics.Latency.P50)),
                    new("p95", KpiFormat.Milliseconds(metrics.Latency.P95)),
                    new("p99", KpiFormat.Milliseconds(metrics.Latency.P99)),
                ],
                events,
                KpiChange.Of(metrics.Latency.P95, previous?.LatencyP95, KpiChange.Milliseconds, "p95", against)),
            new("throughput", "Throughput", [new(null, KpiFormat.PerSecond(metrics.ThroughputPerSec))], events,
                KpiChange.Of(metrics.Count > 0 ? metrics.ThroughputPerSec : null, previous?.ThroughputPerSec, KpiChange.PerSecond, null, against)),
            new("error-rate", "Error rate", [new(null, KpiFormat.Percent(metrics.ErrorRate))], events,
                KpiChange.Of(metrics.ErrorRate, previous?.ErrorRate, KpiChange.Points, null, against)),
            DriftCard(model),
        ];
    }

    private static KpiCardModel DriftCard(ModelView model) => model.Drift switch
    {
        null => new("drift", "Drift", [new(null, KpiFormat.Missing)], "no baseline yet"),
        { DatasetDrift: true } drift => new("drift", "Drift", [new(null, "Drifted")], DriftCaption(model, drift)),
        var drift => new("drift", "Drift", [new(null, "No drift")], DriftCaption(model, drift)),
    };

    private static string DriftCaption(ModelView model, DriftSummary drift) =>
        $"{drift.DriftedFeatures.Count} of {model.Features.Count} features drifted ({KpiFormat.Percent(drift.DriftShare)})";

    private static string WindowText(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{window.TotalMinutes:0} min" : $"{window.TotalSeconds:0} s";
}
