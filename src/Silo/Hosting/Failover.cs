using Orleans.Configuration;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// Cluster-mode timings chosen for a failover a user can watch: a silo that stops answering is declared dead about
/// <see cref="ProbeTimeout"/> × <see cref="MissedProbes"/> after its last answer (6 s; a killed process refuses
/// connections, so its probes fail at once), its models are activated again on another silo at their next call, and
/// clients and silos learn of joins and deaths within <see cref="TableRefresh"/> even without gossip. Orleans' defaults
/// (5 s probes, 60 s table refresh, 60 s gateway list refresh) suit large clusters on busy networks; these suit the
/// handful of silos this service runs on. One silo's vote is enough to declare another dead in a two-silo cluster
/// (Orleans asks for a majority of the active silos, capped by <c>NumVotesForDeathDeclaration</c>).
/// </summary>
public static class Failover
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbes = 3;
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);

    /// <summary>A call to a silo that died before it was declared dead fails after this, as a 503 the producer retries.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Dead silos stay listed (GET /api/v1/cluster) for this long, then Orleans removes their entries.</summary>
    public static readonly TimeSpan DeadSiloRetention = TimeSpan.FromHours(1);

    public static void Configure(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = ProbeTimeout;
        membership.NumMissedProbesLimit = MissedProbes;
        membership.TableRefreshTimeout = TableRefresh;
        membership.DefunctSiloExpiration = DeadSiloRetention;
        membership.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
    }

    public static void Configure(GatewayOptions gateways) => gateways.GatewayListRefreshPeriod = TableRefresh;

    public static void Configure(MessagingOptions messaging) => messaging.ResponseTimeout = ResponseTimeout;
}
