using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;
using Radzen;

namespace ModelOps.Dashboard.Services;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's services: Radzen, the store, the session, the one live connection to <paramref name="serverRoot"/> and its REST backfill.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, Uri serverRoot)
    {
        services.AddRadzenComponents();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<IStreamConnector>(new WebSocketStreamConnector(serverRoot));
        services.AddSingleton<LiveConnection>();
        services.AddSingleton<SessionState>();
        // REST calls (drift reports, alerts, rules, channels) go through the public typed client, on the same origin; the
        // browser sends the session cookie with them, and a 401 among their answers leads to the sign-in page.
        services.AddSingleton(provider => new ModelOpsClient(
            new HttpClient(new SignInRedirectHandler(provider.GetRequiredService<SessionState>()) { InnerHandler = new HttpClientHandler() })
            {
                BaseAddress = serverRoot,
            }));
        services.AddSingleton<RestBackfill>();
        services.AddSingleton<SessionKeeper>();
        return services;
    }
}
