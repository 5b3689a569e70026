using Microsoft.AspNetCore.Authorization;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>The authorization policies, one per role: a policy admits its role and every role above it.</summary>
public static class ModelOpsPolicies
{
    public const string Viewer = "viewer";
    public const string Producer = "producer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static string For(ApiRole role) => role switch
    {
        ApiRole.Viewer => Viewer,
        ApiRole.Producer => Producer,
        ApiRole.Editor => Editor,
        _ => Admin,
    };

    internal static void Add(AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            options.AddPolicy(For(role), policy => policy
                .AddAuthenticationSchemes(ModelOpsClaims.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new MinimumRoleRequirement(role)));
        }
    }
}

/// <summary>The caller's role is <see cref="Role"/> or above.</summary>
public sealed class MinimumRoleRequirement(ApiRole role) : IAuthorizationRequirement
{
    public ApiRole Role { get; } = role;
}

internal sealed class MinimumRoleRequirementHandler : AuthorizationHandler<MinimumRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MinimumRoleRequirement requirement)
    {
        if (Caller.RoleOf(context.User) is { } held && held >= requirement.Role)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
