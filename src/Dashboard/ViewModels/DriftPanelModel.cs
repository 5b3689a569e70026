using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>The dataset verdict as words, icon and colour together.</summary>
public sealed record DriftHeadline(string Text, string Icon, string CssClass)
{
    public static readonly DriftHeadline Drifted = new("Dataset drift", "warning", "drift-verdict-drifted");
    public static readonly DriftHeadline Stable = new("No dataset drift", "check_circle", "drift-verdict-stable");
    public static readonly DriftHeadline NotAvailable = new("Drift not available yet", "hourglass_empty", "drift-verdict-unavailable");
}

/// <summary>
/// The drift panel's view of a drift report: the dataset verdict, what was compared with what, why nothing could be
/// compared when that is the case, and every feature worst first.
/// </summary>
/// <param name="Headline">The dataset verdict, or that there is none yet.</param>
/// <param name="Share">Drift share against its threshold; null while nothing could be compared.</param>
/// <param name="Baseline">The baseline's size, source and creation time; null while there is none (the message says so).</param>
/// <param name="Window">The compared range and its event count; null without a baseline, since there is no window then.</param>
/// <param name="Message">The report's explanation of why nothing could be compared, as a sentence.</param>
/// <param name="Rows">Every feature, worst first (<see cref="DriftFeatureRow.BySeverity"/>).</param>
public sealed record DriftPanelModel(
    DriftHeadline Headline,
    string? Share,
    string? Baseline,
    string? Window,
    string? Message,
    IReadOnlyList<DriftFeatureRow> Rows)
{
    /// <param name="report">The report as the API returned it.</param>
    /// <param name="now">The viewer's current time, to write today's moments as times alone.</param>
    /// <param name="zone">The viewer's time zone.</param>
    public static DriftPanelModel For(DriftReport report, DateTimeOffset now, TimeZoneInfo zone)
    {
        var comparable = string.IsNullOrEmpty(report.Message);
        return new DriftPanelModel(
            !comparable ? DriftHeadline.NotAvailable : report.DatasetDrift ? DriftHeadline.Drifted : DriftHeadline.Stable,
            comparable ? $"Drift share {KpiFormat.Percent(report.DriftShare)} · threshold {KpiFormat.Percent(report.DriftShareThreshold)}" : null,
            report.Baseline is { } baseline
                ? $"Baseline {KpiFormat.Count(baseline.Count)} rows {SourceText(baseline.Source)} at {DriftFormat.Moment(baseline.CreatedAt, now, zone)}"
                : null,
            report.Baseline is null
                ? null
                : $"Window {DriftFormat.Moment(report.Window.From, now, zone)}–{DriftFormat.Moment(report.Window.To, now, zone)} · {KpiFormat.Count(report.Window.Count)} events",
            comparable ? null : char.ToUpperInvariant(report.Message![0]) + report.Message[1..],
            DriftFeatureRow.BySeverity(report.Features));
    }

    private static string SourceText(string source) => source switch
    {
        "auto" => "from the model's first events",
        "upload" => "uploaded",
        _ => $"from {source}",
    };
}
