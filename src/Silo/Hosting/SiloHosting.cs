using System.Net;
using Microsoft.Extensions.Options;
using ModelOps.Grains;
using ModelOps.Grains.Models;
using ModelOps.Grains.Serialization;
using ModelOps.Grains.Storage;
using ModelOps.Grains.Streaming;
using ModelOps.Grains.Telemetry;
using Orleans.Configuration;
using Orleans.Serialization;

namespace ModelOps.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// Embedded mode: one silo with localhost clustering, grain state in a SQLite file under
    /// <c>ModelOps:DataDir</c>, in-memory streams. Settings are read when the host starts, through validated options.
    /// </summary>
    public static WebApplicationBuilder AddModelOpsSilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelMetricsOptions>().BindConfiguration(ModelMetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<StartupLog>();
        // The dashboard's files come from the Dashboard project's build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering();
            orleans.AddSqliteGrainStorage(Names.Storage, _ => { });
            orleans.AddModelOpsStreams();
            orleans.Services.AddSerializer(serializer => serializer.AddContractSerialization());
            orleans.AddModelOpsMetrics();
            // Grain calls join the caller's trace when a tracer listens (OTLP); without one this costs nothing.
            orleans.AddActivityPropagation();
        });
        services.AddOptions<EndpointOptions>().Configure<IOptions<SiloOptions>>((endpoints, silo) =>
        {
            endpoints.SiloPort = silo.Value.SiloPort;
            endpoints.GatewayPort = silo.Value.GatewayPort;
        });
        services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<SiloOptions>>((membership, silo) =>
            membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, silo.Value.SiloPort));
        services.AddOptions<SqliteGrainStorageOptions>(Names.Storage).Configure<IOptions<SiloOptions>>((storage, silo) =>
            storage.DataDirectory = Path.GetFullPath(silo.Value.DataDir));
        return builder;
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
}
