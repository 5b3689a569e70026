using System.Collections.Concurrent;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>A WebSocket session that keeps the <c>new-alert</c> messages of one model in the order they arrived.</summary>
public sealed class AlertFeed : IAsyncDisposable
{
    private static readonly TimeSpan ConnectDeadline = TimeSpan.FromSeconds(10);

    private readonly ModelOpsStreamClient stream;
    private readonly string modelId;
    private readonly ConcurrentQueue<AlertView> alerts = new();
    private readonly TaskCompletionSource subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reading;

    private AlertFeed(ModelOpsStreamClient stream, string modelId)
    {
        this.stream = stream;
        this.modelId = modelId;
        reading = Task.Run(ReadAsync);
    }

    public IReadOnlyList<AlertView> Alerts => alerts.ToArray();

    /// <summary>Connects and returns once the session has its initial state, so no alert made afterwards is missed.</summary>
    public static async Task<AlertFeed> ConnectAsync(ModelOpsServer server, string modelId)
    {
        var feed = new AlertFeed(await server.ConnectStreamAsync(modelId), modelId);
        await feed.subscribed.Task.WaitAsync(ConnectDeadline, TestContext.Current.CancellationToken);
        return feed;
    }

    /// <summary>The first <paramref name="count"/> alerts of the model, once that many have arrived.</summary>
    public async Task<IReadOnlyList<AlertView>> WaitForAsync(int count)
    {
        await TestData.WaitUntil(() => Task.FromResult(alerts.Count >= count), TimeSpan.FromSeconds(10), $"{count} new-alert message(s) of model {modelId}");
        return Alerts.Take(count).ToArray();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in stream.ReadAllAsync(stopping.Token))
            {
                switch (message)
                {
                    case InitialStateMessage:
                        subscribed.TrySetResult();
                        break;
                    case NewAlertMessage { Alert: var alert } when alert.ModelId == modelId:
                        alerts.Enqueue(alert);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await reading;
        await stream.DisposeAsync();
        stopping.Dispose();
    }
}
