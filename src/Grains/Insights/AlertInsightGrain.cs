using ModelOps.Contracts;

namespace ModelOps.Grains.Insights;

/// <inheritdoc cref="IAlertInsightGrain"/>
public sealed class AlertInsightGrain(
    [PersistentState("insight", Names.Storage)] IPersistentState<AlertInsightState> state) : Grain, IAlertInsightGrain
{
    public Task<AlertInsight?> Get(DateTimeOffset alertStartedAt) =>
        Task.FromResult(state.State.AlertStartedAt == alertStartedAt ? state.State.Insight : null);

    public async Task Save(DateTimeOffset alertStartedAt, AlertInsight insight)
    {
        state.State.AlertStartedAt = alertStartedAt;
        state.State.Insight = insight;
        await state.WriteStateAsync();
    }
}

/// <summary>Persisted insight of one alert. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.AlertInsightState")]
public sealed class AlertInsightState
{
    [Id(0)] public DateTimeOffset AlertStartedAt { get; set; }
    [Id(1)] public AlertInsight? Insight { get; set; }
}
