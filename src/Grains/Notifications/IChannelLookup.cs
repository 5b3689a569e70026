using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;

namespace ModelOps.Grains.Notifications;

/// <summary>Where the dispatcher reads a channel before each attempt, so an edited channel takes effect.</summary>
public interface IChannelLookup
{
    /// <summary>The channel with its secret and routing key revealed; null when there is none.</summary>
    Task<NotificationChannel?> GetAsync(string channelId);
}

/// <summary>Reads channels from the fleet's <see cref="INotificationConfigGrain"/>.</summary>
public sealed class GrainChannelLookup(IGrainFactory grains) : IChannelLookup
{
    public Task<NotificationChannel?> GetAsync(string channelId) =>
        grains.GetGrain<INotificationConfigGrain>(Names.FleetKey).GetChannel(channelId, reveal: true);
}
