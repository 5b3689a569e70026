using System.Net;
using Microsoft.Extensions.Options;
using ModelOps.Grains;
using ModelOps.Grains.Models;
using ModelOps.Grains.Serialization;
using ModelOps.Grains.Storage;
using ModelOps.Grains.Streaming;
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
        services.AddSingleton(TimeProvider.System);
        // The dashboard's files come from the Dashboard project's build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering();
            orleans.AddSqliteGrainStorage(Names.Storage, _ => { });
            orleans.AddModelOpsStreams();
            orleans.Services.AddSerializer(serializer => serializer.AddContractSerialization());
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

    /// <summary>Serves the Blazor WebAssembly dashboard at <c>/</c>.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        app.MapFallbackToFile("index.html");
        // An unknown API path is a 404 problem, not the dashboard's page.
        app.Map("/api/{**path}", (string? path) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such endpoint",
            detail: $"There is no API endpoint at /api/{path}; see /swagger for the ones there are.")).ExcludeFromDescription();
        return app;
    }
}
