using ModelOps.Api.Tests.Hosting;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains.Notifications;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// Delivery is at least once, and exactly once for a receiver that keeps the dedup key: the published product is killed
/// with -9 while a notification is in flight, and the next start sends it again under the same delivery id, woken by the
/// model's outbox reminder, without anyone touching the model.
/// </summary>
public sealed class OutboxCrashTests
{
    private const string Model = "crash-outbox";

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_in_flight_at_a_kill_minus_9_is_sent_again_after_the_restart_under_the_same_dedup_key()
    {
        var dataDir = Directory.CreateTempSubdirectory("modelops-outbox-crash-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ModelOps__DataDir"] = dataDir,
            ["ModelOps__Simulator__Enabled"] = "false",
            ["ModelOps__TickInterval"] = "00:00:00.200",
            ["ModelOps__Notifications__AllowPrivateNetworks"] = "true",
            ["ModelOps__Notifications__RetryBaseDelay"] = "00:00:00.100",
            ["ModelOps__Notifications__RetryMaxDelay"] = "00:00:00.500",
            ["ModelOps__Notifications__OutboxReminderPeriod"] = "00:00:01",
        };
        await using var receiver = await HookReceiver.StartAsync();
        var neverAnswered = new TaskCompletionSource();
        receiver.Reply(new Reply(200, HoldUntil: neverAnswered.Task));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await using (var first = await ProductProcess.StartAsync(environment))
            {
                await first.WaitUntilReadyAsync(http);
                var client = new ModelOpsClient(new HttpClient { BaseAddress = first.Root, Timeout = TimeSpan.FromSeconds(30) });
                await client.PutChannelAsync("crash-hook", Webhook(receiver.Url(), Model, "crash-secret"), cancel);
                await client.PutModelAsync(Model, TestData.Classifier(), cancel);
                await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
                await using (Traffic.Start(client, Model, SlowMs))
                {
                    await receiver.WaitForAsync(1, timeoutSeconds: 30);
                }
                first.Kill();
                Assert.Equal(137, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            await using var second = await ProductProcess.StartAsync(environment);
            var requests = await receiver.WaitForAsync(2, timeoutSeconds: 60);
            // The silo resends from its outbox reminder as it starts, which can be before the API listens.
            await second.WaitUntilReadyAsync(http);
            var restarted = new ModelOpsClient(new HttpClient { BaseAddress = second.Root, Timeout = TimeSpan.FromSeconds(30) });
            var alert = await restarted.WaitForAlertAsync(Model, alert => alert.Settled(1), "the notification settled after the restart", timeoutSeconds: 30);

            var delivered = Assert.Single(alert.Deliveries);
            Assert.Equal((DeliveryStatus.Delivered, (int?)200), (delivered.Status, delivered.LastStatusCode));
            Assert.Equal(2, receiver.Requests.Count);
            Assert.Equal([delivered.Id, delivered.Id], requests.Select(request => request.Header(WebhookHeaders.Delivery)));
            Assert.Equal(["firing", "firing"], requests.Select(request => request.Header(WebhookHeaders.Event)));
            Assert.Equal(requests[0].Body, requests[1].Body);
            Assert.Equal(Signature(requests[1].Body, "crash-secret", requests[1].Header(WebhookHeaders.Signature)), requests[1].Header(WebhookHeaders.Signature));
            Assert.Single(requests.Select(request => request.Header(WebhookHeaders.Delivery)).Distinct());
        }
        finally
        {
            neverAnswered.TrySetResult();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
