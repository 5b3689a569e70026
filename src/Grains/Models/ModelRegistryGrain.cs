using Microsoft.Extensions.Logging;
using ModelOps.Contracts;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Grains.Models;

/// <summary>
/// Keeps the fleet's model ids and tells the fleet stream (and the log) when the set changes; holds each model's last
/// reported headline in memory, so listing, searching and paging never call the models. The ids are stored; the
/// headlines are not (the models report them again as they change, and a listing reads a model without one from the model).
/// </summary>
public sealed partial class ModelRegistryGrain(
    [PersistentState("registry", Names.Storage)] IPersistentState<RegistryState> state,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain
{
    private IAsyncStream<FleetChange>? fleet;
    private SortedSet<string> ids = null!;
    private readonly Dictionary<string, ModelView> headlines = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        fleet = this.GetStreamProvider(Names.StreamProvider)
            .GetStream<FleetChange>(StreamId.Create(Names.FleetStreamNamespace, Names.FleetKey));
        ids = new SortedSet<string>(state.State.ModelIds, StringComparer.Ordinal);
        // The headlines live only in this activation: it stays as long as the silo does.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public async Task Add(string modelId)
    {
        if (state.State.ModelIds.Add(modelId))
        {
            ids.Add(modelId);
            await state.WriteStateAsync();
            await fleet!.OnNextAsync(new FleetChange(modelId, Removed: false));
            LogCreated(modelId, state.State.ModelIds.Count);
        }
    }

    public async Task Remove(string modelId)
    {
        headlines.Remove(modelId);
        if (state.State.ModelIds.Remove(modelId))
        {
            ids.Remove(modelId);
            await state.WriteStateAsync();
            await fleet!.OnNextAsync(new FleetChange(modelId, Removed: true));
            LogDeleted(modelId, state.State.ModelIds.Count);
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(ids.ToArray());

    public Task Report(ModelView headline)
    {
        if (ids.Contains(headline.Id))
        {
            headlines[headline.Id] = headline;
        }
        return Task.CompletedTask;
    }

    public Task<FleetPage> Page(FleetQuery query) => Task.FromResult(FleetListing.Page(ids, headlines, query));

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {ModelId} created ({Models} models)")]
    private partial void LogCreated(string modelId, int models);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {ModelId} deleted ({Models} models)")]
    private partial void LogDeleted(string modelId, int models);
}

[GenerateSerializer, Alias("ModelOps.RegistryState")]
public sealed class RegistryState
{
    [Id(0)] public HashSet<string> ModelIds { get; set; } = new(StringComparer.Ordinal);
}
