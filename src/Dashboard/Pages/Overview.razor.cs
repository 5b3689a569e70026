using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Pages;

/// <summary>
/// The active model at a glance: its headline metrics from the live stream, each with its change against the window
/// before, which is read from the per-minute history when the model is chosen and once a minute after.
/// </summary>
public partial class Overview : LiveComponent
{
    /// <summary>How often the previous window is read again: it moves on by a minute each minute.</summary>
    public static readonly TimeSpan PreviousWindowRefresh = TimeSpan.FromMinutes(1);

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;

    private ModelView? Model { get; set; }

    private IReadOnlyList<KpiCardModel> Cards { get; set; } = [];

    private (string ModelId, DateTimeOffset At)? previousFetch;

    private PreviousWindow? previous;

    protected override void ReadStore()
    {
        Model = Store.ActiveModel;
        if (Model is { } model && (previousFetch is not { } fetch || fetch.ModelId != model.Id || Clock.GetUtcNow() - fetch.At >= PreviousWindowRefresh))
        {
            if (previousFetch?.ModelId != model.Id)
            {
                previous = null;
            }
            previousFetch = (model.Id, Clock.GetUtcNow());
            _ = ReadPreviousWindowAsync(model.Id, model.Metrics.Window);
        }
        Cards = Model is null ? [] : KpiCardModel.For(Model, previous);
    }

    /// <summary>
    /// Reads the window before the current one; without it (no history yet, or the server unreachable) the cards show no
    /// change. The answer is awaited off the renderer, which it only enters when there is something new to show.
    /// </summary>
    private async Task ReadPreviousWindowAsync(string modelId, TimeSpan window)
    {
        var now = Clock.GetUtcNow();
        PreviousWindow? read = null;
        try
        {
            var history = await Client.GetHistoryAsync(modelId, now - 2 * window, now - window, HistorySteps.Minute).ConfigureAwait(false);
            read = PreviousWindow.From(history.Points, window);
        }
        catch (Exception exception) when (exception is ModelOpsApiException or HttpRequestException or TaskCanceledException)
        {
        }
        if (read is null && previous is null)
        {
            return;
        }
        await InvokeAsync(() =>
        {
            if (previousFetch?.ModelId != modelId || read == previous)
            {
                return;
            }
            previous = read;
            Cards = Model is null ? [] : KpiCardModel.For(Model, previous);
            StateHasChanged();
        });
    }

    private static string TaskText(ModelTask task) => task == ModelTask.Regression ? "regression" : "classification";
}
