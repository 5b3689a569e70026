using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelOps.Api.Configuration;
using ModelOps.Api.Insights;

namespace ModelOps.Api.AI;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="AiOptions"/> (the key falls back to the <c>GEMINI_API_KEY</c> and <c>API_KEY</c> environment variables),
    /// the reusable <see cref="StructuredChat"/>, and what is built on it: alert insights and configuration assistance.
    /// </summary>
    public static IServiceCollection AddModelOpsAi(this IServiceCollection services)
    {
        services.AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.Section)
            .PostConfigure(options => options.ApiKey = string.IsNullOrWhiteSpace(options.ApiKey)
                ? AiOptions.KeyVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(key => !string.IsNullOrWhiteSpace(key))
                : options.ApiKey)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StructuredChat>();
        services.AddSingleton<InsightGenerator>();
        services.AddSingleton<InsightService>();
        services.AddSingleton<ConfigAssistant>();
        return services;
    }
}
