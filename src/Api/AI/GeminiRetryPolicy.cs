using System.ClientModel.Primitives;
using System.Globalization;

namespace ModelOps.Api.AI;

/// <summary>
/// Replaces the OpenAI client's default retry policy: the same retriable answers (408, 429, 500, 502, 503, 504, transport errors) and
/// <see cref="AiOptions.MaxRetries"/>, but every retry waits — the delay the server asks for in <c>Retry-After</c>
/// (seconds or an HTTP date) or <c>retry-after-ms</c>, else an exponential back-off from <see cref="AiOptions.RetryBaseDelay"/>.
/// </summary>
public sealed class GeminiRetryPolicy(AiOptions options, TimeProvider clock) : ClientRetryPolicy(options.MaxRetries)
{
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        RetryAfter(message.Response, clock.GetUtcNow()) ?? Backoff(tryCount);

    protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken) => Task.Delay(time, clock, cancellationToken);

    protected override void Wait(TimeSpan time, CancellationToken cancellationToken) => WaitAsync(time, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The exponential back-off before retry number <paramref name="tryCount"/> (1 for the first retry).</summary>
    public TimeSpan Backoff(int tryCount)
    {
        var doubled = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, tryCount - 1));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, options.RetryMaxDelay.TotalMilliseconds));
    }

    /// <summary>The wait the answer asks for, never negative; null when it asks for none.</summary>
    public static TimeSpan? RetryAfter(PipelineResponse? response, DateTimeOffset now)
    {
        if (response is null)
        {
            return null;
        }
        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > now ? at - now : TimeSpan.Zero)
            : null;
    }
}
