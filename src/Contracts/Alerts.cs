using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("firing")] Firing,
    [JsonStringEnumMemberName("resolved")] Resolved,
}

/// <summary>An alert raised by a model's rule; sent as <c>new-alert</c> on every state change.</summary>
public sealed record AlertView
{
    public required string Id { get; init; }
    public required string ModelId { get; init; }
    public required string RuleId { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }
    public AlertSeverity Severity { get; init; }
    public AlertState State { get; init; }
    public required string Metric { get; init; }
    public double? Value { get; init; }
    public double Threshold { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FiredAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
