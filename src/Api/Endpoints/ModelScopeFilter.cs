using Microsoft.AspNetCore.Http;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Grains.Alerting.Lifecycle;

namespace ModelOps.Api.Endpoints;

/// <summary>A model outside the caller's scope does not exist for the caller: 404 before any handler sees it.</summary>
internal sealed class ModelScopeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues["id"] is string id && !Caller.ScopeOf(context.HttpContext.User).Allows(id)
            ? throw new ProblemException(Problems.ModelNotFound(id).Value)
            : next(context);
}

/// <summary>An alert of a model outside the caller's scope does not exist for the caller (its id names its model).</summary>
internal sealed class AlertScopeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues["alertId"] is string alertId
        && AlertIds.TryParseModelId(alertId, out var modelId) && !Caller.ScopeOf(context.HttpContext.User).Allows(modelId!)
            ? throw new ProblemException(Problems.AlertNotFound(alertId).Value)
            : next(context);
}
