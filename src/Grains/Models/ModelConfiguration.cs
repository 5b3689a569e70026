using ModelOps.Contracts;
using ModelOps.Grains.Drift;

namespace ModelOps.Grains.Models;

/// <summary>
/// A model's whole monitoring setup, as configuration as code reads and writes it: the definition (with its drift
/// overrides and learned features), the alert rules, and what the defaults resolve to for this model.
/// </summary>
/// <param name="ModelId">The model's id.</param>
/// <param name="Definition">Name, version, task, features and drift settings as stored.</param>
/// <param name="Rules">The alert rules, every field filled in as validation leaves it.</param>
/// <param name="DefaultDrift">The default selector's choice per baseline feature; empty while the model has no baseline.</param>
/// <param name="MetricsWindow">The server's rolling metrics window (<c>ModelOps:Window</c>), the longest a performance rule may use.</param>
[GenerateSerializer, Immutable, Alias("ModelOps.ModelConfiguration")]
public sealed record ModelConfiguration(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelDefinition Definition,
    [property: Id(2)] IReadOnlyList<AlertRule> Rules,
    [property: Id(3)] IReadOnlyList<DefaultDriftChoice> DefaultDrift,
    [property: Id(4)] TimeSpan MetricsWindow);
