using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Models;

/// <summary>
/// The model's metrics history: per second from the rolling window, per minute from a day-long ring that seals each
/// minute from the window's buckets as it ends and is checkpointed with the window.
/// </summary>
public sealed partial class ModelGrain
{
    private MinuteHistory minuteHistory = null!;

    public Task<MetricsHistory> GetHistory(DateTimeOffset? from, DateTimeOffset? to, TimeSpan? step)
    {
        EnsureDefined();
        var now = clock.GetUtcNow();
        var range = HistoryRange.Resolve(from, to, step, now, settings.Window);
        var nowSecond = now.ToUnixTimeSeconds();
        var (fromSecond, toSecond) = (range.From.ToUnixTimeSeconds(), range.To.ToUnixTimeSeconds());
        SealMinutes(nowSecond);
        return Task.FromResult(new MetricsHistory
        {
            From = range.From,
            To = range.To,
            Step = range.Step,
            Points = range.Step == HistorySteps.Minute
                ? minuteHistory.Points(fromSecond, toSecond, nowSecond, definition.State.Task, Scoring)
                : window.History(nowSecond, definition.State.Task, fromSecond, toSecond, Scoring),
        });
    }

    /// <summary>Restores the minute ring and seals the minutes that ended while the model was not active, before new events can take their buckets' slots.</summary>
    private void RestoreMinuteHistory(MetricsWindow? savedWindow)
    {
        minuteHistory = checkpoint.State.Minutes ?? new MinuteHistory((int)HistorySteps.Kept.TotalMinutes);
        if (savedWindow is not null)
        {
            SealMinutes(savedWindow, NowSecond);
        }
    }

    private void SealMinutes(long nowSecond) => SealMinutes(window, nowSecond);

    private void SealMinutes(MetricsWindow from, long nowSecond)
    {
        if (Defined && minuteHistory.Advance(from, nowSecond, definition.State.Task))
        {
            MarkUnstored();
        }
    }
}
