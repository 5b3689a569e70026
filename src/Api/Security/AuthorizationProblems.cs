using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>
/// Words the refusals of authorization as problems: 401 saying how to get a key (or why the one sent was refused),
/// 429 with Retry-After for an address that failed too often, 403 naming the role the operation needs.
/// </summary>
public sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    public const string HowToGetAKey =
        "Send an API key as 'Authorization: Bearer mov_…' or 'X-API-Key: mov_…'. An admin creates one with POST /api/v1/keys; "
        + "the first admin key is the one set as ModelOps:Auth:AdminKey (or MODELOPS_ADMIN_KEY). The dashboard signs in at /signin.";

    private readonly AuthorizationMiddlewareResultHandler passThrough = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var refused = (await context.AuthenticateAsync(ModelOpsClaims.Scheme)).Failure?.Message;
            if (context.Items[ApiKeyVerifier.RetryAfterItem] is TimeSpan wait)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, "Too many failed authentications", refused!);
                return;
            }
            await context.ChallengeAsync(ModelOpsClaims.Scheme);
            await WriteAsync(context, "Authentication required", refused is null ? HowToGetAKey : $"{refused} {HowToGetAKey}");
            return;
        }
        if (authorizeResult.Forbidden)
        {
            var needed = policy.Requirements.OfType<MinimumRoleRequirement>().Select(requirement => requirement.Role).DefaultIfEmpty().Max();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, "Forbidden", ForbiddenDetail(context.User, needed, "This operation"), ("requiredRole", ApiRoles.Name(needed)));
            return;
        }
        await passThrough.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The 403 an endpoint filter answers when part of an operation (<paramref name="what"/>) needs <paramref name="needed"/>.</summary>
    public static IResult Forbidden(ClaimsPrincipal user, ApiRole needed, string what) => TypedResults.Problem(
        ForbiddenDetail(user, needed, what), statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
        extensions: new Dictionary<string, object?> { ["requiredRole"] = ApiRoles.Name(needed) });

    private static string ForbiddenDetail(ClaimsPrincipal user, ApiRole needed, string what)
    {
        var held = Caller.RoleOf(user);
        return $"{what} needs the role '{ApiRoles.Name(needed)}' or above; the key '{user.Identity?.Name}' has the role '{(held is { } role ? ApiRoles.Name(role) : "none")}'.";
    }

    private Task WriteAsync(HttpContext context, string title, string detail, params (string Name, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = context.Response.StatusCode, Title = title, Detail = detail };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
