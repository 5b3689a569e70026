using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelOps.Grains;
using ModelOps.Grains.Models;

namespace ModelOps.Api;

/// <summary>Ready once a grain call round-trips: the silo (or the cluster this API is a client of) accepts calls.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).List().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"cluster answers; {models.Count} models");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the cluster does not accept calls yet", ex);
        }
    }
}
