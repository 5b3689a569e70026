namespace ModelOps.Contracts;

/// <summary>
/// Body of <c>GET /api/v1/models/{id}/metrics/history</c>: the model's metrics from <c>from</c> to <c>to</c>,
/// one point per <c>step</c>.
/// </summary>
public sealed record MetricsHistory
{
    /// <summary>Start of the range (the request's <c>from</c>, or one window before <c>to</c>).</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>End of the range (the request's <c>to</c>, or the time of the answer).</summary>
    public DateTimeOffset To { get; init; }

    /// <summary><c>1s</c>: a point per second of the range that lies in the live window; <c>1m</c>: a point per whole minute.</summary>
    public Duration Step { get; init; }

    /// <summary>
    /// Oldest first, from the first point with events (or <c>from</c>) to the newest whole step: a step without events
    /// has count and throughput 0 and null metrics.
    /// </summary>
    public IReadOnlyList<HistoryPoint> Points { get; init; } = [];
}

/// <summary>The steps <c>GET …/metrics/history</c> serves.</summary>
public static class HistorySteps
{
    /// <summary>Per-second points, within the live window.</summary>
    public static readonly Duration Second = Duration.FromSeconds(1);

    /// <summary>Per-minute points, for up to <see cref="Kept"/>.</summary>
    public static readonly Duration Minute = Duration.FromMinutes(1);

    /// <summary>How far back per-minute points go, and the longest range one request may ask for.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    public const string Rule = "expected 1s (a point per second, within the live window) or 1m (a point per minute, up to 24h back)";
}

/// <summary>
/// How a <c>model-update</c> is folded into the copy of the model a client holds: the update's history holds only the
/// points that are new or changed since the previous update (the whole history in <c>initial-state</c> and after
/// <c>select-model</c>), so it is merged, not assigned.
/// </summary>
public static class ModelUpdates
{
    /// <summary>
    /// <paramref name="update"/> with the history of <paramref name="held"/> merged in: the update's points replace held
    /// points of the same second and extend them; points more than one window (<c>metrics.window</c>) older than the newest
    /// are dropped, so what a client holds never outgrows the window.
    /// </summary>
    public static ModelView Merge(ModelView? held, ModelView update) =>
        update with { History = Merge(held?.History ?? [], update.History, update.Metrics.Window) };

    /// <summary>The points of <paramref name="held"/> and <paramref name="newer"/> by second, a point of <paramref name="newer"/> winning, within one <paramref name="window"/> of the newest.</summary>
    public static IReadOnlyList<HistoryPoint> Merge(IReadOnlyList<HistoryPoint> held, IReadOnlyList<HistoryPoint> newer, TimeSpan window)
    {
        if (newer.Count == 0)
        {
            return held;
        }
        var bySecond = new SortedDictionary<DateTimeOffset, HistoryPoint>();
        foreach (var point in held)
        {
            bySecond[point.Timestamp] = point;
        }
        foreach (var point in newer)
        {
            bySecond[point.Timestamp] = point;
        }
        return Trim([.. bySecond.Values], window);
    }

    private static IReadOnlyList<HistoryPoint> Trim(IReadOnlyList<HistoryPoint> ascending, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return ascending;
        }
        var oldestKept = ascending[^1].Timestamp - window;
        var first = 0;
        while (first < ascending.Count && ascending[first].Timestamp <= oldestKept)
        {
            first++;
        }
        return first == 0 ? ascending : ascending.Skip(first).ToArray();
    }
}
