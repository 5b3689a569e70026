namespace ModelOps.Dashboard.Rendering;

/// <summary>
/// Coalesces redraw requests: the first request after a quiet period renders at once, later ones within
/// <c>minimumInterval</c> fold into a single render at the end of it.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly TimeProvider time;
    private readonly TimeSpan minimumInterval;
    private readonly Action render;
    private readonly ITimer timer;
    private long? lastRenderTimestamp;
    private bool renderPending;

    public RenderThrottle(TimeProvider time, TimeSpan minimumInterval, Action render)
    {
        this.time = time;
        this.minimumInterval = minimumInterval;
        this.render = render;
        timer = time.CreateTimer(_ => RenderPending(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Request()
    {
        if (renderPending)
        {
            return;
        }
        var sinceLastRender = lastRenderTimestamp is { } last ? time.GetElapsedTime(last) : TimeSpan.MaxValue;
        if (sinceLastRender >= minimumInterval)
        {
            Render();
            return;
        }
        renderPending = true;
        timer.Change(minimumInterval - sinceLastRender, Timeout.InfiniteTimeSpan);
    }

    private void RenderPending()
    {
        renderPending = false;
        Render();
    }

    private void Render()
    {
        lastRenderTimestamp = time.GetTimestamp();
        render();
    }

    public void Dispose() => timer.Dispose();
}
