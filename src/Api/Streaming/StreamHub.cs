using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Models;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Api.Streaming;

/// <summary>
/// Fans grain output out to this process's WebSocket sessions: one Orleans stream subscription per model (plus the fleet
/// and alert streams), each frame serialised once and shared by every session. Model streams carry changes only
/// (<see cref="ModelBroadcast"/>); the hub folds them into its current view of each model, and answers
/// <c>initial-state</c> and <c>select-model</c> from that view. It holds a model's history only while a session has the
/// model active, and keeps the model's watch lease renewed for that long, so an unwatched model's broadcasts stay headlines.
/// </summary>
public sealed partial class StreamHub(IClusterClient cluster, ILogger<StreamHub> logger) : IAsyncDisposable
{
    /// <summary>How long a model sends history points after the hub last asked for them.</summary>
    public static readonly TimeSpan WatchLease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WatchRenewal = WatchLease / 3;
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private readonly ConcurrentDictionary<Guid, StreamSession> sessions = new();
    private readonly ConcurrentDictionary<string, StreamSubscriptionHandle<ModelBroadcast>> subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelView> views = new(StringComparer.Ordinal);
    private readonly HashSet<string> watched = new(StringComparer.Ordinal);
    private readonly List<Func<Task>> unsubscribers = [];
    private readonly SemaphoreSlim startLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? renewing;
    private bool started;

    public int SessionCount => sessions.Count;

    public static ReadOnlyMemory<byte> Frame<T>(string type, T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<StreamEnvelope<T>> typeInfo, string? modelId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new StreamEnvelope<T>(type, data) { ModelId = modelId }, typeInfo);

    /// <summary>
    /// The <c>initial-state</c> of a new session: every model of <paramref name="scope"/>, the active one
    /// (<paramref name="requestedModelId"/>, or the first by id when that is null or not a model of the scope) with its
    /// whole history. Null <c>ActiveModelId</c> when there are no models.
    /// </summary>
    public async Task<InitialState> InitialStateAsync(string? requestedModelId, ModelScope scope)
    {
        await EnsureStartedAsync();
        var ids = (await cluster.GetGrain<IModelRegistryGrain>(Names.FleetKey).List()).Where(scope.Allows).ToArray();
        var activeId = requestedModelId is not null && ids.Contains(requestedModelId, StringComparer.Ordinal) ? requestedModelId : ids.FirstOrDefault();
        var others = (await Task.WhenAll(ids.Where(id => id != activeId).Select(HeadlineAsync))).OfType<ModelView>().ToDictionary(view => view.Id, StringComparer.Ordinal);
        // The active model last, so the session joins the fan-out as soon after its whole view as can be.
        var active = activeId is null ? null : await WatchAsync(activeId);
        var models = ids.Select(id => id == activeId ? active : others.GetValueOrDefault(id));
        return new InitialState(models.OfType<ModelView>().ToArray(), active?.Id);
    }

    /// <summary>Makes <paramref name="modelId"/> the session's active model; its whole view, or null when there is no such model.</summary>
    public async Task<ModelView?> SelectAsync(StreamSession session, string modelId)
    {
        var view = session.Scope.Allows(modelId) ? await WatchAsync(modelId) : null;
        if (view is not null)
        {
            session.ActiveModelId = view.Id;
        }
        return view;
    }

    public void Add(StreamSession session) => sessions[session.Id] = session;

