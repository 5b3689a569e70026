using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Hosting;

namespace ModelOps.Api.Security;

public static class SecurityServiceCollectionExtensions
{
    private const string CorsPolicy = "allowed-origins";

    /// <summary>API keys, the authentication scheme, a policy per role, and the problems that refusals are worded as.</summary>
    public static IServiceCollection AddModelOpsSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .PostConfigure<IConfiguration>((auth, configuration) =>
            {
                auth.AdminKey ??= configuration[AuthOptions.AdminKeyVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
                // Off in cluster mode: a cluster is a service others reach, where loopback may be a proxy.
                auth.AllowAnonymousLoopback ??= !ClusterSettings.InCluster(configuration);
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        services.AddSingleton<IAuthorizationHandler, MinimumRoleRequirementHandler>();
        services.AddHostedService<LoopbackExposureLog>();
        // No default scheme: only endpoints with a policy authenticate, so a stale cookie costs nothing on the dashboard's files.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ModelOpsClaims.Scheme, _ => { });
        services.AddAuthorization(ModelOpsPolicies.Add);
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<AuthOptions>>((cors, auth) =>
            cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(auth.Value.AllowedOrigins).AllowAnyHeader().AllowAnyMethod()));
        return services;
    }

    /// <summary>CORS (only when <c>ModelOps:Auth:AllowedOrigins</c> names origins), authentication and authorization.</summary>
    public static WebApplication UseModelOpsSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AllowedOrigins.Length > 0)
        {
            app.UseCors(CorsPolicy);
        }
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
