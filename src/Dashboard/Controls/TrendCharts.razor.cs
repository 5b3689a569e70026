using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The active model's accuracy (or MAE and RMSE), latency and throughput over time. Live, the charts follow the model's
/// per-second history from the stream and redraw with every update; over a longer range they read per-minute points from
/// <c>GET …/metrics/history</c>, again each time a minute has ended, and redraw only when those arrive.
/// </summary>
public partial class TrendCharts : LiveComponent
{
    private CancellationTokenSource? loading;
    private Fetch? lastFetch;
    private bool changed = true;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;

    private ModelView? Model { get; set; }

    private TrendRange Range { get; set; } = TrendRange.Live;

    /// <summary>What the charts show; null while the first points of a range or model are loading.</summary>
    private TrendChartsModel? Charts { get; set; }

    /// <summary>Why the last fetch failed.</summary>
    private string? Error { get; set; }

    private string Caption => Range.Span is { } span
        ? $"last {TimeFormat.Span(span)}, per minute"
        : $"live window ({TimeFormat.Span(Model?.Metrics.Window ?? TimeSpan.Zero)}), per second";

    private string EmptyText => Range.IsLive
        ? "No events in the live window yet."
        : "No per-minute history in this range yet: each minute appears once it has ended.";

    protected override void ReadStore()
    {
        var previous = Model;
        Model = Store.ActiveModel;
        if (Model?.Id != previous?.Id)
        {
            CancelLoading();
            lastFetch = null;
            Error = null;
            Charts = null;
            changed = true;
        }
        _ = RefreshAsync();
    }

    protected override bool ShouldRender() => changed;

    protected override void OnAfterRender(bool firstRender) => changed = false;

    private Task SelectRangeAsync(string key)
    {
        var range = TrendRange.ByKey(key);
        if (range == Range)
        {
            return Task.CompletedTask;
        }
        Range = range;
        CancelLoading();
        lastFetch = null;
        Error = null;
        Charts = null;
        changed = true;
        return RefreshAsync();
    }

    /// <summary>Live: rebuilds the charts from the stream's history. Otherwise fetches the range when it has not been, or a minute has ended since.</summary>
    private Task RefreshAsync()
    {
        if (Model is not { } model)
        {
            return Task.CompletedTask;
        }
        if (Range.IsLive)
        {
            Charts = TrendChartsModel.Live(model, Clock.LocalTimeZone);
            changed = true;
            return Task.CompletedTask;
        }
        // Whole seconds: finer would only make every request's URL unique.
        var now = Clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (lastFetch is { } last && last.ModelId == model.Id && last.Range == Range && !MinuteEndedSince(last.At, now))
        {
            return Task.CompletedTask;
        }
        return LoadAsync(model, Range, now);
    }

    private async Task LoadAsync(ModelView model, TrendRange range, DateTimeOffset now)
    {
        CancelLoading();
        var cancellation = loading = new CancellationTokenSource();
        lastFetch = new Fetch(model.Id, range, now);
        try
        {
            var history = await Client.GetHistoryAsync(model.Id, now - range.Span, now, HistorySteps.Minute, cancellation.Token);
            if (cancellation.IsCancellationRequested)
            {
                return;
            }
            Charts = TrendChartsModel.Range(model.Task, history, Clock.LocalTimeZone);
            Error = null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        // Nothing awaits this task when a store update started it: whatever went wrong is shown here or nowhere.
        catch (Exception exception)
        {
            Error = $"Could not load the last {range.Label} of history ({exception.Message}); trying again when the next minute ends.";
        }
        changed = true;
        StateHasChanged();
    }

    private static bool MinuteEndedSince(DateTimeOffset then, DateTimeOffset now) =>
        now.ToUnixTimeSeconds() / 60 > then.ToUnixTimeSeconds() / 60;

    private void CancelLoading()
    {
        loading?.Cancel();
        loading?.Dispose();
        loading = null;
    }

    protected override void OnDisposing() => CancelLoading();

    private sealed record Fetch(string ModelId, TrendRange Range, DateTimeOffset At);
}