    public void Remove(StreamSession session) => sessions.TryRemove(session.Id, out _);

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
                await SubscribeAsync(id);
            }
            renewing = RenewWatchesAsync(stopping.Token);
            started = true;
        }
        finally
        {
            startLock.Release();
        }
    }

    private async Task SubscribeAsync(string modelId)
    {
        if (subscriptions.ContainsKey(modelId))
        {
            return;
        }
        var handle = await cluster.GetStreamProvider(Names.StreamProvider)
            .GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, modelId))
            .SubscribeAsync((broadcast, _) => OnBroadcastAsync(broadcast));
        if (!subscriptions.TryAdd(modelId, handle))
        {
            await handle.UnsubscribeAsync();
        }
    }

    /// <summary>The model with its whole history, from the grain, which then sends history points for a lease.</summary>
    private async Task<ModelView?> WatchAsync(string modelId)
    {
        if (!ModelId.IsValid(modelId) || await cluster.GetGrain<IModelGrain>(modelId).Watch(WatchLease) is not { } view)
        {
            return null;
        }
        lock (views)
        {
            watched.Add(modelId);
            // Points a broadcast delivered while the grain call was on its way are newer than the answer: keep them.
            var merged = views.TryGetValue(modelId, out var held) ? ModelUpdates.Merge(held, view) : view;
            views[modelId] = merged;
            return merged;
        }
    }

    /// <summary>The model as the fleet list shows it (no history): the hub's view, or the grain's for a model not heard from yet.</summary>
    private async Task<ModelView?> HeadlineAsync(string modelId)
    {
        lock (views)
        {
            if (views.TryGetValue(modelId, out var held))
            {
                return held with { History = [] };
            }
        }
        var view = await cluster.GetGrain<IModelGrain>(modelId).Get(includeHistory: false);
        if (view is not null)
        {
            lock (views)
            {
                views.TryAdd(modelId, view);
            }
        }
        return view;
    }

    private async Task RenewWatchesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(WatchRenewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var active = sessions.Values.Select(session => session.ActiveModelId).OfType<string>().ToHashSet(StringComparer.Ordinal);
                lock (views)
                {
                    // A model nobody watches any more keeps its headline only; its history would go stale without points.
                    foreach (var id in watched.Where(id => !active.Contains(id)).ToArray())
                    {
                        watched.Remove(id);
                        if (views.TryGetValue(id, out var view))
                        {
                            views[id] = view with { History = [] };
                        }
                    }
                }
                foreach (var id in active)
                {
                    await RenewAsync(id);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The hub is stopping.
        }
    }

    private async Task RenewAsync(string modelId)
    {
        try
        {
            await WatchAsync(modelId);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            LogRenewFailed(logger, ex, modelId);
        }
    }

    private async Task OnFleetChangeAsync(FleetChange change)
    {
        if (!change.Removed)
        {
            await SubscribeAsync(change.ModelId);
            return;
        }
        if (subscriptions.TryRemove(change.ModelId, out var handle))
        {
            await handle.UnsubscribeAsync();
        }
        lock (views)
        {
            views.Remove(change.ModelId);
            watched.Remove(change.ModelId);
        }
        var frame = Frame(StreamMessageTypes.ModelRemoved, change.ModelId, Json.StreamEnvelopeString);
        foreach (var session in sessions.Values.Where(session => session.Scope.Allows(change.ModelId)))
        {
            session.Send(frame);
        }
    }

    private async Task OnBroadcastAsync(ModelBroadcast broadcast)
    {
        var id = broadcast.ModelId;
        bool known;
        lock (views)
        {
            known = views.ContainsKey(id) || broadcast.Model is not null;
        }
        if (!known)
        {
            await HeadlineAsync(id);
        }
        ModelView? model;
        lock (views)
        {
            views.TryGetValue(id, out var held);
            model = broadcast.ApplyTo(watched.Contains(id) ? held : held is null ? null : held with { History = [] });
            if (model is null)
            {
                return;
            }
            views[id] = watched.Contains(id) ? model : model with { History = [] };
        }
        ReadOnlyMemory<byte>? update = null;
        ReadOnlyMemory<byte>? brief = null;
        ReadOnlyMemory<byte>[]? logs = null;
        foreach (var session in sessions.Values.Where(session => session.Scope.Allows(id)))
        {
            if (session.ActiveModelId == id)
            {
                update ??= Frame(StreamMessageTypes.ModelUpdate, model with { History = broadcast.Points }, Json.StreamEnvelopeModelView);
                session.Send(update.Value);
                logs ??= broadcast.Logs.Reverse().Select(e => Frame(StreamMessageTypes.NewLog, e, Json.StreamEnvelopeInferenceEvent, id)).ToArray();
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
    }

    private Task OnAlert(AlertView alert)
    {
        var frame = Frame(StreamMessageTypes.NewAlert, alert, Json.StreamEnvelopeAlertView);
        foreach (var session in sessions.Values.Where(session => session.Scope.Allows(alert.ModelId)))
        {
            session.Send(frame);
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (renewing is not null)
        {
            await renewing;
        }
        foreach (var handle in subscriptions.Values)
        {
            await Unsubscribe(handle.UnsubscribeAsync);
        }
        foreach (var unsubscribe in unsubscribers)
        {
            await Unsubscribe(unsubscribe);
        }
        startLock.Dispose();
        stopping.Dispose();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewing the watch of model {ModelId} failed; the next renewal tries again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string modelId);
}
