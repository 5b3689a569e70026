using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Lifecycle;

/// <summary>
/// One alert as its model keeps it: every field of <see cref="AlertView"/>, mutable as the alert moves through its
/// lifecycle. Ids are part of the storage contract: never reuse or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.AlertRecord")]
public sealed class AlertRecord
{
    /// <summary><c>{modelId}-{sequence}</c> (see <see cref="AlertIds"/>).</summary>
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>The model's alert sequence number of this alert: later alerts have larger ones.</summary>
    [Id(1)] public long Sequence { get; set; }

    [Id(2)] public string ModelId { get; set; } = "";
    [Id(3)] public string RuleId { get; set; } = "";

    /// <summary>Stable per (model, rule): <see cref="AlertIds.Fingerprint"/>.</summary>
    [Id(4)] public string Fingerprint { get; set; } = "";

    [Id(5)] public string Title { get; set; } = "";
    [Id(6)] public string Message { get; set; } = "";
    [Id(7)] public AlertSeverity Severity { get; set; }
    [Id(8)] public AlertState State { get; set; }
    [Id(9)] public string Metric { get; set; } = "";
    [Id(10)] public double? Value { get; set; }
    [Id(11)] public double Threshold { get; set; }
    [Id(12)] public string Op { get; set; } = "";
    [Id(13)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null for an alert that resolved while pending: it never fired, and nobody is notified of it.</summary>
    [Id(14)] public DateTimeOffset? FiredAt { get; set; }

    [Id(15)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Who resolved it by hand, or <see cref="AlertBook.RulesChanged"/>; null when the rule resolved it.</summary>
    [Id(16)] public string? ResolvedBy { get; set; }

    [Id(17)] public string? AcknowledgedBy { get; set; }
    [Id(18)] public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>True when a silence matched when it fired.</summary>
    [Id(19)] public bool Silenced { get; set; }

    [Id(20)] public List<DeliveryView> Deliveries { get; set; } = [];

    /// <summary>Pending or firing.</summary>
    public bool IsOpen => State != AlertState.Resolved;

    public AlertView ToView() => new()
    {
        Id = Id,
        ModelId = ModelId,
        RuleId = RuleId,
        Fingerprint = Fingerprint,
        Title = Title,
        Message = Message,
        Severity = Severity,
        State = State,
        Metric = Metric,
        Value = Value,
        Threshold = Threshold,
        Op = Op,
        StartedAt = StartedAt,
        FiredAt = FiredAt,
        ResolvedAt = ResolvedAt,
        ResolvedBy = ResolvedBy,
        AcknowledgedBy = AcknowledgedBy,
        AcknowledgedAt = AcknowledgedAt,
        Silenced = Silenced,
        Deliveries = [.. Deliveries],
    };
}
