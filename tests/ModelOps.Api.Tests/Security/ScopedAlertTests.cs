using System.Collections.Concurrent;
using System.Net;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Security;

/// <summary>Real alerts fired on two models: a key scoped to one sees that one's alert on the stream and in the lists, never the other's.</summary>
public sealed class ScopedAlertTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private const string Mine = "scoped-fraud", Theirs = "scoped-churn";

    private SecureServer Secure => fixture.Secure;

    [Fact]
    public async Task A_key_scoped_to_one_model_sees_its_fired_alert_on_the_stream_and_in_the_lists_and_not_the_other_models()
    {
        var cancel = TestContext.Current.CancellationToken;
        var admin = Secure.AdminClient;
        foreach (var id in new[] { Mine, Theirs })
        {
            await admin.PutModelAsync(id, TestData.Classifier(), cancel);
            await admin.PutRulesAsync(id, [SlowLatency(@for: "1s")], cancel);
        }
        var key = (await Secure.CreateKeyAsync("fraud-team", ApiRole.Viewer, Mine)).Key;
        using var scopedHttp = Secure.ClientFor(key);
        var scoped = new ModelOpsClient(scopedHttp);
        await using var adminStream = await ModelOpsStreamClient.ConnectAsync(Secure.Server.Root, Theirs, cancel, apiKey: Secure.AdminKey);
        await using var scopedStream = await ModelOpsStreamClient.ConnectAsync(Secure.Server.Root, Mine, cancel, apiKey: key);
        // Both streams are read all along, as the dashboard reads them: a stream left unread under traffic is a slow client.
        var seen = new ConcurrentQueue<StreamMessage>();
        var theirsOnAdminStream = Until(adminStream, null, message => message is NewAlertMessage { Alert: { ModelId: Theirs, State: AlertState.Firing } });
        var mineAcknowledged = Until(scopedStream, seen, message => message is NewAlertMessage { Alert: { ModelId: Mine, AcknowledgedBy: "oncall" } });

        // Slow traffic runs to the end of the test, so both alerts stay open.
        await using var mineSlow = Traffic.Start(admin, Mine, SlowMs);
        await using var theirsSlow = Traffic.Start(admin, Theirs, SlowMs);
        var mine = await admin.WaitForAlertAsync(Mine, alert => alert.State == AlertState.Firing, "the alert firing", timeoutSeconds: 30);
        var theirs = await admin.WaitForAlertAsync(Theirs, alert => alert.State == AlertState.Firing, "the alert firing", timeoutSeconds: 30);

        // The other model's firing alert reaches the admin's stream; then an acknowledgement of the key's own alert is the
        // last thing the scoped stream waits for, so the other alert had its chance to leak before it.
        await theirsOnAdminStream;
        await admin.AcknowledgeAlertAsync(mine.Id, "oncall", cancel);
        await mineAcknowledged;

        Assert.Contains(seen, message => message is NewAlertMessage { Alert: { ModelId: Mine, State: AlertState.Firing } alert } && alert.Id == mine.Id);
        Assert.DoesNotContain(seen, message => message switch
        {
            NewAlertMessage alert => alert.Alert.ModelId != Mine,
            ModelUpdateMessage update => update.Model.Id != Mine,
            NewLogMessage log => log.ModelId is not null && log.ModelId != Mine,
            _ => false,
        });
        var fleet = await scoped.GetFleetAlertsAsync(cancellationToken: cancel);
        Assert.Contains(mine.Id, fleet.Select(alert => alert.Id));
        Assert.All(fleet, alert => Assert.Equal(Mine, alert.ModelId));
        Assert.Contains(mine.Id, (await scoped.GetAlertsAsync(Mine, cancellationToken: cancel)).Select(alert => alert.Id));
        var hidden = await Assert.ThrowsAsync<ModelOpsApiException>(() => scoped.GetAlertsAsync(Theirs, cancellationToken: cancel));
        Assert.Equal((int)HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains(theirs.Id, (await admin.GetFleetAlertsAsync(AlertState.Firing, cancellationToken: cancel)).Select(alert => alert.Id));
    }

    /// <summary>Reads <paramref name="stream"/> until a message matches, keeping what it read in <paramref name="seen"/>; fails after 30 s or when the stream closes.</summary>
    private static Task Until(ModelOpsStreamClient stream, ConcurrentQueue<StreamMessage>? seen, Func<StreamMessage, bool> wanted) => Task.Run(async () =>
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var message in stream.ReadAllAsync(timeout.Token))
        {
            seen?.Enqueue(message);
            if (wanted(message))
            {
                return;
            }
        }
        throw new InvalidOperationException("The stream closed before the awaited message.");
    });
}
