using ModelOps.Contracts;

namespace ModelOps.Grains.Telemetry;

/// <summary>What a model last reported for <c>/metrics</c>: immutable, so a scrape reads it while the grain moves on.</summary>
internal sealed record ModelHeadline(
    MetricsSnapshot Metrics,
    DriftReport? Drift,
    IReadOnlyList<FiringAlert> Firing,
    DateTimeOffset ReportedAt);

/// <summary>A firing alert, as much of it as the fleet's gauges and the log need.</summary>
internal sealed record FiringAlert(string Id, string Title, AlertSeverity Severity, string Message);
