using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Audit;

namespace ModelOps.Api.Audit;

/// <summary>
/// Records a change in the fleet's audit trail, with who made it (the authenticated key's name and id) and from where
/// (the client's address). The <see cref="AuditFilter"/> calls it for every successful change of the API; an endpoint
/// outside the filter's groups calls it itself.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records <paramref name="action"/> as made by the request's caller, answered with <paramref name="status"/>.</summary>
    /// <param name="context">The request: its user, client address, method and path.</param>
    /// <param name="action">The operation id, e.g. <c>CreateKey</c>.</param>
    /// <param name="modelId">The model the change concerns, or null for a fleet-wide one.</param>
    /// <param name="status">The status of the answer.</param>
    Task<AuditEntry> RecordAsync(HttpContext context, string action, string? modelId, int status);
}

/// <summary>Writes to the <see cref="IAuditGrain"/>, so the trail is persisted and shared by every node of a cluster.</summary>
public sealed class GrainAuditLog(IGrainFactory grains) : IAuditLog
{
    /// <summary>The claim that carries the id of the API key a request was authenticated with.</summary>
    public const string KeyIdClaim = Security.ModelOpsClaims.KeyId;

    /// <summary>The actor of a request that no authentication named.</summary>
    public const string Anonymous = "anonymous";

    public const int MaxPathLength = 512;

    public Task<AuditEntry> RecordAsync(HttpContext context, string action, string? modelId, int status)
    {
        var request = context.Request;
        var path = request.PathBase.Add(request.Path).ToString();
        var entry = new AuditEntry(
            Sequence: 0,
            At: default,
            Actor: Actor(context.User),
            KeyId: context.User.FindFirst(KeyIdClaim)?.Value,
            From: context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null,
            Action: action,
            Method: request.Method,
            Path: path.Length <= MaxPathLength ? path : path[..MaxPathLength],
            ModelId: modelId,
            Status: status);
        return grains.GetGrain<IAuditGrain>(Names.FleetKey).Record(entry);
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : Anonymous;
}
