using Microsoft.Extensions.Logging;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Services;

/// <summary>
/// The one owner of the live stream connection. Feeds every message into the <see cref="DashboardStore"/>,
/// reconnects with exponential back-off when the connection drops, and resyncs from the <c>initial-state</c>
/// the server sends on each connect.
/// </summary>
public sealed partial class LiveConnection(IStreamConnector connector, DashboardStore store, TimeProvider time, ILogger<LiveConnection> logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ReconnectBackoff backoff = new();
    private IStreamSession? session;
    private string? selectionToSendOnConnect;
    private Task? loop;

    /// <summary>Starts connecting; later calls do nothing.</summary>
    public void Start() => loop ??= RunAsync(stopping.Token);

    /// <summary>Asks the server to make <paramref name="modelId"/> the active model; the store follows its <c>active-model-changed</c>.</summary>
    public async Task SelectModelAsync(string modelId)
    {
        await sending.WaitAsync(stopping.Token);
        try
        {
            if (session is { } current)
            {
                await current.SelectModelAsync(modelId, stopping.Token);
            }
            else
            {
                selectionToSendOnConnect = modelId;
            }
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            // The read loop sees the same broken connection and reconnects; the selection goes with it.
            selectionToSendOnConnect = modelId;
            LogSelectFailed(exception, modelId);
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            store.SetConnection(ConnectionState.Connecting);
            try
            {
                await ReceiveUntilClosedAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConnectionLost(exception);
            }
            // The wait starts before the state is shown, so whoever sees Disconnected sees the retry already scheduled.
            var retry = Task.Delay(backoff.NextDelay(), time, cancellationToken);
            store.SetConnection(ConnectionState.Disconnected);
            try
            {
                await retry;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReceiveUntilClosedAsync(CancellationToken cancellationToken)
    {
        var firstModelId = selectionToSendOnConnect ?? store.ActiveModelId;
        await using var current = await connector.ConnectAsync(firstModelId, cancellationToken);
        selectionToSendOnConnect = null;
        session = current;
        try
        {
            backoff.Reset();
            store.SetConnection(ConnectionState.Connected);
            await foreach (var message in current.ReadAllAsync(cancellationToken))
            {
                store.Apply(message);
            }
        }
        finally
        {
            session = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
        stopping.Dispose();
        sending.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live stream connection was lost; reconnecting.")]
    private partial void LogConnectionLost(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Selecting model {ModelId} failed; it is sent again after reconnecting.")]
    private partial void LogSelectFailed(Exception exception, string modelId);
}
