using ModelOps.Grains.Alerting;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Notifications;

/// <summary>Where the dispatcher reports the outcome of every attempt: the owner of the outbox.</summary>
public interface IDeliveryRecorder
{
    Task RecordAsync(string modelId, DeliveryAttempt attempt);
}

/// <summary>Reports attempts to the model's grain, which keeps the outbox and the alert's deliveries.</summary>
public sealed class GrainDeliveryRecorder(IGrainFactory grains) : IDeliveryRecorder
{
    public Task RecordAsync(string modelId, DeliveryAttempt attempt) => grains.GetGrain<IModelGrain>(modelId).RecordDelivery(attempt);
}
