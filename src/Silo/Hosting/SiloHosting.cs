using System.Net;
using Microsoft.Extensions.Options;
using ModelOps.Api;
using ModelOps.Api.Security;
using ModelOps.Grains;
using ModelOps.Grains.Hosting;
using ModelOps.Grains.Sealing;
using ModelOps.Grains.Serialization;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Serialization;

namespace ModelOps.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// Composes the process for its <c>ModelOps:Role</c>: a silo (<c>all</c>, <c>silo</c>) or an Orleans client
    /// (<c>api</c>), embedded (localhost clustering, SQLite) or in the Redis cluster of <c>ModelOps:Cluster:Redis</c>.
    /// Settings are read when the host starts, through validated options; only the role and whether there is a
    /// cluster are read now, because they decide what is composed.
    /// </summary>
    public static HostRole AddModelOpsHost(this WebApplicationBuilder builder)
    {
        var role = HostRole.Of(builder.Configuration);
        var inCluster = ClusterSettings.InCluster(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, RoleValidation>();
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<StartupLog>();
        services.AddModelOpsHostFilter();
        if (role.ServesApi)
        {
            // The dashboard's files come from the Dashboard project's build output in every environment, not only Development.
            builder.WebHost.UseStaticWebAssets();
        }
        if (role.HostsGrains)
        {
            builder.UseOrleans(orleans =>
            {
                orleans.AddModelOpsGrains();
                if (inCluster)
                {
                    orleans.UseRedisClustering(_ => { });
                }
                else
                {
                    orleans.UseLocalhostClustering();
                }
            });
            services.AddOptions<EndpointOptions>().Configure<IOptions<SiloOptions>, IOptions<ClusterSettings>>((endpoints, silo, cluster) =>
            {
                endpoints.SiloPort = silo.Value.SiloPort;
                endpoints.GatewayPort = silo.Value.GatewayPort;
                if (cluster.Value.AdvertisedAddress is { } advertised && IPAddress.TryParse(advertised, out var address))
                {
                    endpoints.AdvertisedIPAddress = address;
                }
            });
            services.AddOptions<Orleans.Configuration.SiloOptions>().Configure<IOptions<SiloOptions>>((orleans, silo) =>
                orleans.SiloName = SiloNames.For(silo.Value.Role, silo.Value.SiloPort));
            services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<SiloOptions>>((membership, silo) =>
                membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, silo.Value.SiloPort));
            if (inCluster)
            {
                services.AddOptions<ClusterMembershipOptions>().Configure(Failover.Configure);
                services.AddOptions<SiloMessagingOptions>().Configure(Failover.Configure);
            }
            if (!role.ServesApi)
            {
                services.AddModelOpsHealthChecks();
            }
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                if (inCluster)
                {
                    client.UseRedisClustering(_ => { });
                }
                else
                {
                    // An api node without a cluster does not start (RoleValidation says why); it must get that far.
                    client.UseLocalhostClustering();
                }
                client.AddMemoryStreams(Names.StreamProvider);
                client.Services.AddSerializer(serializer => serializer.AddContractSerialization());
                client.UseConnectionRetryFilter<GatewayWait>();
            });
            // The silos seal secrets with it; this node's session cookies use it too, with the cluster's key ring.
            services.AddModelOpsDataProtection(builder.Configuration);
            services.AddOptions<GatewayOptions>().Configure(Failover.Configure);
            services.AddOptions<ClientMessagingOptions>().Configure(Failover.Configure);
        }
        if (inCluster)
        {
            services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterSettings>>((orleans, cluster) =>
            {
                orleans.ClusterId = cluster.Value.Id;
                orleans.ServiceId = cluster.Value.Id;
            });
            services.AddOptions<RedisClusteringOptions>().Configure<IOptions<ClusterSettings>>((redis, cluster) =>
                redis.ConfigurationOptions = ModelOpsSiloBuilderExtensions.RedisConfiguration(cluster.Value));
        }
        return role;
    }

    /// <summary>
    /// Serves a request for one of the dashboard's routes with its host page: the path becomes <c>/index.html</c> before
    /// routing, so the page is the static asset endpoint's (compressed, with its ETag and <c>no-cache</c>). Call it
    /// before <see cref="EndpointRoutingApplicationBuilderExtensions.UseRouting"/>.
    /// </summary>
    public static WebApplication UseDashboardRoutes(this WebApplication app)
    {
        var routes = DashboardRoutes.Of(typeof(ModelOps.Dashboard.App).Assembly);
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                if (routes.Contains(context.Request.Path))
                {
                    context.Request.Path = "/index.html";
                }
            }
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The dashboard's files through the build's static asset manifest: precompressed (Brotli, gzip) by content
    /// negotiation, fingerprinted files cached as immutable, the rest revalidated by ETag.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        // An unknown API path is a 404 problem, not the dashboard's page: see ApiRequestGuard.
        app.MapStaticAssets();
        return app;
    }

    /// <summary>
    /// The role against the cluster settings, and a silo's ports: a port another process holds stops the start at once,
    /// naming its key, rather than as a socket error from deep inside Orleans' start.
    /// </summary>
    private sealed class RoleValidation(IOptions<ClusterSettings> cluster) : IValidateOptions<SiloOptions>
    {
        public ValidateOptionsResult Validate(string? name, SiloOptions options)
        {
            var failures = new List<string>();
            if (HostRole.Validate(options, cluster.Value) is { } role)
            {
                failures.Add(role);
            }
            if (options.Role != HostRole.Api)
            {
                failures.AddRange(new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) }
                    .Where(port => port.Item2 is > 0 and <= 65535 && InUse(port.Item2))
                    .Select(port => $"{SiloOptions.Section}:{port.Item1} {port.Item2} is already in use by another process; give this silo a free port."));
            }
            return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
        }

        private static bool InUse(int port)
        {
            try
            {
                var listener = new System.Net.Sockets.TcpListener(IPAddress.Any, port);
                listener.Start();
                listener.Stop();
                return false;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return true;
            }
        }
    }
}
