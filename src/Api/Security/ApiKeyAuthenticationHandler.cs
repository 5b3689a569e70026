using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>
/// Authenticates a request by its key (<c>Authorization: Bearer</c>, <c>X-API-Key</c>, <c>?access_token=</c> on a
/// WebSocket handshake, or the dashboard's session cookie), or, with no key, as the admin <c>loopback</c> when the
/// request comes from this machine and <c>ModelOps:Auth:AllowAnonymousLoopback</c> is on.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    IOptions<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var address = Context.Connection.RemoteIpAddress;
        if (CredentialOf(Request) is not { } presented)
        {
            return auth.Value.AnonymousLoopback && IsLoopback(address)
                ? Success(Caller.Principal(ModelOpsClaims.LoopbackName, ApiRole.Admin, [ModelScope.All], keyId: null))
                : AuthenticateResult.NoResult();
        }
        var outcome = await verifier.VerifyAsync(presented, Context);
        return outcome.Principal is { } principal ? Success(principal) : AuthenticateResult.Fail(outcome.Failure!);
    }

    /// <summary>The key the request carries, by header, WebSocket query or session cookie, in that order.</summary>
    public static string? CredentialOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        if (request.Headers[ApiKeyHeaders.ApiKey].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }
        // Only on the handshake: a browser cannot set headers there, and a key in any other URL ends up in logs for nothing.
        if (request.HttpContext.WebSockets.IsWebSocketRequest && request.Query[ApiKeyHeaders.AccessTokenQuery].ToString() is { Length: > 0 } query)
        {
            return query;
        }
        return request.Cookies[ApiKeyHeaders.SessionCookie] is { Length: > 0 } cookie ? cookie : null;
    }

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"modelops\"";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, ModelOpsClaims.Scheme));
}
