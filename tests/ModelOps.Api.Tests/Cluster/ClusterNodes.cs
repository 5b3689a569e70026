using System.Net.Http.Json;
using ModelOps.Api.Tests.Hosting;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// A three-process cluster of the published build on one Redis, as the README's quick start runs it: an <c>all</c> node
/// (silo, API, dashboard), a <c>silo</c> node (grains only) and an <c>api</c> node (an Orleans client that holds no
/// model), with a cluster id of its own so that clusters of different tests sharing a Redis never meet.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly Func<string, IReadOnlyDictionary<string, string>> environmentOf;
    private readonly List<ProductProcess> more = [];

    private ClusterNodes(ProductProcess all, ProductProcess silo, ProductProcess api, string clusterId, Func<string, IReadOnlyDictionary<string, string>> environmentOf)
    {
        All = all;
        Silo = silo;
        Api = api;
        ClusterId = clusterId;
        this.environmentOf = environmentOf;
    }

    public ProductProcess All { get; }

    public ProductProcess Silo { get; }

    public ProductProcess Api { get; }

    public string ClusterId { get; }

    /// <summary>The admin key every node is seeded with: in cluster mode loopback requests need a key like any other.</summary>
    public static readonly string AdminKey = Security.SecureServer.NewSecret();

    /// <summary>A client that sends <see cref="AdminKey"/>.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", AdminKey) } };

    /// <summary>Starts the two silos, then the API node, and waits until the API node sees both silos active.</summary>
    public static async Task<ClusterNodes> StartAsync(RedisServer redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clusterId = $"test-{Guid.NewGuid():N}"[..20];
        IReadOnlyDictionary<string, string> For(string role)
        {
            var environment = new Dictionary<string, string>
            {
                ["ModelOps__Role"] = role,
                ["ModelOps__Cluster__Redis"] = redis.ConnectionString,
                ["ModelOps__Cluster__Id"] = clusterId,
                ["ModelOps__Cluster__AdvertisedAddress"] = "127.0.0.1",
                ["ModelOps__Simulator__Enabled"] = "false",
                ["ModelOps__TickInterval"] = "00:00:00.500",
                ["MODELOPS_ADMIN_KEY"] = AdminKey,
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }
            return environment;
        }
        var starting = await Task.WhenAll(ProductProcess.StartAsync(For("all")), ProductProcess.StartAsync(For("silo")));
        var api = await ProductProcess.StartAsync(For("api"));
        var nodes = new ClusterNodes(starting[0], starting[1], api, clusterId, For);
        try
        {
            await Task.WhenAll(nodes.All.WaitUntilReadyAsync(nodes.Http), nodes.Silo.WaitUntilReadyAsync(nodes.Http), nodes.Api.WaitUntilReadyAsync(nodes.Http));
            await nodes.WaitForClusterAsync(view => view.Silos.Count(silo => silo.Status == "active") == 2, "both silos active");
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
        return nodes;
    }

    /// <summary>Starts one more <c>silo</c> node of this cluster and waits until it is ready; disposed with the cluster.</summary>
    public async Task<ProductProcess> StartSiloAsync()
    {
        var silo = await ProductProcess.StartAsync(environmentOf("silo"));
        more.Add(silo);
        await silo.WaitUntilReadyAsync(Http);
        return silo;
    }

    /// <summary>
    /// Starts an <c>api</c> node of this cluster serving HTTP on <paramref name="port"/>, as a load balancer would send a
    /// client that lost its node to another one at the same address; waits until it is ready; disposed with the cluster.
    /// </summary>
    public async Task<ProductProcess> StartApiOnPortAsync(int port)
    {
        var api = await ProductProcess.StartOnPortAsync(port, environmentOf("api"));
        more.Add(api);
        await api.WaitUntilReadyAsync(Http);
        return api;
    }

    /// <summary>GET /api/v1/cluster through the API node.</summary>
    public async Task<ClusterView> ReadClusterAsync() =>
        (await Http.GetFromJsonAsync(new Uri(Api.Root, "api/v1/cluster"), ModelOpsJsonContext.Default.ClusterView, TestContext.Current.CancellationToken))!;

    /// <summary>Waits until the API node's view of the cluster satisfies <paramref name="condition"/>; 503s on the way are waited out.</summary>
    public async Task<ClusterView> WaitForClusterAsync(Func<ClusterView, bool> condition, string awaited, TimeSpan? timeout = null)
    {
        ClusterView? last = null;
        try
        {
            await TestData.WaitUntil(async () =>
            {
                using var response = await Http.GetAsync(new Uri(Api.Root, "api/v1/cluster"), TestContext.Current.CancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
                last = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.ClusterView, TestContext.Current.CancellationToken);
                return condition(last!);
            }, timeout ?? TimeSpan.FromSeconds(60), awaited);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message} Last view: {Describe(last)}", timedOut);
        }
        return last!;
    }

    public static string Describe(ClusterView? view) => view is null
        ? "none"
        : $"{view.Mode}: " + string.Join("; ", view.Silos.Select(silo => $"{silo.Role} {silo.Address} {silo.Status} [{string.Join(",", silo.Models ?? ["?"])}]"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var silo in more)
        {
            await silo.DisposeAsync();
        }
        await Api.DisposeAsync();
        await Silo.DisposeAsync();
        await All.DisposeAsync();
    }
}
