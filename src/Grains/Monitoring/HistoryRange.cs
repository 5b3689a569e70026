using ModelOps.Contracts;

namespace ModelOps.Grains.Monitoring;

/// <summary>What a history request asks for, with its defaults filled in: the last window, per second while it fits in the window.</summary>
public readonly record struct HistoryRange(DateTimeOffset From, DateTimeOffset To, Duration Step)
{
    /// <exception cref="InvalidRequestException"><c>from</c> is not before <c>to</c>, the range is longer than the history kept, or the step is neither 1s nor 1m.</exception>
    public static HistoryRange Resolve(DateTimeOffset? from, DateTimeOffset? to, TimeSpan? step, DateTimeOffset now, TimeSpan window)
    {
        var end = to ?? now;
        var start = from ?? end - window;
        if (start >= end)
        {
            throw new InvalidRequestException("from", $"{start:O} is not before to ({end:O})");
        }
        if (end - start > HistorySteps.Kept)
        {
            throw new InvalidRequestException("from", $"{start:O} is more than 24h before to ({end:O}); history is kept for 24h: ask for at most 24h at a time");
        }
        var resolved = step is { } asked ? new Duration(asked) : now - start <= window ? HistorySteps.Second : HistorySteps.Minute;
        if (resolved != HistorySteps.Second && resolved != HistorySteps.Minute)
        {
            throw new InvalidRequestException("step", HistorySteps.Rule);
        }
        return new(start, end, resolved);
    }
}
