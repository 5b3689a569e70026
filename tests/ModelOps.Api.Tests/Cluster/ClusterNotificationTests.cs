using System.Net;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Api.Tests.Hosting;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Api.Tests.Scale;
using ModelOps.Contracts;
using ModelOps.Grains.Notifications;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// Delivery across the loss of a silo: at least once, and exactly once for a receiver that keeps the dedup key. The
/// silo that holds the model is killed with -9 while its notification is in flight to a real receiver on loopback; the
/// model's outbox reminder, kept in Redis, wakes the model on the other silo, which sends it again under the same
/// delivery id without anyone touching the model.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterNotificationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Model = "cluster-outbox";

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_in_flight_when_its_silo_is_killed_is_sent_again_from_the_other_silo_under_the_same_dedup_key()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var neverAnswered = new TaskCompletionSource();
        receiver.Reply(new Reply(200, HoldUntil: neverAnswered.Task));
        try
        {
            await using var cluster = await ClusterNodes.StartAsync(redis, new Dictionary<string, string>
            {
                ["ModelOps__TickInterval"] = "00:00:00.200",
                ["ModelOps__Notifications__AllowPrivateNetworks"] = "true",
                ["ModelOps__Notifications__RetryBaseDelay"] = "00:00:00.100",
                ["ModelOps__Notifications__RetryMaxDelay"] = "00:00:00.500",
                ["ModelOps__Notifications__OutboxReminderPeriod"] = "00:00:01",
            });
            var client = new ModelOpsClient(new HttpClient { BaseAddress = cluster.Api.Root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", ClusterNodes.AdminKey) } });
            await client.PutChannelAsync("cluster-hook", Webhook(receiver.Url(), Model, "cluster-secret"), cancel);
            await client.PutModelAsync(Model, TestData.Classifier(), cancel);
            await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
            await using (Traffic.Start(client, Model, SlowMs))
            {
                await receiver.WaitForAsync(1, timeoutSeconds: 30);
            }
            var before = await cluster.WaitForClusterAsync(view => view.Silos.Any(silo => silo.Status == "active" && (silo.Models ?? []).Contains(Model)),
                $"{Model} listed on the silo that holds it");
            var holder = before.Silos.Single(silo => silo.Status == "active" && silo.Models!.Contains(Model));
            TestContext.Current.TestOutputHelper?.WriteLine($"before: {ClusterNodes.Describe(before)}; killing the {holder.Role} node");
            var victim = holder.Role == "all" ? cluster.All : cluster.Silo;

            victim.Kill();
            Assert.Equal(137, await victim.WaitForExitAsync(TimeSpan.FromSeconds(30)));

            // Nobody calls the model: its reminder, taken over by the surviving silo, activates it there.
            var requests = await receiver.WaitForAsync(2, timeoutSeconds: 90);
            var after = await cluster.WaitForClusterAsync(view => view.Silos.Any(silo => silo.Status == "active" && silo.Role != holder.Role && (silo.Models ?? []).Contains(Model)),
                $"{Model} listed on the surviving silo");
            TestContext.Current.TestOutputHelper?.WriteLine($"after: {ClusterNodes.Describe(after)}");
            var alert = await WaitForSettledAsync(client);

            var delivered = Assert.Single(alert.Deliveries);
            Assert.Equal((DeliveryStatus.Delivered, (int?)200), (delivered.Status, delivered.LastStatusCode));
            var all = receiver.Requests;
            TestContext.Current.TestOutputHelper?.WriteLine($"the receiver got {all.Count} requests: {string.Join(", ", all.Select(request => request.Header(WebhookHeaders.Delivery)))}");
            // At least once: the one in flight at the kill, and the one from the other silo. Exactly once after dedup by the key.
            Assert.InRange(all.Count, 2, int.MaxValue);
            Assert.Equal([delivered.Id], all.Select(request => request.Header(WebhookHeaders.Delivery)).Distinct());
            Assert.All(all, request => Assert.Equal("firing", request.Header(WebhookHeaders.Event)));
            Assert.All(all, request => Assert.Equal(requests[0].Body, request.Body));
            Assert.Equal(Signature(requests[1].Body, "cluster-secret", requests[1].Header(WebhookHeaders.Signature)), requests[1].Header(WebhookHeaders.Signature));
        }
        finally
        {
            neverAnswered.TrySetResult();
        }
    }

    /// <summary>The alert once its one notification settled; 503s while the model moves are waited out.</summary>
    private async Task<AlertView> WaitForSettledAsync(ModelOpsClient client)
    {
        AlertView? found = null;
        await TestData.WaitUntil(async () =>
        {
            try
            {
                found = (await client.GetAlertsAsync(Model, cancellationToken: cancel)).FirstOrDefault(alert => alert.Settled(1));
                return found is not null;
            }
            catch (ModelOpsApiException failure) when (failure.StatusCode == (int)HttpStatusCode.ServiceUnavailable)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"the notification of {Model} settled after the kill");
        return found!;
    }
}
