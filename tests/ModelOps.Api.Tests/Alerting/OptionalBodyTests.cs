using System.Net;
using System.Net.Http.Json;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>The operations whose body is optional take a request with no body and no Content-Type, as generated clients send them.</summary>
public sealed class OptionalBodyTests(AlertingServerFixture fixture) : IClassFixture<AlertingServerFixture>
{
    private readonly ModelOpsServer server = fixture.Server;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acknowledge_resolve_and_retrain_work_without_a_body_or_a_content_type()
    {
        const string Model = "bodiless";
        await using var receiver = await HookReceiver.StartAsync();
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PutChannelAsync("bodiless-ci", Retrain(receiver, Model), cancel);
        await client.PutRulesAsync(Model, [SlowLatency(@for: "1s")], cancel);
        AlertView firing;
        await using (Traffic.Start(client, Model, SlowMs))
        {
            firing = await client.WaitForAlertAsync(Model, alert => alert.State == AlertState.Firing, "the alert firing");
        }

        using var ack = await server.Http.PostAsync($"/api/v1/alerts/{firing.Id}/ack", content: null, cancel);
        var acknowledged = await ack.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.AlertView, cancel);
        using var resolve = await server.Http.PostAsync($"/api/v1/alerts/{firing.Id}/resolve", content: null, cancel);
        var resolved = await resolve.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.AlertView, cancel);
        using var retrain = await server.Http.PostAsync($"/api/v1/models/{Model}/retrain", content: null, cancel);
        var retrainView = await retrain.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.RetrainView, cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Accepted), (ack.StatusCode, resolve.StatusCode, retrain.StatusCode));
        Assert.Equal((firing.Id, AlertState.Firing, true, "anonymous"), (acknowledged!.Id, acknowledged.State, acknowledged.AcknowledgedAt is not null, acknowledged.AcknowledgedBy));
        Assert.Equal((firing.Id, AlertState.Resolved), (resolved!.Id, resolved.State));
        Assert.Equal((Model, (string?)null, (string?)null, "bodiless-ci"), (retrainView!.ModelId, retrainView.Reason, retrainView.RequestedBy, retrainView.Deliveries.Single().ChannelId));
    }
}
