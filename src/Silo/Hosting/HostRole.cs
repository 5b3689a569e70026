using ModelOps.Grains.Hosting;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// The part this process plays (<c>ModelOps:Role</c>), read before the host is built because it decides what is composed.
/// A value that is not a role composes <see cref="All"/>, and the validated options then stop the process naming the key.
/// </summary>
public readonly record struct HostRole(string Name)
{
    public const string All = "all";
    public const string Silo = "silo";
    public const string Api = "api";

    /// <summary>Runs grains: <c>all</c> and <c>silo</c>.</summary>
    public bool HostsGrains => Name != Api;

    /// <summary>Serves the API and the dashboard: <c>all</c> and <c>api</c>.</summary>
    public bool ServesApi => Name != Silo;

    public static HostRole Of(IConfiguration configuration) => configuration[SiloOptions.RoleKey] switch
    {
        Silo => new(Silo),
        Api => new(Api),
        _ => new(All),
    };

    /// <summary>The settings' problems that no single option can see: <c>silo</c> and <c>api</c> need a cluster to be part of.</summary>
    public static string? Validate(SiloOptions silo, ClusterSettings cluster) =>
        silo.Role is Silo or Api && !cluster.IsCluster
            ? $"{SiloOptions.RoleKey} is {silo.Role}, which runs as part of a cluster: set {ClusterSettings.RedisKey} to the Redis connection string of the cluster (e.g. 127.0.0.1:6379)."
            : null;

    public override string ToString() => Name;
}
