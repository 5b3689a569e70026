using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Grains.Models;

/// <summary>Keeps the fleet's model ids and tells the fleet stream when the set changes.</summary>
public sealed class ModelRegistryGrain(
    [PersistentState("registry", Names.Storage)] IPersistentState<RegistryState> state) : Grain, IModelRegistryGrain
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
        }
    }

    public async Task Remove(string modelId)
    {
        if (state.State.ModelIds.Remove(modelId))
        {
            await state.WriteStateAsync();
            await fleet!.OnNextAsync(new FleetChange(modelId, Removed: true));
        }
    }

    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.ModelIds.Order(StringComparer.Ordinal).ToArray());
}

[GenerateSerializer, Alias("ModelOps.RegistryState")]
public sealed class RegistryState
{
    [Id(0)] public HashSet<string> ModelIds { get; set; } = new(StringComparer.Ordinal);
}
