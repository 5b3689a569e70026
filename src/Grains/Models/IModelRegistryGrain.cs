namespace ModelOps.Grains.Models;

/// <summary>The set of defined model ids. One instance, key <see cref="Names.FleetKey"/>.</summary>
[Alias("ModelOps.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string modelId);

    [Alias("Remove")]
    Task Remove(string modelId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
