using ModelOps.Contracts;

namespace ModelOps.Grains.Insights;

/// <summary>
/// The cached insight of one alert (key: the alert id), persisted so it survives a restart until it is regenerated. An
/// alert id is reused when a model is deleted and created again, so the cache is tied to the alert's start.
/// </summary>
[Alias("ModelOps.IAlertInsightGrain")]
public interface IAlertInsightGrain : IGrainWithStringKey
{
    /// <summary>The cached insight of the alert that started at <paramref name="alertStartedAt"/>; null when there is none.</summary>
    [Alias("Get")]
    Task<AlertInsight?> Get(DateTimeOffset alertStartedAt);

    [Alias("Save")]
    Task Save(DateTimeOffset alertStartedAt, AlertInsight insight);
}
