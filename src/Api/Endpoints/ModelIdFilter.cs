using Microsoft.AspNetCore.Http;
using ModelOps.Api.Errors;
using ModelOps.Contracts;

namespace ModelOps.Api.Endpoints;

/// <summary>Rejects an invalid model id before any handler (or grain) sees it.</summary>
internal sealed class ModelIdFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues["id"] is string id && !ModelId.IsValid(id)
            ? throw new ProblemException(Problems.InvalidModelId(id))
            : next(context);
}
