using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Insights;
using ModelOps.Grains.Models;

using ModelOps.Grains.Telemetry;

namespace ModelOps.Api.Insights;

/// <summary>
/// <c>POST /api/v1/alerts/{alertId}/insight</c>: the alert's cached insight, or a new one (on the first request and on
/// refresh), persisted per alert. Runs on request only, off the model grain, so alerting never waits on it.
/// </summary>
public sealed class InsightService(IGrainFactory grains, InsightGenerator generator, ServiceMetrics metrics)
{
    /// <summary>The insight; null when there is no such alert.</summary>
    public async Task<AlertInsight?> GetAsync(string alertId, bool refresh, CancellationToken cancellationToken)
    {
        if (!AlertIds.TryParseModelId(alertId, out var modelId))
        {
            return null;
        }
        InsightFacts? facts;
        try
        {
            facts = await grains.GetGrain<IModelGrain>(modelId).GetInsightFacts(alertId);
        }
        catch (ModelNotFoundException)
        {
            return null;
        }
        if (facts is null)
        {
            return null;
        }
        var cache = grains.GetGrain<IAlertInsightGrain>(alertId);
        if (!refresh && await cache.Get(facts.Alert.StartedAt) is { } cached)
        {
            return cached;
        }
        var insight = await generator.GenerateAsync(facts, cancellationToken);
        metrics.Insight(insight.Provider, fallback: insight.FallbackReason is not null);
        await cache.Save(facts.Alert.StartedAt, insight);
        return insight;
    }
}
