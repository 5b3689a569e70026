using System.Globalization;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The active model's latest inference events as they arrive: pause to read (new lines are counted, not shown),
/// filter by outcome and by slow requests (slower than a threshold, by default the model's p95 latency).
/// </summary>
public partial class InferenceLog : LiveComponent
{
    /// <summary>Lines shown at most, newest first.</summary>
    public const int ShownRows = 100;

    /// <summary>Radzen names the input by its <c>Name</c> unless told otherwise; a screen reader should hear what it is for.</summary>
    private static readonly IReadOnlyDictionary<string, object> ThresholdInputAttributes =
        new Dictionary<string, object> { ["aria-label"] = "Slow means slower than this many milliseconds; empty means the model's p95" };

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.Logs | DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;

    private string? modelId;
    private ModelTask task;
    private IReadOnlyList<InferenceEvent> events = [];
    private long receivedWhenPaused;

    private bool Paused { get; set; }

    private long NewWhilePaused { get; set; }

    private double? P95 { get; set; }

    private OutcomeFilter Outcome { get; set; }

    private bool SlowOnly { get; set; }

    /// <summary>The threshold typed in; without one, slow means slower than the model's p95.</summary>
    private double? SlowerThanInput { get; set; }

    private IReadOnlyList<LogRow> Rows { get; set; } = [];

    private int MatchingCount { get; set; }

    private bool IsClassification => task == ModelTask.Classification;

    private double? SlowerThan => SlowerThanInput ?? P95;

    private string ThresholdPlaceholder => P95 is { } p95 ? $"p95 {p95.ToString("0.0", CultureInfo.InvariantCulture)}" : "p95 —";

    private string Caption => MatchingCount > Rows.Count
        ? $"newest {Rows.Count} of {MatchingCount} events"
        : $"{Rows.Count} {(Rows.Count == 1 ? "event" : "events")}";

    private string EmptyText => events.Count == 0
        ? "No events yet: they appear here as the model's producers send them."
        : SlowOnly && SlowerThan is null
            ? "No latency threshold yet: type one, or wait for the model's p95."
            : "No event matches the filters.";

    protected override void ReadStore()
    {
        if (Store.ActiveModelId != modelId)
        {
            // The paused lines belong to the model that was active; the new one starts live.
            modelId = Store.ActiveModelId;
            Paused = false;
        }
        var model = Store.ActiveModel;
        task = model?.Task ?? ModelTask.Classification;
        P95 = model?.Metrics.Latency.P95;
        if (Paused)
        {
            NewWhilePaused = Store.LogsReceived - receivedWhenPaused;
        }
        else
        {
            events = Store.Logs;
        }
        BuildRows();
    }

    private void BuildRows()
    {
        var filter = new LogFilter(IsClassification ? Outcome : OutcomeFilter.All, SlowOnly, SlowerThan);
        var zone = Clock.LocalTimeZone;
        var matching = events.Select(e => LogRow.For(e, task, zone)).Where(filter.Matches).ToList();
        MatchingCount = matching.Count;
        Rows = matching.Count > ShownRows ? matching.GetRange(0, ShownRows) : matching;
    }

    private void TogglePause()
    {
        Paused = !Paused;
        receivedWhenPaused = Store.LogsReceived;
        NewWhilePaused = 0;
        if (!Paused)
        {
            events = Store.Logs;
        }
        BuildRows();
    }

    private void SetOutcome(OutcomeFilter outcome)
    {
        Outcome = outcome;
        BuildRows();
    }

    private void SetSlowOnly(bool slowOnly)
    {
        SlowOnly = slowOnly;
        BuildRows();
    }

    private void SetSlowerThan(double? milliseconds)
    {
        SlowerThanInput = milliseconds;
        BuildRows();
    }
}
