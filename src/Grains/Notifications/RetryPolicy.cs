using System.Net.Http.Headers;
using ModelOps.Grains.Alerting;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// Decides what an attempt's result means for its notification: delivered, failed for good, or tried again after an
/// exponential back-off with equal jitter (half the delay fixed, half random, so retries of many notifications
/// spread out but none comes back at once), or after the channel's <c>Retry-After</c> when it is longer.
/// </summary>
/// <param name="options">The back-off's base and cap, and the attempts allowed.</param>
/// <param name="random">The jitter's source; thread-safe in production (<see cref="Random.Shared"/>), seeded in tests.</param>
public sealed class RetryPolicy(NotificationOptions options, Random random)
{
    /// <summary>A channel's <c>Retry-After</c> is honoured up to this long.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>What a status code means: 2xx delivered; 408, 429 and 5xx worth retrying; anything else (3xx, as redirects are not followed, and 4xx) refused.</summary>
    public static DeliveryOutcome Classify(int statusCode) => statusCode switch
    {
        >= 200 and <= 299 => DeliveryOutcome.Delivered,
        408 or 429 or >= 500 => DeliveryOutcome.Retry,
        _ => DeliveryOutcome.Failed,
    };

    /// <summary>How long a <c>Retry-After</c> header asks to wait (delta-seconds or an HTTP date), at most <see cref="MaxRetryAfter"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return delay is { } wait ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt: the exponential delay
    /// d = min(RetryBaseDelay·2^(attempts−1), RetryMaxDelay), of which d/2 is fixed and d/2 random.
    /// </summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponential = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 62));
        var delay = Math.Min(exponential, options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(delay / 2 + random.NextDouble() * delay / 2));
    }

    /// <summary>The outcome of <paramref name="item"/>'s next attempt (its <see cref="OutboxItem.Attempts"/> + 1), which ended at <paramref name="at"/>.</summary>
    public DeliveryAttempt Decide(OutboxItem item, DateTimeOffset at, AttemptResult result)
    {
        var attempts = item.Attempts + 1;
        var outcome = result switch
        {
            { Refused: true } => DeliveryOutcome.Failed,
            { StatusCode: { } status } => Classify(status),
            _ => DeliveryOutcome.Retry,
        };
        if (outcome == DeliveryOutcome.Delivered)
        {
            return new DeliveryAttempt(item.DeliveryId, at, outcome, result.StatusCode, null, null);
        }
        if (outcome == DeliveryOutcome.Failed)
        {
            return new DeliveryAttempt(item.DeliveryId, at, outcome, result.StatusCode, result.Error, null);
        }
        if (attempts >= options.MaxAttempts)
        {
            return new DeliveryAttempt(item.DeliveryId, at, DeliveryOutcome.Failed, result.StatusCode, $"gave up after {attempts} attempts: {result.Error}", null);
        }
        var delay = Backoff(attempts);
        if (result is { StatusCode: 429 or 503, RetryAfter: { } retryAfter } && retryAfter > delay)
        {
            delay = retryAfter;
        }
        return new DeliveryAttempt(item.DeliveryId, at, DeliveryOutcome.Retry, result.StatusCode, result.Error, at + delay);
    }
}

/// <summary>What one attempt produced, before the <see cref="RetryPolicy"/> judges it.</summary>
/// <param name="StatusCode">The channel's HTTP status; null when there was no answer.</param>
/// <param name="Error">Why it was not delivered, for people; null on success.</param>
/// <param name="RetryAfter">The channel's <c>Retry-After</c>, already capped.</param>
/// <param name="Refused">Not sent and never will be (a refused address, the channel is gone or invalid): fail without retrying.</param>
public sealed record AttemptResult(int? StatusCode, string? Error, TimeSpan? RetryAfter = null, bool Refused = false)
{
    public static AttemptResult Refusal(string error) => new(null, error, Refused: true);

    public static AttemptResult NoAnswer(string error) => new(null, error);
}
