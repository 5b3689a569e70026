using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

public static class RoleEndpointExtensions
{
    /// <summary>The endpoints need <paramref name="role"/> or above; the document states it (see <c>SecurityOperationFilter</c>).</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ApiRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ModelOpsPolicies.For(role))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The endpoints need the role that <see cref="ApiPermissions"/> names for <paramref name="action"/>: the matrix the dashboard reads too.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ApiAction action) where TBuilder : IEndpointConventionBuilder =>
        builder.Requires(ApiPermissions.Needs(action));

    /// <summary>
    /// With <c>?<paramref name="query"/>=true</c> the endpoint also needs the role of <paramref name="action"/>: for a query
    /// that turns a read into something dearer (<c>assist=true</c> spends the AI quota). Refused with the same 403 problem.
    /// </summary>
    public static RouteHandlerBuilder RequiresWhenQuery(this RouteHandlerBuilder builder, string query, ApiAction action) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (bool.TryParse(http.Request.Query[query], out var on) && on)
            {
                var needed = ApiPermissions.Needs(action);
                var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
                if (!(await authorization.AuthorizeAsync(http.User, ModelOpsPolicies.For(needed))).Succeeded)
                {
                    return AuthorizationProblems.Forbidden(http.User, needed, $"{query}=true");
                }
            }
            return await next(context);
        });
}
