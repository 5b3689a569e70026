using System.Text.Json.Serialization;
using Orleans;

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
[GenerateSerializer, Immutable, Alias("ModelOps.AlertView")]
public sealed record AlertView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ModelId { get; init; }
    [Id(2)] public required string RuleId { get; init; }
    [Id(3)] public required string Title { get; init; }
    [Id(4)] public required string Message { get; init; }
    [Id(5)] public AlertSeverity Severity { get; init; }
    [Id(6)] public AlertState State { get; init; }
    [Id(7)] public required string Metric { get; init; }
    [Id(8)] public double? Value { get; init; }
    [Id(9)] public double Threshold { get; init; }
    [Id(10)] public DateTimeOffset StartedAt { get; init; }
    [Id(11)] public DateTimeOffset? FiredAt { get; init; }
    [Id(12)] public DateTimeOffset? ResolvedAt { get; init; }
}
