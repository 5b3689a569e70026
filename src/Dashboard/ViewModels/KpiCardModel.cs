using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One reading on a KPI card: its formatted value, labelled when the card holds more than one.</summary>
public sealed record KpiReading(string? Label, string Value);

/// <summary>A KPI card: <paramref name="Key"/> names it for tests (<c>kpi-{key}</c>), <paramref name="Caption"/> says what the numbers cover.</summary>
public sealed record KpiCardModel(string Key, string Title, IReadOnlyList<KpiReading> Readings, string Caption)
{
    /// <summary>The headline cards of a model: quality (accuracy, or MAE and RMSE for regression), latency and throughput.</summary>
    public static IReadOnlyList<KpiCardModel> For(ModelView model)
    {
        var metrics = model.Metrics;
        var labelled = $"{KpiFormat.Count(metrics.LabelCount)} labelled events";
        var events = $"{KpiFormat.Count(metrics.Count)} events in {WindowText(metrics.Window)}";
        return
        [
            model.Task == ModelTask.Regression
                ? new("accuracy", "Error", [new("MAE", KpiFormat.Error(metrics.Mae)), new("RMSE", KpiFormat.Error(metrics.Rmse))], labelled)
                : new("accuracy", "Accuracy", [new(null, KpiFormat.Percent(metrics.Accuracy))], labelled),
            new("latency", "Latency",
                [new("p50", KpiFormat.Milliseconds(metrics.Latency.P50)), new("p99", KpiFormat.Milliseconds(metrics.Latency.P99))],
                events),
            new("throughput", "Throughput", [new(null, KpiFormat.PerSecond(metrics.ThroughputPerSec))], events),
        ];
    }

    private static string WindowText(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{window.TotalMinutes:0} min" : $"{window.TotalSeconds:0} s";
}
