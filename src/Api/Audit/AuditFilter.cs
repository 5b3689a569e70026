using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ModelOps.Grains.Alerting.Lifecycle;

namespace ModelOps.Api.Audit;

/// <summary>Marks an endpoint whose successful calls change nothing worth recording (ingest, insights, a channel test).</summary>
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// Records every successful change made through the endpoints it filters: any method but GET, HEAD and OPTIONS, unless
/// the endpoint is <see cref="NotAuditedAttribute">not audited</see>, once the handler has answered with a 2xx. The model
/// is the path's <c>{id}</c>, or the model of the path's <c>{alertId}</c>. A change that failed is not recorded: it
/// changed nothing. The entry is stored before the answer is sent; if the trail cannot be written, the change (already
/// applied) is still answered and the failure logged with the entry.
/// </summary>
internal sealed partial class AuditFilter(IAuditLog audit, ILogger<AuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<NotAuditedAttribute>() is not null)
        {
            return result;
        }
        var status = StatusOf(result);
        if (status is < 200 or >= 300)
        {
            return result;
        }
        var action = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? http.Request.Method;
        try
        {
            await audit.RecordAsync(http, action, ModelOf(http.Request.RouteValues), status);
        }
        catch (Exception ex)
        {
            LogNotRecorded(logger, ex, action, http.Request.Path, http.User.Identity?.Name);
        }
        return result;
    }

    private static int StatusOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        return result is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;
    }

    private static string? ModelOf(RouteValueDictionary route) =>
        route["id"] as string ?? (AlertIds.TryParse(route["alertId"] as string, out var modelId, out _) ? modelId : null);

    [LoggerMessage(Level = LogLevel.Error, Message = "A change was applied but not recorded in the audit trail: {Action} {Path} by {Actor}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string action, string path, string? actor);
}
