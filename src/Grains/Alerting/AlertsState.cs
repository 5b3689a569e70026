using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;

namespace ModelOps.Grains.Alerting;

/// <summary>Persisted alerting state of a model. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.AlertsState")]
public sealed class AlertsState
{
    public const int MaxRetrains = 100;

    /// <summary>Rules, alerts and their deliveries; null until the model's first use, then the default rules.</summary>
    [Id(0)] public AlertBook? Book { get; set; }

    /// <summary>Notifications not yet confirmed by their channel.</summary>
    [Id(1)] public List<OutboxItem> Outbox { get; set; } = [];

    [Id(2)] public List<RetrainView> Retrains { get; set; } = [];
}
