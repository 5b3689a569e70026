using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>Checks a presented key: known, not expired, and its client address not throttled; every refusal is counted.</summary>
public sealed class ApiKeyVerifier(ApiKeyStore keys, FailedAuthentications failures, TimeProvider clock)
{
    /// <summary>Where a refusal for too many failures leaves its Retry-After for <see cref="AuthorizationProblems"/>.</summary>
    internal const string RetryAfterItem = "modelops:auth-retry-after";

    /// <summary>The identity <paramref name="secret"/> stands for, or why it is refused; every refusal is counted against the client address.</summary>
    public async Task<(ClaimsPrincipal? Principal, string? Failure)> VerifyAsync(string secret, HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (failures.RetryAfter(address) is { } wait)
        {
            failures.Record(address, FailedAuthentications.Reasons.Throttled);
            context.Items[RetryAfterItem] = wait;
            return (null, $"Too many failed authentications from {address}; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }
        var key = ApiKeySecret.LooksLikeKey(secret) ? await keys.FindAsync(secret) : null;
        if (key is null)
        {
            failures.Record(address, FailedAuthentications.Reasons.Unknown);
            return (null, "The API key is not valid: it was never issued, or it was revoked.");
        }
        if (key.ExpiresAt <= clock.GetUtcNow())
        {
            failures.Record(address, FailedAuthentications.Reasons.Expired);
            return (null, $"The API key '{key.Name}' expired at {key.ExpiresAt:O}.");
        }
        var role = ApiRoles.TryParse(key.Role, out var parsed) ? parsed : ApiRole.Viewer;
        return (Caller.Principal(key.Name, role, key.Models, key.Id), null);
    }
}
