using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ModelOps.Api.Errors;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;

namespace ModelOps.Api.Endpoints;

/// <summary>
/// The dashboard's session: a key is checked once and kept in an HttpOnly, SameSite=Strict cookie, which the browser
/// sends with every request of the dashboard and with the stream's handshake, and which no script can read.
/// </summary>
public static class SessionApi
{
    internal static void MapSessionApi(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/session").WithTags("Session");
        session.MapGet("/", GetSession).WithName(nameof(GetSession)).Requires(ApiAction.Read)
            .WithSummary("Who the caller is: the key's name, role and model scope, or anonymous loopback access.");
        session.MapPost("/", SignIn).WithName(nameof(SignIn)).AllowAnonymous()
            .WithSummary("Sign in with an API key: the answer sets the HttpOnly, SameSite=Strict session cookie that the dashboard's requests and stream carry.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        session.MapDelete("/", SignOut).WithName(nameof(SignOut)).AllowAnonymous()
            .WithSummary("Sign out: the session cookie is cleared.");
    }

    public static Ok<SessionView> GetSession(ClaimsPrincipal user) => TypedResults.Ok(ViewOf(user));

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SignIn(SessionRequest body, HttpContext context, ApiKeyVerifier verifier)
    {
        if (body.Key is not { Length: > 0 } key)
        {
            throw new InvalidRequestException("key", "required: the API key (mov_…) to sign in with");
        }
        var (principal, failure) = await verifier.VerifyAsync(key, context);
        if (principal is null)
        {
            if (context.Items[ApiKeyVerifier.RetryAfterItem] is TimeSpan wait)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(failure, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications");
            }
            return TypedResults.Problem($"{failure} {AuthorizationProblems.HowToGetAKey}", statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required");
        }
        context.Response.Cookies.Append(ApiKeyHeaders.SessionCookie, key, CookieOptions(context.Request));
        return TypedResults.Ok(ViewOf(principal));
    }

    public static NoContent SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(ApiKeyHeaders.SessionCookie, CookieOptions(context.Request));
        return TypedResults.NoContent();
    }

    /// <summary>A session cookie (no expiry: it ends with the browser) for the whole site, never sent cross-site, never read by scripts.</summary>
    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    private static SessionView ViewOf(ClaimsPrincipal user) => new()
    {
        Name = user.Identity?.Name ?? "",
        Role = Caller.RoleOf(user) ?? ApiRole.Viewer,
        Models = Caller.ScopeOf(user).Patterns,
        Anonymous = user.FindFirst(ModelOpsClaims.KeyId) is null,
    };
}
