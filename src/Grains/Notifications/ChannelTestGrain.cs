using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using Orleans.Concurrency;

namespace ModelOps.Grains.Notifications;

/// <summary>Sends a channel's test notification from the silo, where the notifications go out; key 0.</summary>
[Alias("ModelOps.IChannelTestGrain")]
public interface IChannelTestGrain : IGrainWithIntegerKey
{
    /// <summary>One attempt at <see cref="TestNotification"/>, no retries, nothing recorded; null when the channel does not exist.</summary>
    [Alias("Test")]
    Task<ChannelTestResult?> Test(string channelId);
}

/// <summary>Stateless, so tests of several channels run side by side and none waits for another's slow channel.</summary>
[StatelessWorker]
public sealed class ChannelTestGrain(NotificationSender sender, TimeProvider clock) : Grain, IChannelTestGrain
{
    public async Task<ChannelTestResult?> Test(string channelId)
    {
        if (await GrainFactory.GetGrain<INotificationConfigGrain>(Names.FleetKey).GetChannel(channelId, reveal: true) is not { } channel)
        {
            return null;
        }
        var result = await sender.AttemptAsync(TestNotification.For(channelId, clock.GetUtcNow()), channel, CancellationToken.None);
        var delivered = !result.Refused && result.StatusCode is { } status && RetryPolicy.Classify(status) == DeliveryOutcome.Delivered;
        return new ChannelTestResult(delivered, result.StatusCode, result.Error);
    }
}
