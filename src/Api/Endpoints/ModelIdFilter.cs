using Microsoft.AspNetCore.Http;
using ModelOps.Contracts;

namespace ModelOps.Api.Endpoints;

/// <summary>Rejects an invalid model id before any handler (or grain) sees it.</summary>
internal sealed class ModelIdFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues["id"] is string id && !ModelId.IsValid(id)
            ? ValueTask.FromResult<object?>(TypedResults.Problem(Errors.Problems.InvalidModelId(id)))
            : next(context);
}
