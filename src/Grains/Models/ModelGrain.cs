using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Labels;
using ModelOps.Grains.Monitoring;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Telemetry;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Grains.Models;

/// <summary>
/// Everything about one model, decided in one place: its definition, its rolling metrics window and its
/// recent events. Publishes one <see cref="ModelBroadcast"/> of what changed per tick while it has data; checkpoints what
/// changed every <see cref="MonitoringOptions.CheckpointInterval"/> and on deactivation (<see cref="WindowCheckpoints"/>).
/// </summary>
/// <remarks>
/// Immovable: a model checkpoints on deactivation and comes back from its checkpoint wherever it is next called. Orleans
/// would otherwise try to migrate an activation with queued requests when its silo stops, and on the last silo of a
/// cluster (or the one embedded silo) there is no destination, so every such grain logged an error at shutdown.
/// Placed by a hash of the model id over the active silos (sorted), not by load: Orleans' default (resource-optimised)
/// placement prefers the silo that handles the call, and with an <c>api</c> node forwarding through one gateway it put
/// all 16 new models of a test on one silo. By hash, models spread over the silos whatever the gateway, the same ids
/// always split the same way over the same number of silos, and after a silo loss each moved model goes to a silo
/// chosen by the same rule among those left.
/// </remarks>
[Immovable]
[HashBasedPlacement]
public sealed partial class ModelGrain(
    [PersistentState("definition", Names.Storage)] IPersistentState<ModelDefinitionState> definition,
    [PersistentState("window", Names.Storage)] IPersistentState<WindowState> checkpoint,
    [PersistentState("drift", Names.Storage)] IPersistentState<DriftState> driftState,
    [PersistentState("alerts", Names.Storage)] IPersistentState<AlertsState> alertState,
    [PersistentState("window-log", Names.Storage)] IPersistentState<WindowLog> windowLog,
    [PersistentState("labels", Names.Storage)] IPersistentState<LabelJoinState> labelState,
    IOptions<LabelOptions> labelOptions,
    INotificationDispatcher dispatcher,
    RoutingSnapshot routing,
    IOptions<NotificationOptions> notificationOptions,
    ModelMetrics metrics,
    IOptions<MonitoringOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock) : Grain, IModelGrain, IRemindable
{
    private readonly MonitoringOptions settings = options.Value;
    private readonly RecentEvents recent = new(options.Value.RecentEvents);
    private readonly BroadcastChanges broadcast = new();
    private FeatureCatalog features = null!;
    private DriftMonitor drift = null!;
    private MetricsWindow window = null!;
    private bool monitoring;
    private IAsyncStream<ModelBroadcast> stream = null!;
    private IAsyncStream<AlertView> alertStream = null!;
    private bool changedSincePublish;
    private WindowCheckpoints checkpoints = null!;
    private readonly BatchKeys batchKeys = new(options.Value.IdempotencyKeys);

    private string ModelId => this.GetPrimaryKeyString();
    private bool Defined => definition.RecordExists;
    private long NowSecond => clock.GetUtcNow().ToUnixTimeSeconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        features = new FeatureCatalog(definition.State.Features, settings.MaxFeatures);
        checkpoints = new WindowCheckpoints(checkpoint, driftState, windowLog, batchKeys);
        drift = new DriftMonitor(driftState.State);
        alerting = new AlertOutbox(ModelId, alertState.State, definition.State.Task);
        await LoadLabels();
        if (Defined)
        {
            StartMonitoring();
        }
        // Notifications written before a restart but never confirmed go out again (the dispatcher drops duplicates).
        await SubmitOutbox(alerting.Pending);
    }

    /// <summary>
    /// The window, the streams and the tick of a defined model. A model that does not exist gets none of them: a read of
    /// it answers not-found and the activation ends (<see cref="Exists"/>), so reads of unknown ids leave nothing behind.
    /// </summary>
    private void StartMonitoring()
    {
        if (monitoring)
        {
            return;
        }
        monitoring = true;
        RestoreMinuteHistory(checkpoint.State.Metrics);
        window = checkpoint.State.Metrics is { } saved
            ? (saved.Length == settings.Window ? saved : saved.Resize(settings.Window, NowSecond))
            : new MetricsWindow(settings.Window);
        var streams = this.GetStreamProvider(Names.StreamProvider);
        stream = streams.GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, ModelId));
        alertStream = streams.GetStream<AlertView>(StreamId.Create(Names.AlertStreamNamespace, Names.FleetKey));
        // The first tick looks at what the checkpoint brought back (data still in the window, open alerts), then
        // disarms if there is nothing to do.
        ArmTick();
    }

    /// <summary>True when the model is defined; otherwise the activation ends after this call, as it holds nothing.</summary>
    private bool Exists()
    {
        if (!Defined)
        {
            DeactivateOnIdle();
        }
        return Defined;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (checkpoints.Due && Defined)
        {
            await WriteLabels();
            await checkpoints.WriteAsync(window, minuteHistory);
        }
        if (reportPending && Defined && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await ReportHeadline();
        }
    }

    public async Task<ModelView> Define(ModelDefinition update)
    {
        // A body without "features" binds them as null: it declares none.
        update = update with { Features = update.Features ?? [] };
        DefinitionValidator.Validate(update, settings.MaxFeatures);
        var isNew = !Defined;
        var taskChanged = !isNew && definition.State.Task != update.Task;
        await Redefine(update, FeatureCatalog.Redeclare(definition.State.Features, update.Features, settings.MaxFeatures));
        if (isNew || taskChanged || alertState.State.Book is null)
        {
            // A new model starts with the default rules; a model whose task changed gets the defaults of its new task.
            await Apply(alerting.Reset(update.Task, clock.GetUtcNow(), await routing.CurrentAsync()));
        }
        await ReportHeadline();
        return View(includeHistory: true);
    }

    /// <summary>Stores a validated definition with the given feature list and follows a changed drift window.</summary>
    private async Task Redefine(ModelDefinition update, List<FeatureDefinition> featureList)
    {
        var now = clock.GetUtcNow();
        var state = definition.State;
        var isNew = !Defined;
        state.Name = string.IsNullOrWhiteSpace(update.Name) ? ModelId : update.Name;
        var version = string.IsNullOrWhiteSpace(update.Version) ? "1" : update.Version;
        if (!isNew && version != state.Version)
        {
            (state.PreviousVersion, state.VersionChangedAt) = (state.Version, now);
        }
        state.Version = version;
        state.Task = update.Task;
        state.Features = featureList;
        state.Drift = update.Drift;
        state.PositiveClass = update.PositiveClass;
        features = new FeatureCatalog(state.Features, settings.MaxFeatures);
        StartMonitoring();
        broadcast.DefinitionChanged();
        state.CreatedAt = isNew ? now : state.CreatedAt;
        state.UpdatedAt = now;
        await definition.WriteStateAsync();
        if (drift.Reconfigure(DriftDefinition))
        {
            await checkpoints.WriteDriftAsync();
        }
        // Idempotent, and called on every definition so a registration lost to a failure is repaired by the next PUT.
        await GrainFactory.GetGrain<IModelRegistryGrain>(Names.FleetKey).Add(ModelId);
        MarkChanged();
    }

    public Task<ModelView?> Get(bool includeHistory) => Task.FromResult(Exists() ? View(includeHistory) : null);

    public Task<ModelView?> Watch(TimeSpan lease)
    {
        if (!Defined)
        {
            return Task.FromResult<ModelView?>(null);
        }
        broadcast.WatchUntil(clock.GetUtcNow() + lease);
        return Task.FromResult<ModelView?>(View(includeHistory: true));
    }

    public async Task<bool> Delete()
    {
        if (!Exists())
        {
            return false;
        }
        await definition.ClearStateAsync();
        await checkpoint.ClearStateAsync();
        await driftState.ClearStateAsync();
        await alertState.ClearStateAsync();
        await windowLog.ClearStateAsync();
        await labelPages.ClearAsync();
        await ReleaseOutboxReminder();
        await GrainFactory.GetGrain<IModelRegistryGrain>(Names.FleetKey).Remove(ModelId);
        checkpoints.Abandon(new ModelNotFoundException(ModelId));
        DeactivateOnIdle();
        return true;
    }

    public async Task<IngestResult> IngestOnce(Immutable<IReadOnlyList<InferenceEvent>> batch, string idempotencyKey)
    {
        EnsureDefined();
        if (batchKeys.Find(idempotencyKey) is { } seen)
        {
            return seen.Events == batch.Value.Count
                ? seen.Result
                : throw new InvalidRequestException(IdempotencyKeyHeader,
                    $"already names a batch of {seen.Events} events, and this one holds {batch.Value.Count}: send each batch under a key of its own");
        }
        var result = await Ingest(batch);
        batchKeys.Add(idempotencyKey, batch.Value.Count, result);
        MarkUnstored();
        return result;
    }

    /// <summary>The HTTP header that carries a batch's idempotency key, as errors name it.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<IngestResult> Ingest(Immutable<IReadOnlyList<InferenceEvent>> batch)
    {
        EnsureDefined();
        var events = batch.Value;
        var now = clock.GetUtcNow();
        var task = definition.State.Task;
        EventValidator.Validate(events, task, now);

        var nowSecond = now.ToUnixTimeSeconds();
        var (late, duplicate, unmatched) = (0, 0, 0);
        // The events counted once, as inferences: all of them unless the batch repeats ids or carries labels only.
        List<InferenceEvent>? counted = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Id is { } id && (EventValidator.IsLabelOnly(e) || labels.Holds(id)))
            {
                counted ??= [.. events.Take(i)];
                var joined = JoinLabel(id, e.Label, e.Timestamp?.ToUnixTimeSeconds() ?? nowSecond);
                duplicate += joined == JoinOutcome.Unmatched ? 0 : 1;
                unmatched += joined == JoinOutcome.Unmatched ? 1 : 0;
                continue;
            }
            counted?.Add(e);
            var observation = ObservationFactory.From(e, task, nowSecond) with { Judgement = labels.Judge(e, task, definition.State.PositiveClass) };
            if (window.Record(observation, nowSecond))
            {
                broadcast.Revised(observation.Second);
                if (e.Id is not null)
                {
                    // The second the window counted it in: an event from the future counts now.
                    labels.Remember(e, Math.Min(observation.Second, nowSecond), task);
                    labelsChanged = true;
                }
            }
            else
            {
                late++;
            }
        }
        events = counted ?? events;
        var (learned, ignored) = features.Learn(events);
        if (learned || ignored.Count > 0)
        {
            if (learned)
            {
                broadcast.DefinitionChanged();
            }
            RecordIgnored(ignored, now);
            await definition.WriteStateAsync();
        }
        var baselineCompleted = drift.Observe(events, nowSecond, now, DriftDefinition);
        for (var i = Math.Max(0, events.Count - settings.RecentEvents); i < events.Count; i++)
        {
            recent.Add(events[i].Timestamp is null ? events[i] with { Timestamp = now } : events[i]);
        }
        if (batch.Value.Count > 0)
        {
            MarkChanged();
            MarkUnstored();
        }
        if (baselineCompleted)
        {
            await checkpoints.WriteDriftAsync();
        }
        if (batch.Value.Count > 0 && reportedStatus is null or ModelStatus.NoData)
        {
            // The first events of a model (or of this activation) show in the fleet's list as soon as they are acknowledged.
            await ReportHeadline();
        }
        return new IngestResult(batch.Value.Count, late, ignored.Count, duplicate, unmatched);
    }

    private void RecordIgnored(IReadOnlyCollection<string> ignored, DateTimeOffset now)
    {
        if (ignored.Count == 0)
        {
            return;
        }
        var state = definition.State;
        state.IgnoredFeatures += ignored.Count;
        state.LastIgnoredFeatureAt = now;
        state.IgnoredFeatureExamples.AddRange(ignored.Order(StringComparer.Ordinal).Take(FeatureCatalog.IgnoredExamples - state.IgnoredFeatureExamples.Count));
    }

    public async Task<BaselineSummary> SetBaseline(Immutable<BaselineProfile> profile)
    {
        EnsureDefined();
        var info = drift.Replace(profile.Value, "upload", clock.GetUtcNow(), DriftDefinition);
        await checkpoints.WriteDriftAsync();
        MarkChanged();
        return info;
    }

    public Task<DriftReport> GetDrift(DateTimeOffset? from, DateTimeOffset? to)
    {
        EnsureDefined();
        if (from is { } start && to is { } end && start >= end)
        {
            throw new InvalidRequestException("from", $"{start:O} is not before to ({end:O})");
        }
        return Task.FromResult(drift.Report(from, to, clock.GetUtcNow(), DriftDefinition));
    }

    public Task WhenStored() => Defined ? checkpoints.WhenStored() : throw new ModelNotFoundException(ModelId);

    public Task<MetricsSnapshot> GetMetrics()
    {
        EnsureDefined();
        return Task.FromResult(window.Snapshot(NowSecond, definition.State.Task, scoring: Scoring) with { LabelJoin = labels.Stats() });
    }

    public Task<IReadOnlyList<InferenceEvent>> GetLogs(int limit)
    {
        EnsureDefined();
        return Task.FromResult(recent.Latest(limit));
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        // Once the host is stopping the stream queues may already be gone: publishing then fails placement. What a stop
        // must keep, the checkpoint, is written on deactivation, which the silo's stop runs for every model.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }
        if (!Defined)
        {
            DisarmTick();
            return;
        }
        var now = clock.GetUtcNow();
        var nowSecond = now.ToUnixTimeSeconds();
        drift.Refresh(now, settings.DriftInterval, DriftDefinition, DriftRuleWindows);
        ExpireLabels(now);
        await EvaluateAlerts(now);
        metrics.Report(ModelId, window.Snapshot(nowSecond, definition.State.Task, scoring: Scoring), drift.Latest, Book.Open);
        SealMinutes(nowSecond);
        var current = window.Snapshot(nowSecond, definition.State.Task, scoring: Scoring);
        if (changedSincePublish || current.Count > 0)
        {
            changedSincePublish = false;
            reportPending = true;
            // The per-class report (matrix, scores per class) stays out of the frame: every tick of every model carries the
            // headline, and GET …/metrics serves the report.
            current = current with { Classes = null };
            await stream.OnNextAsync(broadcast.Next(
                now, window, definition.State.Task, (ModelId, StatusOf(current), current, FiringAlerts), drift.Summary,
                () => View(includeHistory: false), recent.TakeNew(settings.LogSamplesPerTick)));
        }
        var idle = Idle(nowSecond);
        await ReportWhenDue(now, StatusOf(current), idle);
        if (idle)
        {
            DisarmTick();
        }
    }

    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        if (checkpoints.Due && Defined)
        {
            await WriteLabels();
            await checkpoints.WriteAsync(window, minuteHistory);
        }
        DisarmCheckpointWhenStored();
    }

    private int FiringAlerts => Book.Open.Count(alert => alert.State == AlertState.Firing);

    private ModelDefinitionView DriftDefinition => new(definition.State.Features, definition.State.Drift);

    private void EnsureDefined()
    {
        if (!Exists())
        {
            throw new ModelNotFoundException(ModelId);
        }
    }

    private ModelView View(bool includeHistory)
    {
        var now = clock.GetUtcNow();
        var nowSecond = now.ToUnixTimeSeconds();
        var state = definition.State;
        var metrics = window.Snapshot(nowSecond, state.Task, scoring: Scoring);
        return new ModelView
        {
            Id = ModelId,
            Name = state.Name,
            Version = state.Version,
            Task = state.Task,
            Status = StatusOf(metrics),
            Features = state.Features.ToArray(),
            Metrics = metrics,
            History = includeHistory ? window.History(nowSecond, state.Task, Scoring) : [],
            Drift = drift.Summary,
            DriftSettings = state.Drift,
            PositiveClass = state.PositiveClass,
            OpenAlerts = FiringAlerts,
            UpdatedAt = now,
            CreatedAt = state.CreatedAt,
        };
    }
}
