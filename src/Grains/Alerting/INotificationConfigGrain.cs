using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Routing;

namespace ModelOps.Grains.Alerting;

/// <summary>
/// The fleet's notification channels and silences. One instance, key <see cref="Names.FleetKey"/>. Channels are
/// validated here (<see cref="Notifications.ChannelValidator"/>), against the network policy of the silos that send them.
/// </summary>
[Alias("ModelOps.INotificationConfigGrain")]
public interface INotificationConfigGrain : IGrainWithStringKey
{
    /// <summary>Every channel, secrets masked, ordered by id.</summary>
    [Alias("ListChannels")]
    Task<IReadOnlyList<NotificationChannel>> ListChannels();

    /// <summary>The channel, or null; secrets masked unless <paramref name="reveal"/> (for the dispatcher only).</summary>
    [Alias("GetChannel")]
    Task<NotificationChannel?> GetChannel(string id, bool reveal);

    /// <summary>Validates and creates or replaces a channel; a masked secret or routing key sent back keeps the stored one. Returns it masked.</summary>
    /// <exception cref="InvalidRequestException">The first invalid field; nothing is stored.</exception>
    [Alias("PutChannel")]
    Task<NotificationChannel> PutChannel(string id, NotificationChannel channel);

    [Alias("DeleteChannel")]
    Task<bool> DeleteChannel(string id);

    /// <summary>Silences, newest first; expired ones only when asked.</summary>
    [Alias("ListSilences")]
    Task<IReadOnlyList<Silence>> ListSilences(bool includeExpired);

    /// <summary>Stores a validated silence and gives it an id.</summary>
    [Alias("AddSilence")]
    Task<Silence> AddSilence(Silence silence);

    [Alias("DeleteSilence")]
    Task<bool> DeleteSilence(string id);

    /// <summary>The channels (masked) and silences that route alerts, with the version of the latest change.</summary>
    [Alias("GetRouting")]
    Task<RoutingTable> GetRouting();
}

/// <summary>A channel an alert is routed to, with its repeat interval.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.RoutedChannel")]
public sealed record RoutedChannel([property: Id(0)] string Id, [property: Id(1)] TimeSpan RepeatInterval);

[GenerateSerializer, Immutable, Alias("ModelOps.NotificationRoute")]
public sealed record NotificationRoute(
    [property: Id(0)] bool Silenced,
    [property: Id(1)] string? SilenceId,
    [property: Id(2)] IReadOnlyList<RoutedChannel> Channels);
