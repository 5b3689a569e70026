using System.Security.Claims;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>What the authenticated identity says about the caller.</summary>
public static class Caller
{
    public static ApiRole? RoleOf(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.Role)?.Value is { } role && ApiRoles.TryParse(role, out var parsed) ? parsed : null;

    /// <summary>The caller's model scope; nothing when unauthenticated.</summary>
    public static ModelScope ScopeOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? new ModelScope(user.FindAll(ModelOpsClaims.Model).Select(claim => claim.Value).ToArray()) : ModelScope.None;

    public static bool IsAdmin(ClaimsPrincipal user) => RoleOf(user) == ApiRole.Admin;

    public static ClaimsPrincipal Principal(string name, ApiRole role, IReadOnlyList<string> models, string? keyId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, ApiRoles.Name(role)) };
        if (keyId is not null)
        {
            claims.Add(new Claim(ModelOpsClaims.KeyId, keyId));
        }
        claims.AddRange(models.Select(model => new Claim(ModelOpsClaims.Model, model)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ModelOpsClaims.Scheme));
    }
}
