using ModelOps.Contracts;
using ModelOps.Grains.Alerting;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// What "send test notification" delivers: an info alert of the made-up model <see cref="ModelId"/> in the shape each
/// channel type always receives (a retrain channel gets a retraining request that says it is a test), under the event
/// <see cref="Event"/>, so a receiver that reads <see cref="WebhookHeaders.Event"/> or the webhook's <c>event</c> can tell it apart.
/// </summary>
public static class TestNotification
{
    public const string Event = "test";

    public const string ModelId = "modelops-test";

    public const string Title = "Test notification";

    /// <summary>The one-attempt item for <paramref name="channelId"/>, made at <paramref name="now"/>; its delivery id is new each time.</summary>
    public static OutboxItem For(string channelId, DateTimeOffset now)
    {
        var deliveryId = Guid.NewGuid().ToString("N");
        var message = $"A test from ModelOps Vision to channel '{channelId}': alerts sent to this channel arrive here.";
        var alert = new AlertView
        {
            Id = $"test-{channelId}",
            ModelId = ModelId,
            RuleId = Event,
            Fingerprint = $"{ModelId}-{channelId}",
            Title = Title,
            Message = message,
            Severity = AlertSeverity.Info,
            State = AlertState.Firing,
            Metric = "errorRate",
            Value = 0.1,
            Threshold = 0.05,
            Op = ">",
            StartedAt = now,
            FiredAt = now,
        };
        var retrain = new RetrainNotification
        {
            RequestId = $"test-{deliveryId}",
            ModelId = ModelId,
            ModelName = Title,
            ModelVersion = Event,
            Reason = $"{message} Nothing needs retraining.",
            RequestedBy = "modelops",
            RequestedAt = now,
        };
        return new OutboxItem(deliveryId, ModelId, channelId, Event, alert, retrain, Attempts: 0, NextAttemptAt: now, CreatedAt: now);
    }
}
