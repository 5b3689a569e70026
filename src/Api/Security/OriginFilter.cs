using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelOps.Api.Errors;

namespace ModelOps.Api.Security;

/// <summary>
/// Refuses, before the WebSocket upgrade, a handshake whose <c>Origin</c> is neither the server's own nor one of
/// <c>ModelOps:Auth:AllowedOrigins</c>: a browser sends a page's cookies with a WebSocket handshake to any site, so
/// without this check any page could read the stream as the signed-in user (cross-site WebSocket hijacking).
/// Clients that are not browsers send no <c>Origin</c> and are not concerned.
/// </summary>
internal sealed class OriginFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var origin = http.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0 || IsAllowed(origin, http.Request, http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value))
        {
            return next(context);
        }
        throw new ProblemException(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Origin not allowed",
            Detail = $"The stream does not accept connections from pages of '{Truncate(origin)}': only from this server's own pages and from the origins of {AuthOptions.Section}:AllowedOrigins.",
        });
    }

    public static bool IsAllowed(string origin, HttpRequest request, AuthOptions options) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
        || options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
