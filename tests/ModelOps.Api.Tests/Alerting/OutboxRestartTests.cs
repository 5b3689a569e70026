using ModelOps.Grains.Notifications;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>The outbox is persisted before the first attempt, so a restart sends what the channel never confirmed.</summary>
public sealed class OutboxRestartTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_to_a_channel_that_was_down_is_delivered_once_after_a_restart()
    {
        const string Model = "outage";
        var dataDir = Directory.CreateTempSubdirectory("modelops-outbox-").FullName;
        await using var receiver = await HookReceiver.StartAsync();
        await using var gate = ReceiverGate.Closed(receiver);
        try
        {
            DeliveryView beforeRestart;
            await using (var first = AlertingServer.Start(dataDir))
            {
                await first.Client.PutChannelAsync("outage-hook", Webhook(gate.Url(), Model, "outage-secret"), cancel);
                await first.Client.PutModelAsync(Model, TestData.Classifier(), cancel);
                await first.Client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
                await using (Traffic.Start(first.Client, Model, SlowMs))
                {
                    var refused = await first.Client.WaitForAlertAsync(Model,
                        alert => alert.State == AlertState.Firing && alert.Deliveries is [{ Attempts: >= 1 }],
                        "the alert firing and its notification refused at least once");
                    beforeRestart = refused.Deliveries[0];
                }
            }

            gate.Open();
            await using var second = AlertingServer.Start(dataDir);
            var request = (await receiver.WaitForAsync(1))[0];
            var alert = await second.Client.WaitForAlertAsync(Model, alert => alert.Settled(1), "the notification settled after the restart");

            Assert.Equal(("firing", DeliveryStatus.Pending, (int?)null), (beforeRestart.Event, beforeRestart.Status, beforeRestart.LastStatusCode));
            Assert.StartsWith("Connection refused", beforeRestart.LastError);
            var delivered = Assert.Single(alert.Deliveries);
            Assert.Equal((beforeRestart.Id, DeliveryStatus.Delivered, (int?)200, (string?)null), (delivered.Id, delivered.Status, delivered.LastStatusCode, delivered.LastError));
            Assert.True(delivered.Attempts > beforeRestart.Attempts, $"{delivered.Attempts} attempts after the restart, {beforeRestart.Attempts} before it");
            Assert.Single(receiver.Requests);
            Assert.Equal(("firing", beforeRestart.Id), (request.Header(WebhookHeaders.Event), request.Header(WebhookHeaders.Delivery)));
            Assert.Equal(Signature(request.Body, "outage-secret", request.Header(WebhookHeaders.Signature)), request.Header(WebhookHeaders.Signature));
            Assert.Equal((alert.Id, AlertState.Firing), (AlertOf(request).Id, AlertOf(request).State));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
