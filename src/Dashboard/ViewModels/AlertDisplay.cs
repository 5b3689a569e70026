using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>How an alert's severity and state are shown: a word, an icon and a colour together.</summary>
public static class AlertDisplay
{
    public static StatusDisplay Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => new("Critical", "error", "status-critical"),
        AlertSeverity.Warning => new("Warning", "warning", "status-warning"),
        _ => new("Info", "info", "severity-info"),
    };

    public static StatusDisplay State(AlertState state) => state switch
    {
        AlertState.Firing => new("Firing", "notifications_active", "alert-state-firing"),
        AlertState.Pending => new("Pending", "hourglass_top", "alert-state-pending"),
        _ => new("Resolved", "check_circle", "alert-state-resolved"),
    };

    public static StatusDisplay Delivery(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => new("Delivered", "check_circle", "status-healthy"),
        DeliveryStatus.Failed => new("Failed", "error", "status-critical"),
        _ => new("Pending", "schedule", "status-warning"),
    };

    /// <summary>How long the alert has been in its state: "firing for 2 min", "pending for 30 s", "resolved 5 min ago".</summary>
    public static string Since(AlertView alert, DateTimeOffset now) => alert.State switch
    {
        AlertState.Firing => $"firing for {TimeFormat.Span(now - (alert.FiredAt ?? alert.StartedAt))}",
        AlertState.Pending => $"pending for {TimeFormat.Span(now - alert.StartedAt)}",
        _ => $"resolved {TimeFormat.Span(now - (alert.ResolvedAt ?? alert.StartedAt))} ago",
    };

    /// <summary>When the alert entered its state.</summary>
    public static DateTimeOffset SinceAt(AlertView alert) => alert.State switch
    {
        AlertState.Firing => alert.FiredAt ?? alert.StartedAt,
        AlertState.Resolved => alert.ResolvedAt ?? alert.StartedAt,
        _ => alert.StartedAt,
    };

    /// <summary>The rule's condition as it reads: "latencyP95 &gt; 250 ms".</summary>
    public static string Condition(AlertView alert) => $"{alert.Metric} {alert.Op} {MetricText.Format(alert.Metric, alert.Threshold)}";

    /// <summary>The metric's latest value, or its last one once resolved; "—" when it had none.</summary>
    public static string Value(AlertView alert) => alert.Value is { } value ? MetricText.Format(alert.Metric, value) : KpiFormat.Missing;

    /// <summary>The alert's model by its name, or by its id when the model is not known.</summary>
    public static string ModelName(AlertView alert, IReadOnlyDictionary<string, ModelView> models) =>
        models.TryGetValue(alert.ModelId, out var model) ? model.Name : alert.ModelId;
}
