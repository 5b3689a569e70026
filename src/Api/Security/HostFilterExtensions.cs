using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ModelOps.Api.Security;

public static class HostFilterExtensions
{
    /// <summary><see cref="HostFilterOptions"/>, bound from <c>ModelOps:Auth</c> and validated at start.</summary>
    public static IServiceCollection AddModelOpsHostFilter(this IServiceCollection services)
    {
        services.AddOptions<HostFilterOptions>().BindConfiguration(HostFilterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The <see cref="HostFilter"/>: first in the pipeline, so a foreign host reaches nothing, dashboard and health included.</summary>
    public static IApplicationBuilder UseModelOpsHostFilter(this IApplicationBuilder app) => app.UseMiddleware<HostFilter>();
}
