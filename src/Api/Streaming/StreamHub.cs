using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Models;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Api.Streaming;

/// <summary>
/// Fans grain output out to this process's WebSocket sessions: one Orleans stream subscription per model
/// (plus the fleet and alert streams), each broadcast serialised once and shared by every session.
/// </summary>
public sealed partial class StreamHub(IClusterClient cluster, ILogger<StreamHub> logger) : IAsyncDisposable
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private readonly ConcurrentDictionary<Guid, StreamSession> sessions = new();
    private readonly ConcurrentDictionary<string, StreamSubscriptionHandle<ModelBroadcast>> models = new(StringComparer.Ordinal);
    private readonly List<Func<Task>> unsubscribers = [];
    private readonly SemaphoreSlim startLock = new(1, 1);
    private bool started;

    public int SessionCount => sessions.Count;

    public async Task AddAsync(StreamSession session)
    {
        await EnsureStartedAsync();
        sessions[session.Id] = session;
    }

    public void Remove(StreamSession session) => sessions.TryRemove(session.Id, out _);

    public static ReadOnlyMemory<byte> Frame<T>(string type, T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<StreamEnvelope<T>> typeInfo, string? modelId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new StreamEnvelope<T>(type, data) { ModelId = modelId }, typeInfo);

    private async Task EnsureStartedAsync()
    {
        if (started)
        {
            return;
        }
        await startLock.WaitAsync();
        try
        {
            if (started)
            {
                return;
            }
            var provider = cluster.GetStreamProvider(Names.StreamProvider);
            var fleet = await provider.GetStream<FleetChange>(StreamId.Create(Names.FleetStreamNamespace, Names.FleetKey))
                .SubscribeAsync((change, _) => OnFleetChangeAsync(change));
            var alerts = await provider.GetStream<AlertView>(StreamId.Create(Names.AlertStreamNamespace, Names.FleetKey))
                .SubscribeAsync((alert, _) => OnAlert(alert));
            unsubscribers.Add(fleet.UnsubscribeAsync);
            unsubscribers.Add(alerts.UnsubscribeAsync);
            foreach (var id in await cluster.GetGrain<IModelRegistryGrain>(Names.FleetKey).List())
            {
                await WatchAsync(id);
            }
            started = true;
        }
        finally
        {
            startLock.Release();
        }
    }

    private async Task WatchAsync(string modelId)
    {
        if (models.ContainsKey(modelId))
        {
            return;
        }
        var handle = await cluster.GetStreamProvider(Names.StreamProvider)
            .GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, modelId))
            .SubscribeAsync((broadcast, _) => OnBroadcast(broadcast));
        if (!models.TryAdd(modelId, handle))
        {
            await handle.UnsubscribeAsync();
        }
    }

    private async Task OnFleetChangeAsync(FleetChange change)
    {
        if (!change.Removed)
        {
            await WatchAsync(change.ModelId);
            return;
        }
        if (models.TryRemove(change.ModelId, out var handle))
        {
            await handle.UnsubscribeAsync();
        }
        var frame = Frame(StreamMessageTypes.ModelRemoved, change.ModelId, Json.StreamEnvelopeString);
        foreach (var session in sessions.Values)
        {
            session.Send(frame);
        }
    }

    private Task OnBroadcast(ModelBroadcast broadcast)
    {
        var model = broadcast.Model;
        var full = Frame(StreamMessageTypes.ModelUpdate, model, Json.StreamEnvelopeModelView);
        ReadOnlyMemory<byte>? brief = null;
        ReadOnlyMemory<byte>[]? logs = null;
        foreach (var session in sessions.Values)
        {
            if (session.ActiveModelId == model.Id)
            {
                session.Send(full);
                logs ??= broadcast.Logs.Reverse().Select(e => Frame(StreamMessageTypes.NewLog, e, Json.StreamEnvelopeInferenceEvent, model.Id)).ToArray();
                foreach (var log in logs)
                {
                    session.Send(log);
                }
            }
            else
            {
                brief ??= Frame(StreamMessageTypes.ModelUpdate, model with { History = [] }, Json.StreamEnvelopeModelView);
                session.Send(brief.Value);
            }
        }
        return Task.CompletedTask;
    }

    private Task OnAlert(AlertView alert)
    {
        var frame = Frame(StreamMessageTypes.NewAlert, alert, Json.StreamEnvelopeAlertView);
        foreach (var session in sessions.Values)
        {
            session.Send(frame);
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in models.Values)
        {
            await Unsubscribe(handle.UnsubscribeAsync);
        }
        foreach (var unsubscribe in unsubscribers)
        {
            await Unsubscribe(unsubscribe);
        }
        startLock.Dispose();
    }

    private async Task Unsubscribe(Func<Task> unsubscribe)
    {
        try
        {
            await unsubscribe();
        }
        catch (Exception ex) when (ex is OrleansException or ObjectDisposedException or InvalidOperationException)
        {
            LogUnsubscribeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream unsubscribe at shutdown failed; the cluster is already stopping")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
