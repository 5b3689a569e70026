using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains.Hosting;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Endpoints;

/// <summary>The silos of the cluster, read from Orleans' membership table and each silo's own list of activations.</summary>
public static class ClusterApi
{
    /// <summary>How long one silo is given to list its models; a silo that is dying must not hold the page up.</summary>
    public static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(2);

    internal static void MapClusterApi(this RouteGroupBuilder api) =>
        api.MapGet("/cluster", GetCluster).WithName(nameof(GetCluster)).Requires(ApiAction.Read).WithTags("Cluster")
            .WithSummary("Get the silos of the cluster, their state and the models active on each.");

    public static async Task<Ok<ClusterView>> GetCluster(IGrainFactory grains, IOptions<ClusterSettings> cluster, ClaimsPrincipal user)
    {
        var scope = Caller.ScopeOf(user);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var modelType = grains.GetGrain<IModelGrain>(ModelProbeKey).GetGrainId().Type;
        var silos = await Task.WhenAll(hosts
            .OrderBy(host => host.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(host => host.StartTime)
            .Select(async host => new SiloView(
                host.SiloAddress.Endpoint.ToString(),
                host.SiloName,
                SiloNames.RoleOf(host.SiloName),
                StatusOf(host),
                host.Status == SiloStatus.Active ? (await ModelsOn(management, host.SiloAddress, modelType))?.Where(scope.Allows).ToArray() : [],
                new DateTimeOffset(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc)))));
        return TypedResults.Ok(new ClusterView(cluster.Value.IsCluster ? ClusterModes.Redis : ClusterModes.Embedded, silos));
    }

    /// <summary>Any key: only the grain type of its id is used.</summary>
    private const string ModelProbeKey = "-";

    private static async Task<IReadOnlyList<string>?> ModelsOn(IManagementGrain management, SiloAddress silo, GrainType modelType)
    {
        try
        {
            var activations = await management.GetDetailedGrainStatistics(hostsIds: [silo]).WaitAsync(SiloAnswerTimeout);
            return activations
                .Where(activation => activation.GrainId.Type == modelType)
                .Select(activation => activation.GrainId.Key.ToString()!)
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return null;
        }
    }

    private static string StatusOf(MembershipEntry host) => host.Status switch
    {
        SiloStatus.Active when host.SuspectTimes is { Count: > 0 } => "suspected",
        SiloStatus.Active => "active",
        SiloStatus.Joining => "joining",
        SiloStatus.ShuttingDown => "shutting-down",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "created",
    };
}
