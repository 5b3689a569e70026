namespace ModelOps.Contracts;

/// <summary><c>GET /api/v1/cluster</c>: how the service runs and, per silo, its state and the models active on it.</summary>
/// <param name="Mode"><c>embedded</c> (one process, localhost clustering) or <c>redis</c> (a cluster on Redis).</param>
/// <param name="Silos">Every silo the membership table lists, active ones first; dead ones stay listed for an hour.</param>
public sealed record ClusterView(string Mode, IReadOnlyList<SiloView> Silos);

/// <summary>One silo of the cluster.</summary>
/// <param name="Address">The silo's advertised endpoint, <c>ip:port</c> (its silo port).</param>
/// <param name="Name">The silo's name: its role, host and silo port (<c>all@host:11111</c>).</param>
/// <param name="Role"><c>all</c> (also serves the API and the dashboard) or <c>silo</c> (grains only).</param>
/// <param name="Status">
/// <c>joining</c>, <c>active</c>, <c>suspected</c> (active, but another silo has voted it down), <c>shutting-down</c>,
/// <c>stopping</c>, <c>dead</c> or <c>created</c>.
/// </param>
/// <param name="Models">
/// Ids of the model grains active on the silo, sorted; empty for a silo that is not active, and null for an active
/// silo that did not answer within 2 s (it may be dying: its models move once it is declared dead).
/// </param>
/// <param name="StartedAt">When the silo started.</param>
public sealed record SiloView(string Address, string Name, string Role, string Status, IReadOnlyList<string>? Models, DateTimeOffset StartedAt);

/// <summary>The values of <see cref="ClusterView.Mode"/>.</summary>
public static class ClusterModes
{
    public const string Embedded = "embedded";
    public const string Redis = "redis";
}
