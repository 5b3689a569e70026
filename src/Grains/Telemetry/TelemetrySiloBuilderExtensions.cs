using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelOps.Grains.Telemetry;

public static class TelemetrySiloBuilderExtensions
{
    /// <summary>
    /// The silo's metrics: per-model gauges fed by the model grains, and the ingest counter. The host binds
    /// <see cref="ModelMetricsOptions"/> (defaults otherwise).
    /// </summary>
    public static ISiloBuilder AddModelOpsMetrics(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddServiceMetrics();
        silo.Services.AddSingleton<ModelMetrics>();
        silo.AddIncomingGrainCallFilter<IngestCounter>();
        return silo;
    }

    /// <summary>The service's counters; every layer that counts calls this, and the first registration wins.</summary>
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ServiceMetrics>();
        return services;
    }
}
