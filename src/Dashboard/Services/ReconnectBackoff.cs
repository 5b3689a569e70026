namespace ModelOps.Dashboard.Services;

/// <summary>Exponential back-off between reconnect attempts: doubles from an initial delay up to a maximum, reset by a successful connect.</summary>
public sealed class ReconnectBackoff
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultMaximum = TimeSpan.FromSeconds(10);

    private readonly TimeSpan initial;
    private readonly TimeSpan maximum;
    private TimeSpan next;

    public ReconnectBackoff(TimeSpan initial, TimeSpan maximum)
    {
        this.initial = initial;
        this.maximum = maximum;
        next = initial;
    }

    public ReconnectBackoff()
        : this(DefaultInitial, DefaultMaximum)
    {
    }

    /// <summary>The wait before the next attempt; each call doubles the one after.</summary>
    public TimeSpan NextDelay()
    {
        var delay = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, maximum.Ticks));
        return delay;
    }

    public void Reset() => next = initial;
}
