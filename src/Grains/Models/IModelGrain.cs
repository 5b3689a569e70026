using Orleans.Concurrency;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Insights;

namespace ModelOps.Grains.Models;

/// <summary>One model: its definition, rolling metrics and recent events. Key: the model id.</summary>
[Alias("ModelOps.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the definition; returns the model.</summary>
    [Alias("Define")]
    Task<ModelView> Define(ModelDefinition definition);

    /// <summary>The model, or null when it is not defined.</summary>
    [Alias("Get")]
    Task<ModelView?> Get(bool includeHistory);

    /// <summary>
    /// The model with its whole history, or null when it is not defined; its broadcasts carry history points for
    /// <paramref name="lease"/> from now (renew the lease to keep them coming).
    /// </summary>
    [Alias("Watch")]
    Task<ModelView?> Watch(TimeSpan lease);

    /// <summary>Which activation answers and whether its timers are armed; activates the model like any call.</summary>
    [Alias("GetActivity")]
    Task<ModelActivity> GetActivity();

    /// <summary>Removes the model and its state; false when there was nothing to remove.</summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>Validates the whole batch, then folds it into the window.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    /// <exception cref="InvalidRequestException">An event is invalid; nothing was applied.</exception>
    [Alias("Ingest")]
    Task<IngestResult> Ingest(Immutable<IReadOnlyList<InferenceEvent>> events);

    /// <summary>Validates the whole batch of delayed labels, then joins each to its event by id.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    /// <exception cref="InvalidRequestException">A label is invalid; nothing was applied.</exception>
    [Alias("Label")]
    Task<LabelResult> Label(Immutable<IReadOnlyList<DelayedLabel>> labels);

    /// <summary>
    /// As <see cref="Ingest"/>, for a batch named by <paramref name="idempotencyKey"/>: when the key is among the model's
    /// last <c>ModelOps:IdempotencyKeys</c> (a retry of a batch already recorded), answers as the first time and records
    /// nothing. The key is checkpointed with the batch's events, so it outlives a crash exactly when they do.
    /// </summary>
    /// <exception cref="InvalidRequestException">The key already names a batch of another size.</exception>
    [Alias("IngestOnce")]
    Task<IngestResult> IngestOnce(Immutable<IReadOnlyList<InferenceEvent>> events, string idempotencyKey);

    /// <summary>
    /// Completes once everything the model recorded before this call is in storage: with the checkpoint being written,
    /// or the next one (group commit). Interleaves, so it waits without holding up ingest.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The model is not defined, or was deleted while this waited.</exception>
    [AlwaysInterleave, Alias("WhenStored")]
    Task WhenStored();

    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetMetrics")]
    Task<MetricsSnapshot> GetMetrics();

    /// <summary>
    /// The metrics from <paramref name="from"/> to <paramref name="to"/> (default: the last window), a point per
    /// <paramref name="step"/>: 1 second (within the window) or 1 minute (up to a day back); by default per second when
    /// the range fits in the window.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    /// <exception cref="InvalidRequestException">from is not before to, the range is longer than a day, or the step is neither 1s nor 1m.</exception>
    [Alias("GetHistory")]
    Task<MetricsHistory> GetHistory(DateTimeOffset? from, DateTimeOffset? to, TimeSpan? step);

    /// <summary>Replaces the baseline with the profile of an upload (folded row by row where it was read) and starts a fresh drift comparison.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("SetBaselineProfile")]
    Task<BaselineSummary> SetBaseline(Immutable<BaselineProfile> profile);

    /// <summary>The drift report of the window's events between from and to (the whole window when null).</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetDrift")]
    Task<DriftReport> GetDrift(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>The most recent events, newest first.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetLogs")]
    Task<IReadOnlyList<InferenceEvent>> GetLogs(int limit);

    /// <summary>The model's alert rules.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetRules")]
    Task<IReadOnlyList<AlertRule>> GetRules();

    /// <summary>Validates the whole rule set, then replaces the rules atomically; alerts of removed rules resolve.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    /// <exception cref="InvalidRequestException">A rule is invalid (field <c>rules[i].name</c>); nothing was applied.</exception>
    [Alias("SetRules")]
    Task<IReadOnlyList<AlertRule>> SetRules(IReadOnlyList<AlertRule> rules);

    /// <summary>The model's whole monitoring setup (configuration as code), or null when it is not defined.</summary>
    [Alias("GetConfig")]
    Task<ModelConfiguration?> GetConfig();

    /// <summary>
    /// Validates the definition and the rule set together, then applies both (creating the model when it is not
    /// defined): a document that fails anywhere changes nothing. Features keep the <c>learned</c> flag they are given.
    /// </summary>
    /// <param name="definition">The new definition.</param>
    /// <param name="rules">The new rule set, replacing the old one whole.</param>
    /// <param name="metricsWindow">The metrics window the document states, if any: it must be the server's, which is not set per model.</param>
    /// <exception cref="InvalidRequestException">The first invalid field, by its definition path (<c>features[1].drift.method</c>) or rule path (<c>rules[0].op</c>), or <c>windows.metrics</c>; nothing was applied.</exception>
    [Alias("ApplyConfig")]
    Task<ModelConfiguration> ApplyConfig(ModelDefinition definition, IReadOnlyList<AlertRule> rules, TimeSpan? metricsWindow);

    /// <summary>
    /// Runs every check of <see cref="ApplyConfig"/> and applies nothing: how a proposed document (AI assistance) is
    /// known to be one that <c>PUT …/config</c> would accept.
    /// </summary>
    /// <exception cref="InvalidRequestException">The first invalid field, as <see cref="ApplyConfig"/> reports it.</exception>
    [Alias("CheckConfig")]
    Task CheckConfig(ModelDefinition definition, IReadOnlyList<AlertRule> rules, TimeSpan? metricsWindow);

    /// <summary>The model's alerts, newest first, optionally of one state.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetAlerts")]
    Task<IReadOnlyList<AlertView>> GetAlerts(AlertState? state, int limit);

    /// <summary>Acknowledges an open alert (no more repeat notifications); null when the model has no such alert.</summary>
    [Alias("Acknowledge")]
    Task<AlertView?> Acknowledge(string alertId, AlertActionRequest request);

    /// <summary>Resolves an alert by hand; null when the model has no such alert.</summary>
    [Alias("Resolve")]
    Task<AlertView?> Resolve(string alertId, AlertActionRequest request);

    /// <summary>The facts an insight into the alert rests on; null when the model has no such alert.</summary>
    [Alias("GetInsightFacts")]
    Task<InsightFacts?> GetInsightFacts(string alertId);

    /// <summary>Sends a retraining request to the model's <c>retrain</c> channels.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("Retrain")]
    Task<RetrainView> Retrain(RetrainRequest request);

    /// <summary>The model's retraining requests, newest first.</summary>
    [Alias("GetRetrains")]
    Task<IReadOnlyList<RetrainView>> GetRetrains();

    /// <summary>Records the outcome of one delivery attempt (called by the silo's dispatcher).</summary>
    [Alias("RecordDelivery")]
    Task RecordDelivery(DeliveryAttempt attempt);

}

/// <summary>
/// What a model grain publishes on its stream once per tick: what changed since its previous broadcast, so the stream
/// costs O(change) per tick, not O(window).
/// </summary>
/// <param name="ModelId">The model.</param>
/// <param name="Model">
/// The whole model, without history, when its definition or drift summary changed since the previous broadcast (and in the
/// first broadcast of an activation); null otherwise: the receiver keeps what it holds and takes the headline fields below.
/// </param>
/// <param name="Status">The model's status now.</param>
/// <param name="Metrics">The window's metrics now, without the per-class report (<see cref="MetricsSnapshot.Classes"/> is null; <see cref="IModelGrain.GetMetrics"/> has it).</param>
/// <param name="OpenAlerts">Alerts firing now.</param>
/// <param name="UpdatedAt">When the broadcast was made.</param>
/// <param name="Points">
/// The per-second history points from the first second that changed since the previous broadcast through now, oldest first
/// (empty while nobody watches the model: <see cref="IModelGrain.Watch"/> answers with the whole history): merge them by
/// second (<see cref="ModelUpdates.Merge(IReadOnlyList{HistoryPoint}, IReadOnlyList{HistoryPoint}, TimeSpan)"/>).
/// </param>
/// <param name="Logs">Events sampled since the previous broadcast, newest first.</param>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelBroadcast")]
public sealed record ModelBroadcast(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelView? Model,
    [property: Id(2)] ModelStatus Status,
    [property: Id(3)] MetricsSnapshot Metrics,
    [property: Id(4)] int OpenAlerts,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] IReadOnlyList<HistoryPoint> Points,
    [property: Id(7)] IReadOnlyList<InferenceEvent> Logs)
{
    /// <summary>
    /// The model this broadcast leaves a receiver holding <paramref name="held"/> with, history included; null when it holds
    /// nothing yet and the broadcast does not carry the whole model.
    /// </summary>
    public ModelView? ApplyTo(ModelView? held)
    {
        var model = Model ?? held;
        if (model is null)
        {
            return null;
        }
        return model with
        {
            Status = Status,
            Metrics = Metrics,
            OpenAlerts = OpenAlerts,
            UpdatedAt = UpdatedAt,
            History = ModelUpdates.Merge(held?.History ?? [], Points, Metrics.Window),
        };
    }
}

/// <summary>A model was added to or removed from the fleet.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.FleetChange")]
public sealed record FleetChange(
    [property: Id(0)] string ModelId,
    [property: Id(1)] bool Removed);
