using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace ModelOps.Grains.Alerting.Routing;

/// <summary>
/// This silo's copy of the fleet's <see cref="RoutingTable"/>, shared by its models: read from the
/// <see cref="INotificationConfigGrain"/> once, then replaced when channels or silences change. The grain hands a new
/// table to its own silo's snapshot before it answers, and to every other silo's over the routing stream; a table older
/// than the one held is ignored, so a late or repeated message changes nothing. A message lost on the way (a stream
/// queue gone with a silo) costs at most <see cref="MaxAge"/>: a table not confirmed by the grain for that long is read
/// again, in the background, while the models keep routing by the one held.
/// </summary>
public sealed partial class RoutingSnapshot(IClusterClient cluster, ILogger<RoutingSnapshot> logger, TimeProvider clock) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a table is used without word from the fleet's grain before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private RoutingTable? current;
    private long confirmedAt;
    private int refreshing;
    private StreamSubscriptionHandle<RoutingTable>? subscription;

    /// <summary>The latest table this silo has; the first call reads it from the fleet's grain, a call after <see cref="MaxAge"/> without word from it starts a new read.</summary>
    public async ValueTask<RoutingTable> CurrentAsync()
    {
        if (Volatile.Read(ref current) is not { } held)
        {
            return await ReadAsync();
        }
        if (clock.GetElapsedTime(Volatile.Read(ref confirmedAt)) > MaxAge && Interlocked.Exchange(ref refreshing, 1) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }
        return held;
    }

    /// <summary>Reads the table from the fleet's grain now, for an answer that must not rest on a copy (a refusal).</summary>
    public async Task<RoutingTable> ReadAsync()
    {
        var table = Accept(await cluster.GetGrain<INotificationConfigGrain>(Names.FleetKey).GetRouting());
        Volatile.Write(ref confirmedAt, clock.GetTimestamp());
        return table;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await ReadAsync();
        }
        catch (Exception ex)
        {
            LogRefreshFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    /// <summary>Keeps <paramref name="table"/> when it is newer than the one held; returns the one held after.</summary>
    public RoutingTable Accept(RoutingTable table)
    {
        while (true)
        {
            var held = Volatile.Read(ref current);
            if (held is not null && held.Version >= table.Version)
            {
                return held;
            }
            if (Interlocked.CompareExchange(ref current, table, held) == held)
            {
                return table;
            }
        }
    }

    /// <summary>Subscribes once the silo is active, and ends the subscription first when it stops.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RoutingSnapshot), ServiceLifecycleStage.Active, SubscribeAsync, UnsubscribeAsync);

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        subscription = await cluster.GetStreamProvider(Names.StreamProvider).GetStream<RoutingTable>(StreamId).SubscribeAsync((table, _) =>
        {
            Accept(table);
            Volatile.Write(ref confirmedAt, clock.GetTimestamp());
            return Task.CompletedTask;
        });
    }

    private async Task UnsubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (subscription is not null)
            {
                await subscription.UnsubscribeAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnsubscribeFailed(logger, ex);
        }
    }

    /// <summary>The fleet's routing stream, on which every change of the table is published.</summary>
    public static readonly StreamId StreamId = StreamId.Create(Names.RoutingStreamNamespace, Names.FleetKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the routing table again; this silo keeps routing by the one it has")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end this silo's subscription to the routing stream")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
