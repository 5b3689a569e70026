using System.Net;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Telemetry;

namespace ModelOps.Api.Security;

/// <summary>
/// Failed authentications per client address, as a token bucket of <c>ModelOps:Auth:FailuresPerMinute</c>: each failure
/// takes a token, tokens come back at that rate, and an address with none left gets 429 for any key until one is back,
/// so guessing is held to that rate. The table keeps at most <c>ModelOps:Auth:MaxTrackedAddresses</c> addresses.
/// </summary>
public sealed class FailedAuthentications(IOptions<AuthOptions> options, TimeProvider clock, ServiceMetrics metrics)
{
    private readonly Dictionary<IPAddress, Bucket> buckets = [];

    public int TrackedAddresses
    {
        get
        {
            lock (buckets)
            {
                return buckets.Count;
            }
        }
    }

    /// <summary>How long <paramref name="address"/> must wait before its next try; null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        lock (buckets)
        {
            if (!buckets.TryGetValue(address, out var bucket))
            {
                return null;
            }
            var tokens = Refilled(bucket, clock.GetUtcNow());
            return tokens >= 1 ? null : TimeSpan.FromMinutes((1 - tokens) / Capacity);
        }
    }

    /// <summary>Counts a failure of <paramref name="address"/>: <c>unknown</c> key, <c>expired</c> key or <c>throttled</c>.</summary>
    public void Record(IPAddress? address, string reason)
    {
        metrics.AuthenticationFailed(reason);
        if (address is null || reason == Reasons.Throttled)
        {
            return;
        }
        var now = clock.GetUtcNow();
        lock (buckets)
        {
            if (!buckets.TryGetValue(address, out var bucket))
            {
                MakeRoom(now);
                bucket = new Bucket(Capacity, now);
            }
            buckets[address] = new Bucket(Math.Max(0, Refilled(bucket, now) - 1), now);
        }
    }

    private double Capacity => options.Value.FailuresPerMinute;

    private double Refilled(Bucket bucket, DateTimeOffset now) =>
        Math.Min(Capacity, bucket.Tokens + (now - bucket.At).TotalMinutes * Capacity);

    /// <summary>Forgets addresses whose bucket is full again; if none is, the one that failed longest ago.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (buckets.Count < options.Value.MaxTrackedAddresses)
        {
            return;
        }
        foreach (var (address, bucket) in buckets.ToArray())
        {
            if (Refilled(bucket, now) >= Capacity)
            {
                buckets.Remove(address);
            }
        }
        if (buckets.Count >= options.Value.MaxTrackedAddresses)
        {
            buckets.Remove(buckets.MinBy(entry => entry.Value.At).Key);
        }
    }

    private readonly record struct Bucket(double Tokens, DateTimeOffset At);

    public static class Reasons
    {
        public const string Unknown = "unknown";
        public const string Expired = "expired";
        public const string Throttled = "throttled";
    }
}
