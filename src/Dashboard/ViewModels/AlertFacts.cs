using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>One fact about an alert: <paramref name="Key"/> names it for tests, <paramref name="Value"/> is "—" when unknown.</summary>
public sealed record AlertFact(string Key, string Label, string Value);

/// <summary>One notification of an alert to one channel, formatted.</summary>
public sealed record DeliveryRow(
    string Channel,
    string Event,
    StatusDisplay Status,
    string Attempts,
    string LastResponse,
    string LastError,
    string LastAttempt,
    string Delivered)
{
    public static DeliveryRow For(DeliveryView delivery, TimeZoneInfo zone) => new(
        delivery.ChannelId,
        delivery.Event,
        AlertDisplay.Delivery(delivery.Status),
        delivery.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        delivery.LastStatusCode is { } code ? $"HTTP {code}" : KpiFormat.Missing,
        delivery.LastError ?? KpiFormat.Missing,
        TimeFormat.DateTime(delivery.LastAttemptAt, zone),
        TimeFormat.DateTime(delivery.DeliveredAt, zone));
}

/// <summary>Everything the alert itself says, in pairs that belong together (value and threshold, started and fired, …).</summary>
public static class AlertFacts
{
    public static IReadOnlyList<AlertFact> For(AlertView alert, string modelName, TimeZoneInfo zone) =>
    [
        new("model", "Model", modelName == alert.ModelId ? modelName : $"{modelName} ({alert.ModelId})"),
        new("id", "Alert id", alert.Id),
        new("rule", "Rule", alert.RuleId),
        new("metric", "Metric", alert.Metric),
        new("value", "Value", AlertDisplay.Value(alert)),
        new("threshold", "Threshold", $"{alert.Op} {MetricText.Format(alert.Metric, alert.Threshold)}"),
        new("started", "Started", TimeFormat.DateTime(alert.StartedAt, zone)),
        new("fired", "Fired", TimeFormat.DateTime(alert.FiredAt, zone)),
        new("resolved", "Resolved", TimeFormat.DateTime(alert.ResolvedAt, zone)),
        new("resolved-by", "Resolved by", alert.State != AlertState.Resolved ? KpiFormat.Missing : alert.ResolvedBy ?? "its rule (the condition cleared)"),
        new("acknowledged", "Acknowledged",
            alert.AcknowledgedAt is { } at ? $"by {alert.AcknowledgedBy ?? KpiFormat.Missing} at {TimeFormat.DateTime(at, zone)}" : KpiFormat.Missing),
        new("silenced", "Silenced", alert.Silenced ? "yes: a silence holds its notifications back" : "no"),
        new("fingerprint", "Fingerprint", alert.Fingerprint.Length > 0 ? alert.Fingerprint : KpiFormat.Missing),
    ];
}
