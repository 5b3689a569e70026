using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;
using Radzen;

namespace ModelOps.Dashboard.Services;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's services: Radzen, the store, the one live connection to <paramref name="serverRoot"/> and its REST backfill.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, Uri serverRoot)
    {
        services.AddRadzenComponents();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<IStreamConnector>(new WebSocketStreamConnector(serverRoot));
        services.AddSingleton<LiveConnection>();
        // REST calls (drift reports, alerts, rules, channels) go through the public typed client, on the same origin.
        services.AddSingleton(new ModelOpsClient(new HttpClient { BaseAddress = serverRoot }));
        services.AddSingleton<RestBackfill>();
        return services;
    }
}
