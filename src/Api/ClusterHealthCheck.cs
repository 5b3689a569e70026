using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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

public static class HealthEndpoints
{
    /// <summary>The readiness check, for every role: a silo without the API serves the same probes.</summary>
    public static IServiceCollection AddModelOpsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ClusterHealthCheck.ReadyTag]);
        return services;
    }

    /// <summary><c>/health/live</c> (the process runs) and <c>/health/ready</c> (the cluster accepts calls).</summary>
    public static IEndpointRouteBuilder MapModelOpsHealthChecks(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithTags("Health");
        routes.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ClusterHealthCheck.ReadyTag) }).WithTags("Health");
        return routes;
    }
}
