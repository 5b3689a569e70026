using Orleans.Serialization;
using Microsoft.Extensions.Options;
using ModelOps.Grains;
using ModelOps.Grains.Models;
using ModelOps.Grains.Serialization;
using ModelOps.Grains.Storage;

namespace ModelOps.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// Embedded mode: one silo with localhost clustering, grain state in a SQLite file under
    /// <c>ModelOps:DataDir</c>, in-memory streams.
    /// </summary>
    public static WebApplicationBuilder AddModelOpsSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        Validate(silo);
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        // The dashboard's files come from the Dashboard project's build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort);
            orleans.AddSqliteGrainStorage(Names.Storage, storage => storage.DataDirectory = Path.GetFullPath(silo.DataDir));
            orleans.AddMemoryGrainStorage(Names.PubSubStore);
            orleans.AddMemoryStreams(Names.StreamProvider);
            orleans.Services.AddSerializer(serializer => serializer.AddContractSerialization());
        });
        return builder;
    }

    /// <summary>Serves the Blazor WebAssembly dashboard at <c>/</c>.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        app.MapFallbackToFile("index.html");
        return app;
    }

    /// <summary>The silo is configured before the host is built, so its options are checked here, by the same rules.</summary>
    private static void Validate(SiloOptions options)
    {
        var result = new DataAnnotationValidateOptions<SiloOptions>(null).Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(SiloOptions.Section, typeof(SiloOptions), result.Failures);
        }
    }
}
