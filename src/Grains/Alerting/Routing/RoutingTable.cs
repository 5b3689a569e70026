using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Routing;

/// <summary>
/// The fleet's channels (secrets masked) and silences as of one change of them, numbered by <see cref="Version"/>: what
/// a model needs to route its alerts without asking the fleet's <see cref="INotificationConfigGrain"/> each time.
/// </summary>
[GenerateSerializer, Immutable, Alias("ModelOps.RoutingTable")]
public sealed record RoutingTable(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<NotificationChannel> Channels,
    [property: Id(2)] IReadOnlyList<Silence> Silences)
{
    /// <inheritdoc cref="AlertRouting.Route"/>
    public NotificationRoute Route(AlertView alert, bool retrain, DateTimeOffset now) => AlertRouting.Route(Channels, Silences, alert, retrain, now);

    /// <inheritdoc cref="AlertRouting.RetrainChannels"/>
    public IReadOnlyList<RoutedChannel> RetrainChannels(string modelId) => AlertRouting.RetrainChannels(Channels, modelId);
}
