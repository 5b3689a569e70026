using System.Globalization;
using ModelOps.Contracts;
using Radzen.Blazor;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One step of the trend charts, in the viewer's time zone. A null metric is a gap in its line (nothing to compute in that step), never 0.</summary>
public sealed record TrendPoint(
    DateTime Time,
    double? Accuracy,
    double? Mae,
    double? Rmse,
    double? LatencyP50,
    double? LatencyP95,
    double? LatencyP99,
    double Throughput);

/// <summary>A line of a trend chart: its legend title, the <see cref="TrendPoint"/> property it plots, and a dash of its own so colour is not the only signal.</summary>
public sealed record TrendLine(string Title, string Property, LineType Dash, string Colour);

/// <summary>
/// One trend chart: <paramref name="Key"/> names it for tests (<c>chart-{key}</c>); the value axis is titled with its unit and
/// starts at zero for magnitudes (<paramref name="FromZero"/>), so a small wobble does not look like a collapse.
/// </summary>
public sealed record TrendChartSpec(string Key, string Title, string AxisTitle, IReadOnlyList<TrendLine> Lines, Func<object, string> FormatValue, bool FromZero)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly TrendChartSpec Accuracy = new("accuracy", "Accuracy", "Accuracy (%)",
        [new("Accuracy", nameof(TrendPoint.Accuracy), LineType.Solid, "var(--trend-accuracy)")],
        value => (Convert.ToDouble(value, Invariant) * 100).ToString("0.#", Invariant), FromZero: false);

    /// <summary>Regression models plot their errors, in the target's own unit, in place of accuracy.</summary>
    public static readonly TrendChartSpec Error = new("accuracy", "Error", "Error (target units)",
        [
            new("MAE", nameof(TrendPoint.Mae), LineType.Solid, "var(--trend-mae)"),
            new("RMSE", nameof(TrendPoint.Rmse), LineType.Dashed, "var(--trend-rmse)"),
        ],
        value => KpiFormat.Error(Convert.ToDouble(value, Invariant)), FromZero: true);

    public static readonly TrendChartSpec Latency = new("latency", "Latency", "Latency (ms)",
        [
            new("p50", nameof(TrendPoint.LatencyP50), LineType.Solid, "var(--trend-p50)"),
            new("p95", nameof(TrendPoint.LatencyP95), LineType.Dashed, "var(--trend-p95)"),
            new("p99", nameof(TrendPoint.LatencyP99), LineType.Dotted, "var(--trend-p99)"),
        ],
        value => Convert.ToDouble(value, Invariant).ToString("#,0.#", Invariant), FromZero: true);

    public static readonly TrendChartSpec Throughput = new("throughput", "Throughput", "Throughput (/s)",
        [new("Events/s", nameof(TrendPoint.Throughput), LineType.Solid, "var(--trend-throughput)")],
        value => Convert.ToDouble(value, Invariant).ToString("#,0.#", Invariant), FromZero: true);

    /// <summary>The three charts of a model: quality (accuracy, or MAE and RMSE), latency and throughput.</summary>
    public static IReadOnlyList<TrendChartSpec> For(ModelTask task) =>
        [task == ModelTask.Regression ? Error : Accuracy, Latency, Throughput];
}

/// <summary>
/// What the trend charts show: the points, shared by every line of every chart, and the time axis: the whole range (so a
/// model with little history does not stretch over the width), from a whole <see cref="Step"/> so that its labels are round
/// times that stay put while the live window slides.
/// </summary>
public sealed record TrendChartsModel(
    IReadOnlyList<TrendChartSpec> Charts, IReadOnlyList<TrendPoint> Points, DateTime? Start, DateTime? End, TimeSpan? Step, string TimeFormat)
{
    /// <summary>Tick spacings the time axis chooses from: the shortest that leaves at most four gaps.</summary>
    private static readonly TimeSpan[] Steps =
    [
        .. new[] { 1, 5, 10, 15, 30 }.Select(seconds => TimeSpan.FromSeconds(seconds)),
        .. new[] { 1, 2, 5, 10, 15, 30 }.Select(minutes => TimeSpan.FromMinutes(minutes)),
        .. new[] { 1, 2, 3, 6, 12, 24 }.Select(hours => TimeSpan.FromHours(hours)),
    ];

    /// <summary>The live window: the stream's per-second history, on an axis one window long ending at its newest second.</summary>
    public static TrendChartsModel Live(ModelView model, TimeZoneInfo zone)
    {
        var points = ToPoints(model.History, zone);
        if (points.Length == 0)
        {
            return new(TrendChartSpec.For(model.Task), points, null, null, null, "{0:HH:mm:ss}");
        }
        var end = points[^1].Time;
        return Axis(TrendChartSpec.For(model.Task), points, end - model.Metrics.Window + TimeSpan.FromSeconds(1), end, "{0:HH:mm:ss}");
    }

    /// <summary>A longer range: per-minute points of <c>GET …/metrics/history</c>, on an axis from its <c>from</c> to its <c>to</c>.</summary>
    public static TrendChartsModel Range(ModelTask task, MetricsHistory history, TimeZoneInfo zone) => Axis(
        TrendChartSpec.For(task),
        ToPoints(history.Points, zone),
        TimeZoneInfo.ConvertTime(history.From, zone).DateTime,
        TimeZoneInfo.ConvertTime(history.To, zone).DateTime,
        "{0:HH:mm}");

    private static TrendChartsModel Axis(IReadOnlyList<TrendChartSpec> charts, TrendPoint[] points, DateTime start, DateTime end, string format)
    {
        var step = Steps.FirstOrDefault(step => step * 4 >= end - start, Steps[^1]);
        return new(charts, points, new DateTime(start.Ticks - start.Ticks % step.Ticks), end, step, format);
    }

    private static TrendPoint[] ToPoints(IReadOnlyList<HistoryPoint> history, TimeZoneInfo zone) =>
        [.. history.Select(point => new TrendPoint(
            TimeZoneInfo.ConvertTime(point.Timestamp, zone).DateTime,
            point.Accuracy,
            point.Mae,
            point.Rmse,
            point.LatencyP50,
            point.LatencyP95,
            point.LatencyP99,
            point.ThroughputPerSec))];
}
