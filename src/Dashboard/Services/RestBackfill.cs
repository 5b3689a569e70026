using Microsoft.Extensions.Logging;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Services;

/// <summary>
/// Fills in what the live stream does not replay: the alerts that already exist, each time the stream connects
/// (the stream only sends alerts as they change), and the active model's latest log events, each time a model
/// becomes active (the stream only sends events as they arrive).
/// </summary>
public sealed partial class RestBackfill(DashboardStore store, ModelOpsClient client, ILogger<RestBackfill> logger) : IDisposable
{
    /// <summary>Resolved alerts fetched on connect, besides every open one.</summary>
    public const int RecentResolvedAlerts = 50;

    private readonly CancellationTokenSource stopping = new();
    private bool started;

    /// <summary>Starts following the store; later calls do nothing.</summary>
    public void Start()
    {
        if (!started)
        {
            started = true;
            store.Changed += OnStoreChanged;
        }
    }

    private void OnStoreChanged(DashboardChange change)
    {
        if (change.HasFlag(DashboardChange.Connection) && store.Connection == ConnectionState.Connected)
        {
            _ = LoadAlertsAsync(stopping.Token);
        }
        if (change.HasFlag(DashboardChange.ActiveModelSelected) && store.ActiveModelId is { } modelId)
        {
            _ = LoadLogsAsync(modelId, stopping.Token);
        }
    }

    private async Task LoadAlertsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Open alerts are asked for by state, so a long resolved history never pushes one out of the answer.
            var lists = await Task.WhenAll(
                client.GetFleetAlertsAsync(AlertState.Firing, DashboardStore.AlertCapacity, cancellationToken),
                client.GetFleetAlertsAsync(AlertState.Pending, DashboardStore.AlertCapacity, cancellationToken),
                client.GetFleetAlertsAsync(AlertState.Resolved, RecentResolvedAlerts, cancellationToken));
            store.ApplyAlerts(lists.SelectMany(list => list));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogAlertsFailed(exception);
        }
    }

    private async Task LoadLogsAsync(string modelId, CancellationToken cancellationToken)
    {
        try
        {
            store.MergeLogs(modelId, await client.GetLogsAsync(modelId, DashboardStore.LogCapacity, cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogLogsFailed(exception, modelId);
        }
    }

    public void Dispose()
    {
        store.Changed -= OnStoreChanged;
        stopping.Cancel();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the existing alerts failed; the panel shows those the stream sends from now on.")]
    private partial void LogAlertsFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the latest events of model {ModelId} failed; the log shows those the stream sends from now on.")]
    private partial void LogLogsFailed(Exception exception, string modelId);
}
