using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

public static class RoleEndpointExtensions
{
    /// <summary>The endpoints need <paramref name="role"/> or above; the document states it (see <c>SecurityOperationFilter</c>).</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ApiRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ModelOpsPolicies.For(role))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
