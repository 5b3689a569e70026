using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using Orleans.TestingHost;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>Every silo routes alerts from its own copy of the channels, replaced when they change.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoutingSnapshotTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_changed_channel_reaches_the_routing_snapshot_of_every_silo()
    {
        var channelId = $"snapshot-{Guid.NewGuid():N}"[..30];
        var config = fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey);
        var snapshots = fixture.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>()
            .Select(silo => silo.SiloHost.Services.GetRequiredService<RoutingSnapshot>())
            .ToArray();
        foreach (var snapshot in snapshots)
        {
            await snapshot.CurrentAsync();
        }

        await config.PutChannel(channelId, new NotificationChannel { Type = ChannelTypes.Webhook, Url = "https://hooks.invalid/a", Models = ["snapshot-model"] });
        var added = await config.GetRouting();
        await Deadline.Until(async () => (await Task.WhenAll(snapshots.Select(snapshot => snapshot.CurrentAsync().AsTask())))
            .All(table => table.Version >= added.Version), $"routing table {added.Version} on {snapshots.Length} silos");
        var routedOnEach = await Task.WhenAll(snapshots.Select(async snapshot =>
            (await snapshot.CurrentAsync()).Route(Alert("snapshot-model"), retrain: false, DateTimeOffset.UtcNow).Channels.Count(channel => channel.Id == channelId)));

        await config.DeleteChannel(channelId);
        var removed = await config.GetRouting();
        await Deadline.Until(async () => (await Task.WhenAll(snapshots.Select(snapshot => snapshot.CurrentAsync().AsTask())))
            .All(table => table.Version >= removed.Version && table.Channels.All(channel => channel.Id != channelId)), $"the channel gone from {snapshots.Length} silos");

        Assert.Equal(ClusterFixture.SiloCount, snapshots.Length);
        Assert.Equal([1, 1], routedOnEach);
        Assert.Equal(added.Version + 1, removed.Version);
    }

    [Fact]
    public void A_late_older_table_never_replaces_a_newer_one()
    {
        var snapshot = new RoutingSnapshot(fixture.Client, NullLogger<RoutingSnapshot>.Instance, TimeProvider.System);
        var newest = snapshot.Accept(new RoutingTable(7, [], []));

        var kept = snapshot.Accept(new RoutingTable(6, [new NotificationChannel { Id = "stale" }], []));
        var repeated = snapshot.Accept(new RoutingTable(7, [new NotificationChannel { Id = "repeated" }], []));

        Assert.Same(newest, kept);
        Assert.Same(newest, repeated);
    }

    [Fact]
    public async Task A_table_without_word_from_the_grain_for_a_minute_is_read_again_while_the_old_one_still_routes()
    {
        var clock = new FakeTimeProvider();
        var unsubscribed = new RoutingSnapshot(fixture.Client, NullLogger<RoutingSnapshot>.Instance, clock);
        var config = fixture.Client.GetGrain<INotificationConfigGrain>(Names.FleetKey);
        var first = await unsubscribed.CurrentAsync();
        var channelId = $"stale-{Guid.NewGuid():N}"[..30];
        await config.PutChannel(channelId, new NotificationChannel { Type = ChannelTypes.Webhook, Url = "https://hooks.invalid/b", Models = ["stale-model"] });

        clock.Advance(RoutingSnapshot.MaxAge);
        var withinTheMinute = await unsubscribed.CurrentAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var stillTheOld = await unsubscribed.CurrentAsync();
        await Deadline.Until(async () => (await unsubscribed.CurrentAsync()).Channels.Any(channel => channel.Id == channelId), "the table read again");

        Assert.Same(first, withinTheMinute);
        Assert.Same(first, stillTheOld);
        await config.DeleteChannel(channelId);
    }

    private static AlertView Alert(string modelId) => new()
    {
        Id = modelId + "-1", ModelId = modelId, RuleId = "r", Fingerprint = "f", Title = "t", Message = "m",
        Severity = AlertSeverity.Critical, State = AlertState.Firing, Metric = "errorRate", Threshold = 0.1, Op = ">",
        StartedAt = DateTimeOffset.UtcNow,
    };
}
