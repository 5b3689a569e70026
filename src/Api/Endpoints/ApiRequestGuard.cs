using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ModelOps.Api.Errors;

namespace ModelOps.Api.Endpoints;

/// <summary>
/// What every API request goes through after routing and before its handler: a path no endpoint serves is a 404
/// problem, a body of a type the operation does not take (or one without a Content-Type) is a 415 problem naming the
/// types it does take, and a body is held to the operation's size limit. A JSON body is read whole here, within that
/// limit, so that a JSON error can later be placed in it (<see cref="BindingProblems"/>).
/// </summary>
/// <remarks>
/// There is no catch-all API route: it would sit beside every real route, and routing prefers it to a route whose
/// content type does not match, so a PUT without a Content-Type would be told there is no such endpoint.
/// </remarks>
internal sealed class ApiRequestGuard(RequestDelegate next, EndpointDataSource endpoints, IOptions<ApiOptions> options)
{
    /// <summary>The name ASP.NET Core routing gives the endpoint it picks when every route at a path refused the request's Content-Type.</summary>
    private const string RoutingRejectedContentType = "415 HTTP Unsupported Media Type";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            throw new ProblemException(Problems.NoSuchEndpoint(request.Path).Value);
        }
        if (endpoint.DisplayName == RoutingRejectedContentType)
        {
            throw new ProblemException(Problems.UnsupportedMediaType(request.ContentType, AcceptedAt(context)));
        }
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts)
        {
            var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
            if (string.IsNullOrEmpty(request.ContentType) && (hasBody || !accepts.IsOptional))
            {
                throw new ProblemException(Problems.UnsupportedMediaType(request.ContentType, AcceptedAt(context)));
            }
            if (hasBody)
            {
                await LimitBodyAsync(context, endpoint.Metadata.GetMetadata<BodyLimit>()?.Of(context.RequestServices) ?? options.Value.MaxBodyBytes);
            }
        }
        await next(context);
    }

    /// <summary>413 at once when the declared length is over the limit; otherwise the server stops reading at the limit.</summary>
    private static async Task LimitBodyAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {maxBytes} are accepted per request."));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        if (request.HasJsonContentType())
        {
            // In memory up to the limit (pooled pages, never a file), and read whole now, so a body past the limit is
            // refused before any of it is bound.
            request.EnableBuffering((int)Math.Min(maxBytes, int.MaxValue), maxBytes);
            await request.Body.DrainAsync(context.RequestAborted);
            request.Body.Position = 0;
        }
    }

    /// <summary>The media types the routes at the request's path and method take.</summary>
    private string[] AcceptedAt(HttpContext context) => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(route => route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) != false)
        .Where(route => new TemplateMatcher(new RouteTemplate(route.RoutePattern), []).TryMatch(context.Request.Path, []))
        .SelectMany(route => route.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToArray();
}
