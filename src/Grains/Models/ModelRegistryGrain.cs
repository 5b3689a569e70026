using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Grains.Models;

/// <summary>Keeps the fleet's model ids and tells the fleet stream (and the log) when the set changes.</summary>
public sealed partial class ModelRegistryGrain(
    [PersistentState("registry", Names.Storage)] IPersistentState<RegistryState> state,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain
{
    private IAsyncStream<FleetChange>? fleet;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        fleet = this.GetStreamProvider(Names.StreamProvider)
            .GetStream<FleetChange>(StreamId.Create(Names.FleetStreamNamespace, Names.FleetKey));
        return Task.CompletedTask;
    }

    public async Task Add(string modelId)
    {
        if (state.State.ModelIds.Add(modelId))
        {
            await state.WriteStateAsync();
            await fleet!.OnNextAsync(new FleetChange(modelId, Removed: false));
            LogCreated(modelId, state.State.ModelIds.Count);
        }
    }

    public async Task Remove(string modelId)
    {
        if (state.State.ModelIds.Remove(modelId))
        {
            await state.WriteStateAsync();
            await fleet!.OnNextAsync(new FleetChange(modelId, Removed: true));
            LogDeleted(modelId, state.State.ModelIds.Count);
        }
    }

    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.ModelIds.Order(StringComparer.Ordinal).ToArray());

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
