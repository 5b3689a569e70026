using ModelOps.Contracts;
using Orleans.Concurrency;

namespace ModelOps.Grains.Models;

/// <summary>
/// The set of defined model ids and each model's headline (the model as <c>GET /api/v1/models</c> lists it), reported by
/// the models themselves, so a listing reads one grain instead of every model. One instance, key <see cref="Names.FleetKey"/>.
/// </summary>
[Alias("ModelOps.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string modelId);

    [Alias("Remove")]
    Task Remove(string modelId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();

    /// <summary>A model's current headline (without history); ignored for a model not in the set.</summary>
    [AlwaysInterleave, Alias("Report")]
    Task Report(ModelView headline);

    /// <summary>One page of the fleet, by id (ordinal) after <see cref="FleetQuery.After"/>.</summary>
    [AlwaysInterleave, Alias("Page")]
    Task<FleetPage> Page(FleetQuery query);
}

/// <summary>
/// What a listing asks for: at most <paramref name="Limit"/> models with ids after <paramref name="After"/>, within
/// <paramref name="Scope"/> (patterns of <see cref="ModelScopePattern"/>), whose id or name holds <paramref name="Text"/>
/// (any case) and whose status is <paramref name="Status"/>, when given.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.FleetQuery")]
public sealed record FleetQuery(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? After,
    [property: Id(2)] string? Text,
    [property: Id(3)] ModelStatus? Status,
    [property: Id(4)] IReadOnlyList<string> Scope);

/// <summary>
/// A page: the models in id order, each with its headline, or only its id when the registry has none yet (after the
/// registry's own restart, until the model reports); <paramref name="Next"/> is the id to continue after, null on the last page.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.FleetPage")]
public sealed record FleetPage([property: Id(0)] IReadOnlyList<FleetEntry> Entries, [property: Id(1)] string? Next);

[GenerateSerializer, Immutable, Alias("ModelOps.FleetEntry")]
public sealed record FleetEntry([property: Id(0)] string Id, [property: Id(1)] ModelView? Headline);
