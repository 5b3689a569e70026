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
