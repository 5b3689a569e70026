using ModelOps.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Sealing;
using Orleans.Runtime;

namespace ModelOps.Grains.Alerting;

/// <summary>
/// Stores the fleet's channels and silences. Each change makes a new <see cref="RoutingTable"/>, handed to this silo's
/// <see cref="RoutingSnapshot"/> before the change is answered and published to the other silos' on the routing stream.
/// Secrets are sealed in its state (<see cref="Secrets.Sealed"/>) and opened only for the silo's own senders.
/// </summary>
public sealed partial class NotificationConfigGrain(
    [PersistentState("notifications", Names.Storage)] IPersistentState<NotificationConfigState> state,
    IOptions<NotificationOptions> options,
    RoutingSnapshot snapshot,
    SecretSealer sealer,
    ILogger<NotificationConfigGrain> logger,
    TimeProvider clock) : Grain, INotificationConfigGrain
{
    /// <summary>Expired silences are kept this long for the record, then dropped.</summary>
    private static readonly TimeSpan ExpiredSilenceRetention = TimeSpan.FromDays(7);

    private NotificationConfigState Config => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Channels stored in clear by a version that did not seal are sealed now, so the store holds no secret from here on.
        if (Config.Channels.Values.Any(Secrets.HoldsClearSecret))
        {
            foreach (var (id, stored) in Config.Channels.ToArray())
            {
                Config.Channels[id] = Secrets.Sealed(Secrets.Opened(stored, sealer), sealer);
            }
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<NotificationChannel>> ListChannels() =>
        Task.FromResult<IReadOnlyList<NotificationChannel>>(
            Config.Channels.Values.OrderBy(channel => channel.Id, StringComparer.Ordinal).Select(MaskedCopy).ToArray());

    public Task<NotificationChannel?> GetChannel(string id, bool reveal) =>
        Task.FromResult(Config.Channels.TryGetValue(id, out var channel) ? (reveal ? Opened(channel) : MaskedCopy(channel)) : null);

    public async Task<NotificationChannel> PutChannel(string id, NotificationChannel channel)
    {
        var stored = Config.Channels.TryGetValue(id, out var sealedChannel) ? Opened(sealedChannel) : null;
        var valid = ChannelValidator.Validate(id, Secrets.WithStoredUrl(channel, stored), options.Value);
        var kept = Secrets.WithStoredSecrets(valid, stored);
        Config.Channels[id] = Secrets.Sealed(kept, sealer);
        await SaveAndPublish();
        return Secrets.MaskedCopy(kept);
    }

    public async Task<bool> DeleteChannel(string id)
    {
        if (!Config.Channels.Remove(id))
        {
            return false;
        }
        await SaveAndPublish();
        return true;
    }

    public Task<IReadOnlyList<Silence>> ListSilences(bool includeExpired)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<Silence>>(Config.Silences
            .Where(silence => includeExpired || silence.EndsAt > now)
            .OrderByDescending(silence => silence.StartsAt)
            .ThenBy(silence => silence.Id, StringComparer.Ordinal)
            .ToArray());
    }

    public async Task<Silence> AddSilence(Silence silence)
    {
        var now = clock.GetUtcNow();
        var stored = silence with { Id = Guid.NewGuid().ToString("n")[..12], StartsAt = silence.StartsAt ?? now };
        Config.Silences.RemoveAll(old => old.EndsAt < now - ExpiredSilenceRetention);
        Config.Silences.Add(stored);
        await SaveAndPublish();
        return stored;
    }

    public async Task<bool> DeleteSilence(string id)
    {
        if (Config.Silences.RemoveAll(silence => silence.Id == id) == 0)
        {
            return false;
        }
        await SaveAndPublish();
        return true;
    }

    public Task<RoutingTable> GetRouting() => Task.FromResult(Routing());

    private RoutingTable Routing() => new(
        Config.Version,
        Config.Channels.Values.OrderBy(channel => channel.Id, StringComparer.Ordinal).Select(MaskedCopy).ToArray(),
        Config.Silences.ToArray());

    /// <summary>Stores the change under a new version, then hands the new table to this silo at once and to the others by stream.</summary>
    private async Task SaveAndPublish()
    {
        Config.Version++;
        await state.WriteStateAsync();
        var table = snapshot.Accept(Routing());
        try
        {
            await this.GetStreamProvider(Names.StreamProvider).GetStream<RoutingTable>(RoutingSnapshot.StreamId).OnNextAsync(table);
        }
        catch (Exception ex)
        {
            // Stored and in force on this silo; the other silos keep the previous table until the next change reaches them.
            LogPublishFailed(logger, ex, table.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing table {Version} is stored but could not be published to the other silos")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long version);

    private NotificationChannel Opened(NotificationChannel stored) => Secrets.Opened(stored, sealer);

    private NotificationChannel MaskedCopy(NotificationChannel stored) => Secrets.MaskedCopy(Opened(stored));
}

[GenerateSerializer, Alias("ModelOps.NotificationConfigState")]
public sealed class NotificationConfigState
{
    [Id(0)] public Dictionary<string, NotificationChannel> Channels { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<Silence> Silences { get; set; } = [];

    /// <summary>Counts the changes, so a silo keeps the newest <see cref="RoutingTable"/> it has seen.</summary>
    [Id(2)] public long Version { get; set; }
}
