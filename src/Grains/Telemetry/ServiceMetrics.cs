using System.Diagnostics.Metrics;
using ModelOps.Contracts;

namespace ModelOps.Grains.Telemetry;

/// <summary>
/// The service's own counters (meter <see cref="MeterName"/>), each counted where the outcome is decided: events in
/// the model grain's answer, refused requests at the HTTP edge, notifications in the dispatcher, insights in the
/// insight service. Label values come from small fixed sets, or from ids an operator creates (channels).
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "ModelOps.Service";

    private readonly Counter<long> accepted;
    private readonly Counter<long> late;
    private readonly Counter<long> refused;
    private readonly UpDownCounter<long> sessions;
    private readonly Counter<long> notifications;
    private readonly Counter<long> insights;
    private readonly Counter<long> authFailures;

    public ServiceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("modelops.ingest.events.accepted", "{event}", "Events acknowledged by ingest (late ones included).");
        late = meter.CreateCounter<long>("modelops.ingest.events.late", "{event}", "Acknowledged events timestamped before the window, not folded into the metrics.");
        refused = meter.CreateCounter<long>("modelops.ingest.requests.refused", "{request}", "Ingest requests refused whole, by reason.");
        sessions = meter.CreateUpDownCounter<long>("modelops.websocket.sessions", "{session}", "Open WebSocket stream sessions.");
        notifications = meter.CreateCounter<long>("modelops.notifications", "{notification}", "Notification attempts by channel, event and outcome.");
        insights = meter.CreateCounter<long>("modelops.ai.insights", "{insight}", "AI insights generated, by provider and whether the built-in analyst stood in.");
        authFailures = meter.CreateCounter<long>("modelops.auth.failures", "{request}", "Requests whose API key was refused, by reason: unknown, expired or throttled.");
    }

    public void Ingested(IngestResult result)
    {
        accepted.Add(result.Accepted);
        late.Add(result.Late);
    }

    /// <summary>An ingest request refused whole: <c>invalid</c>, <c>unknown_model</c>, <c>too_large</c>, <c>unsupported_media_type</c>, <c>rate_limited</c> or <c>other</c>.</summary>
    public void Refused(string reason) => refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void SessionOpened() => sessions.Add(1);

    public void SessionClosed() => sessions.Add(-1);

    /// <summary>One notification attempt's outcome: <c>delivered</c>, <c>retrying</c> (an attempt failed, another follows) or <c>failed</c> (for good).</summary>
    public void Notification(string channelId, string @event, string outcome) =>
        notifications.Add(1, new("channel", channelId), new("event", @event), new("outcome", outcome));

    public void Insight(string provider, bool fallback) =>
        insights.Add(1, new("provider", provider), new("fallback", fallback ? "true" : "false"));

    /// <summary>A key refused: <c>unknown</c> (never issued, or revoked), <c>expired</c>, or <c>throttled</c> (its address failed too often).</summary>
    public void AuthenticationFailed(string reason) => authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
