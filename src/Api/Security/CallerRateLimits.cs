using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Api.AI;
using ModelOps.Api.Audit;

namespace ModelOps.Api.Security;

/// <summary>Marks an endpoint as limited per caller under <paramref name="Policy"/> (<see cref="CallerRateLimits"/>); only with the query flag <paramref name="WhenQuery"/>=true when one is named.</summary>
public sealed record CallerRateLimitAttribute(string Policy, string? WhenQuery = null);

/// <summary>
/// Per-caller token buckets, so that one API key (or, without a key, one client address) cannot take the whole ingest
/// path or the AI's quota: <see cref="Ingest"/> (<c>ModelOps:Api:IngestRequestsPerSecondPerKey</c>, burst
/// <c>IngestBurstPerKey</c>) and <see cref="Ai"/> (insights and <c>assist=true</c>, <c>ModelOps:AI:RequestsPerKeyPerMinute</c>).
/// They run as the rate limiter's global limiter, before the endpoints' own capacity limits; a bucket left idle is
/// dropped by the limiter, so the number kept follows the callers seen lately.
/// </summary>
public static class CallerRateLimits
{
    public const string Ingest = "ingest-per-key";
    public const string Ai = "ai-per-key";

    /// <summary>The partition: the API key's id when the request was authenticated with one, else the client's address.</summary>
    public static string CallerOf(HttpContext context) =>
        context.User.FindFirst(GrainAuditLog.KeyIdClaim)?.Value is { Length: > 0 } keyId
            ? "key:" + keyId
            : "address:" + (context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown");

    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CallerRateLimitAttribute>() is not { } limit
            || (limit.WhenQuery is { } flag && !string.Equals(context.Request.Query[flag], "true", StringComparison.OrdinalIgnoreCase)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var caller = limit.Policy + "/" + CallerOf(context);
        if (limit.Policy == Ingest)
        {
            var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = api.IngestBurstPerKey,
                TokensPerPeriod = api.IngestRequestsPerSecondPerKey,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
        }
        var ai = context.RequestServices.GetRequiredService<IOptions<AiOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = ai.RequestsPerKeyPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / ai.RequestsPerKeyPerMinute,
            QueueLimit = 0,
        });
    });

    /// <summary>The detail of a 429 from a caller's bucket, naming the setting.</summary>
    public static string Refusal(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<CallerRateLimitAttribute>();
        if (limit?.Policy == Ingest)
        {
            var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            return $"This API key (or, without one, this client address) sent more than {api.IngestRequestsPerSecondPerKey} ingest requests a second, bursts of {api.IngestBurstPerKey} (ModelOps:Api:IngestRequestsPerSecondPerKey, IngestBurstPerKey); nothing of this batch was applied. Retry after the Retry-After delay.";
        }
        var ai = context.RequestServices.GetRequiredService<IOptions<AiOptions>>().Value;
        return $"This API key (or, without one, this client address) asked the AI assistant more than {ai.RequestsPerKeyPerMinute} times a minute (ModelOps:AI:RequestsPerKeyPerMinute); nothing was asked. Retry after the Retry-After delay.";
    }
}
