using System.Text;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Api.Tests.Scale;
using ModelOps.Contracts;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Sealing;
using StackExchange.Redis;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// In a cluster the secrets are sealed in Redis, and the key ring is there too: a silo that started after the secret was
/// sealed, on which it was never written, opens it and delivers it.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterSecretsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string RoutingKey = "pd-routing-key-cluster-0123456789";
    private const string Secret = "hook-secret-cluster-abcdef";
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_are_absent_from_every_redis_key_and_a_silo_started_later_delivers_them_once_the_others_are_gone()
    {
        await using var pagerDuty = await HookReceiver.StartAsync();
        await using var webhook = await HookReceiver.StartAsync();
        await using var cluster = await ClusterNodes.StartAsync(redis, new Dictionary<string, string> { ["ModelOps__Notifications__AllowPrivateNetworks"] = "true" });
        var client = new ModelOpsClient(new HttpClient { BaseAddress = cluster.Api.Root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", ClusterNodes.AdminKey) } });
        await client.PutChannelAsync("cluster-pd", PagerDuty(pagerDuty, "cluster", RoutingKey), cancel);
        await client.PutChannelAsync("cluster-hook", Webhook(webhook.Url(), "cluster", Secret), cancel);
        var stored = await StoredTextAsync(cluster.ClusterId);

        // Both silos that could have sealed them go; a silo that started later is the only one left to open them.
        var later = await cluster.StartSiloAsync();
        cluster.Silo.Terminate();
        await cluster.Silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        cluster.All.Terminate();
        await cluster.All.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await cluster.WaitForClusterAsync(view => view.Silos.Count(silo => silo.Status == "active") == 1, "only the later silo active");
        ChannelTestResult? paged = null, hooked = null;
        await TestData.WaitUntil(async () =>
        {
            try
            {
                paged = await client.TestChannelAsync("cluster-pd", cancel);
                hooked = await client.TestChannelAsync("cluster-hook", cancel);
                return true;
            }
            catch (ModelOpsApiException unavailable) when (unavailable.StatusCode == 503)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the channel tests answered by the later silo");

        Assert.Contains(DataProtectionHosting.RedisKey(cluster.ClusterId), stored.Keys);
        Assert.Contains(stored.Keys, key => key.Contains("notificationconfig", StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, entry => Assert.DoesNotContain(RoutingKey, entry.Value));
        Assert.All(stored, entry => Assert.DoesNotContain(Secret, entry.Value));
        Assert.Equal((new ChannelTestResult(true, 200, null), new ChannelTestResult(true, 200, null)), (paged, hooked));
        Assert.Equal(RoutingKey, Assert.Single(pagerDuty.Requests).Json["routing_key"]!.GetValue<string>());
        var signed = Assert.Single(webhook.Requests);
        Assert.Equal(Signature(signed.Body, Secret, signed.Header(WebhookHeaders.Signature)), signed.Header(WebhookHeaders.Signature));
        Assert.False(later.HasExited);
    }

    /// <summary>Every key of the cluster in Redis with all its values (strings, hashes, lists, sets), read as Latin-1.</summary>
    private async Task<Dictionary<string, string>> StoredTextAsync(string clusterId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var found = new Dictionary<string, string>();
        foreach (var key in connection.GetServers().Single().Keys(pattern: $"*{clusterId}*"))
        {
            var values = await database.KeyTypeAsync(key) switch
            {
                RedisType.String => [await database.StringGetAsync(key)],
                RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(entry => new[] { entry.Name, entry.Value }).ToArray(),
                RedisType.List => await database.ListRangeAsync(key),
                RedisType.Set => await database.SetMembersAsync(key),
                RedisType.SortedSet => await database.SortedSetRangeByRankAsync(key),
                _ => Array.Empty<RedisValue>(),
            };
            found[key.ToString()] = string.Concat(values.Select(value => Encoding.Latin1.GetString((byte[])value!)));
        }
        return found;
    }
}
