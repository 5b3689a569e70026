using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting;

/// <summary>
/// Delivers outbox items to their channels, in the background: <see cref="Submit"/> returns at once, so neither
/// rule evaluation nor other channels ever wait on a slow channel. The outcome of every attempt is reported back
/// to the model grain (<see cref="Models.IModelGrain.RecordDelivery"/>), which owns the outbox and removes an item
/// once it is delivered or has failed for good. Submitting an item that is already in flight does nothing.
/// </summary>
public interface INotificationDispatcher
{
    void Submit(OutboxItem item);
}

/// <summary>What is delivered: an alert notification or a retraining request.</summary>
public static class NotificationEvents
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
    public const string Repeat = "repeat";
    public const string Retrain = "retrain";
}

/// <summary>
/// One notification to one channel, persisted in the model's outbox before its first attempt and kept there until
/// the channel confirmed it or it failed for good, so a restart resends what was not confirmed.
/// </summary>
/// <param name="DeliveryId">Unique; also the id of the <see cref="DeliveryView"/> on the alert or retrain request.</param>
/// <param name="ModelId">The model whose alert or retrain this is; its grain owns the outbox.</param>
/// <param name="ChannelId">The channel, looked up at each attempt so an edited channel takes effect.</param>
/// <param name="Event">One of <see cref="NotificationEvents"/>.</param>
/// <param name="Alert">The alert as it was when the notification was made (without its deliveries); null for a manual retrain.</param>
/// <param name="Retrain">The retraining request, for <see cref="NotificationEvents.Retrain"/>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">Not before this time.</param>
/// <param name="CreatedAt">When the notification was made.</param>
[GenerateSerializer, Immutable, Alias("ModelOps.OutboxItem")]
public sealed record OutboxItem(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string ModelId,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] string Event,
    [property: Id(4)] AlertView? Alert,
    [property: Id(5)] RetrainNotification? Retrain,
    [property: Id(6)] int Attempts,
    [property: Id(7)] DateTimeOffset NextAttemptAt,
    [property: Id(8)] DateTimeOffset CreatedAt);

[GenerateSerializer]
public enum DeliveryOutcome
{
    /// <summary>The channel answered 2xx.</summary>
    Delivered,
    /// <summary>Transport error, timeout, 429 or 5xx: try again at <see cref="DeliveryAttempt.NextAttemptAt"/>.</summary>
    Retry,
    /// <summary>Refused for good (another 4xx, a refused address, the channel is gone) or out of attempts.</summary>
    Failed,
}

/// <summary>The outcome of one attempt at an outbox item.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DeliveryOutcome Outcome,
    [property: Id(3)] int? StatusCode,
    [property: Id(4)] string? Error,
    [property: Id(5)] DateTimeOffset? NextAttemptAt);
