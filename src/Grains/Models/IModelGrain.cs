using Orleans.Concurrency;
using ModelOps.Contracts;

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

    /// <summary>Removes the model and its state; false when there was nothing to remove.</summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>Validates the whole batch, then folds it into the window.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    /// <exception cref="InvalidRequestException">An event is invalid; nothing was applied.</exception>
    [Alias("Ingest")]
    Task<IngestResult> Ingest(Immutable<IReadOnlyList<InferenceEvent>> events);

    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetMetrics")]
    Task<MetricsSnapshot> GetMetrics();

    /// <summary>Replaces the baseline with uploaded rows and starts a fresh drift comparison.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("SetBaseline")]
    Task<BaselineSummary> SetBaseline(Immutable<List<Dictionary<string, ScalarValue>>> rows);

    /// <summary>The drift report of the window's events between from and to (the whole window when null).</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetDrift")]
    Task<DriftReport> GetDrift(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>The most recent events, newest first.</summary>
    /// <exception cref="ModelNotFoundException">The model is not defined.</exception>
    [Alias("GetLogs")]
    Task<IReadOnlyList<InferenceEvent>> GetLogs(int limit);
}

/// <summary>What a model grain publishes on its stream once per tick.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelBroadcast")]
public sealed record ModelBroadcast(
    [property: Id(0)] ModelView Model,
    [property: Id(1)] IReadOnlyList<InferenceEvent> Logs);

/// <summary>A model was added to or removed from the fleet.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.FleetChange")]
public sealed record FleetChange(
    [property: Id(0)] string ModelId,
    [property: Id(1)] bool Removed);
