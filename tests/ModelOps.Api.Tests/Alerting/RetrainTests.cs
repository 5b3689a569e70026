using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelOps.Grains.Notifications;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>Retraining requests, by hand and by a rule's action, delivered to a retrain receiver on loopback.</summary>
public sealed class RetrainTests(AlertingServerFixture fixture) : IClassFixture<AlertingServerFixture>
{
    private readonly ModelOpsServer server = fixture.Server;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retraining_a_model_no_retrain_channel_covers_is_a_409_problem_that_says_how_to_add_one()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutChannelAsync("other-model-retrain", Retrain(receiver, "someone-else"), cancel);
        await client.PutModelAsync("unretrainable", TestData.Classifier(), cancel);

        using var response = await server.Http.PostAsJsonAsync("/api/v1/models/unretrainable/retrain", new RetrainRequest("drift"), ModelOpsJsonContext.Default.RetrainRequest, cancel);

        await AssertProblemAsync(response, HttpStatusCode.Conflict,
            "No retrain channel covers model 'unretrainable'. Add one with PUT /api/v1/channels/{id} and a body such as " +
            """{"type": "retrain", "url": "https://ci.example.com/hooks/retrain", "models": ["unretrainable"]}.""");
        Assert.Empty(await RetrainsAsync("unretrainable"));
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_retrain_by_hand_is_accepted_and_the_retrain_channel_gets_the_model_and_its_drift_evidence()
    {
        const string Model = "retrained";
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutChannelAsync("retrained-ci", Retrain(receiver, Model, secret: "ci-secret"), cancel);
        await client.PutModelAsync(Model, TestData.Classifier("Retrained") with { Drift = new ModelDriftSettings { BaselineSize = 100 } }, cancel);
        // Events 101–150 have amounts above every baseline amount: amount drifts, country does not.
        await client.PostEventsAsync(Model, TestData.Events(150), cancel);
        await TestData.WaitUntil(async () => (await client.GetModelAsync(Model, cancel))!.Drift is not null, TimeSpan.FromSeconds(10), "the drift summary of the model");
        var report = await client.GetDriftAsync(Model, cancellationToken: cancel);

        using var response = await server.Http.PostAsJsonAsync($"/api/v1/models/{Model}/retrain", new RetrainRequest("amount drifted", "alice"), ModelOpsJsonContext.Default.RetrainRequest, cancel);
        var accepted = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.RetrainView, cancel);
        var request = (await receiver.WaitForAsync(1))[0];
        IReadOnlyList<RetrainView> retrains = [];
        await TestData.WaitUntil(async () => (retrains = await RetrainsAsync(Model)).Single().Deliveries.Single().Status != DeliveryStatus.Pending,
            TimeSpan.FromSeconds(10), "the retrain delivery settled");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/models/{Model}/retrains", response.Headers.Location?.OriginalString);
        Assert.Equal((Model, null, "amount drifted", "alice"), (accepted!.ModelId, accepted.AlertId, accepted.Reason, accepted.RequestedBy));
        Assert.Equal([("retrained-ci", "retrain", DeliveryStatus.Pending)], accepted.Deliveries.Select(delivery => (delivery.ChannelId, delivery.Event, delivery.Status)));

        var notification = request.Json.Deserialize(ModelOpsJsonContext.Default.RetrainNotification)!;
        Assert.Equal(
            (accepted.Id, Model, "Retrained", "1.0.0", ModelTask.Classification, "amount drifted", "alice", accepted.RequestedAt),
            (notification.RequestId, notification.ModelId, notification.ModelName, notification.ModelVersion, notification.Task, notification.Reason, notification.RequestedBy, notification.RequestedAt));
        Assert.Null(notification.Alert);
        Assert.Equal(150, notification.Metrics!.Count);
        Assert.Equal(
            report.Features.OrderByDescending(feature => feature.Drifted).Select(feature => new RetrainDriftFeature(feature.Name, feature.Method, feature.Score, feature.Threshold, feature.Drifted)),
            notification.DriftFeatures);
        Assert.Equal([("amount", true), ("country", false)], notification.DriftFeatures.Select(feature => (feature.Name, feature.Drifted)));
        Assert.Equal((true, 0.5), (notification.Drift!.DatasetDrift, notification.Drift.DriftShare));
        Assert.Equal(["amount"], notification.Drift.DriftedFeatures);
        Assert.Equal(("retrain", accepted.Deliveries[0].Id), (request.Header(WebhookHeaders.Event), request.Header(WebhookHeaders.Delivery)));
        Assert.Equal(Signature(request.Body, "ci-secret", request.Header(WebhookHeaders.Signature)), request.Header(WebhookHeaders.Signature));

        var retrain = Assert.Single(retrains);
        Assert.Equal(accepted.Id, retrain.Id);
        Assert.Single(receiver.Requests);
        Assert.Equal(
            [("retrained-ci", DeliveryStatus.Delivered, 1, (int?)200)],
            retrain.Deliveries.Select(delivery => (delivery.ChannelId, delivery.Status, delivery.Attempts, delivery.LastStatusCode)));
    }

    [Fact]
    public async Task A_firing_rule_with_the_retrain_action_sends_its_alert_to_the_retrain_channel()
    {
        const string Model = "self-retraining";
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutChannelAsync("self-retraining-ci", Retrain(receiver, Model), cancel);
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "0s", actions: ["retrain"])], cancel);
        await using var traffic = Traffic.Start(client, Model, SlowMs);

        var request = (await receiver.WaitForAsync(1))[0];
        var firing = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        var notification = request.Json.Deserialize(ModelOpsJsonContext.Default.RetrainNotification)!;
        var retrain = Assert.Single(await RetrainsAsync(Model));

        Assert.Equal((firing.Id, AlertState.Firing), (notification.Alert!.Id, notification.Alert.State));
        Assert.Equal($"rule {SlowLatencyRuleId}", notification.RequestedBy);
        Assert.Equal($"alert {firing.Id}: {notification.Alert.Message}", notification.Reason);
        Assert.Equal((notification.RequestId, firing.Id), (retrain.Id, retrain.AlertId));
        Assert.Empty(firing.Deliveries);
    }

    /// <summary><c>GET /api/v1/models/{id}/retrains</c>, which <see cref="ModelOpsClient"/> has no call for.</summary>
    private async Task<IReadOnlyList<RetrainView>> RetrainsAsync(string modelId) =>
        (await server.Http.GetFromJsonAsync($"/api/v1/models/{modelId}/retrains", ModelOpsJsonContext.Default.IReadOnlyListRetrainView, cancel))!;
}
