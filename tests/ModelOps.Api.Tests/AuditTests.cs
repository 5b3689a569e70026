using System.Net;
using System.Text;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains.Audit;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests;

/// <summary>
/// Every change made through the API is in the audit trail with who, what, when and from where; reads, ingest, insights,
/// channel tests and refused changes are not. A server of its own, so the trail holds exactly what the test did.
/// </summary>
public sealed class AuditTests
{
    private const string Model = "audited";
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_change_is_recorded_once_with_actor_address_action_path_model_and_status_and_survives_a_restart()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var server = AlertingServer.Start();
        var before = DateTimeOffset.UtcNow;
        try
        {
            var client = server.Client;
            await client.PutModelAsync(Model, TestData.Classifier(), cancel);
            await client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
            await client.PutBaselineCsvAsync(Model, new MemoryStream(Encoding.UTF8.GetBytes("amount,country\n1.5,DE\n3,FR\n")), cancellationToken: cancel);
            await client.ApplyConfigAsync(Model, await client.GetConfigAsync(Model, cancellationToken: cancel), cancel);
            await client.PutChannelAsync("audited-retrain", Retrain(receiver, Model), cancel);
            await client.TestChannelAsync("audited-retrain", cancel);
            var silence = await client.AddSilenceAsync(new Silence { Matchers = new SilenceMatchers(Model), EndsAt = DateTimeOffset.UtcNow.AddHours(1) }, cancel);
            await client.DeleteSilenceAsync(silence.Id!, cancel);
            await client.PostEventsAsync(Model, Traffic.Events(20, SlowMs), cancel);
            var alert = await client.WaitForAlertAsync(Model, candidate => candidate.State == AlertState.Firing, "the alert firing");
            await client.AcknowledgeAlertAsync(alert.Id, "alice", cancel);
            await client.GetInsightAsync(alert.Id, cancellationToken: cancel);
            await client.ResolveAlertAsync(alert.Id, "alice", cancel);
            await client.RetrainAsync(Model, new RetrainRequest("drift", "alice"), cancel);
            using var refused = await server.Http.PutAsync($"/api/v1/models/{Model}/rules", new StringContent("""{"rules":[{"id":"x","metric":"nope","op":">","threshold":1}]}""", Encoding.UTF8, "application/json"), cancel);
            await client.DeleteChannelAsync("audited-retrain", cancel);
            await client.PutModelAsync("audited-other", TestData.Classifier(), cancel);
            await client.DeleteModelAsync("audited-other", cancel);
            var after = DateTimeOffset.UtcNow;

            var trail = await client.GetAuditAsync(cancellationToken: cancel);
            var ofModel = await client.GetAuditAsync(Model, cancellationToken: cancel);
            var newestTwo = await client.GetAuditAsync(limit: 2, cancellationToken: cancel);
            await server.DisposeAsync();
            server = AlertingServer.Start(server.DataDir);
            var restarted = await server.Client.GetAuditAsync(cancellationToken: cancel);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var alertPath = $"/api/v1/alerts/{alert.Id}";
            Assert.Equal(
                [
                    (13, "DeleteModel", "DELETE", "/api/v1/models/audited-other", "audited-other", 204),
                    (12, "PutModel", "PUT", "/api/v1/models/audited-other", "audited-other", 200),
                    (11, "DeleteChannel", "DELETE", "/api/v1/channels/audited-retrain", null, 204),
                    (10, "PostRetrain", "POST", $"/api/v1/models/{Model}/retrain", Model, 202),
                    (9, "ResolveAlert", "POST", $"{alertPath}/resolve", Model, 200),
                    (8, "AcknowledgeAlert", "POST", $"{alertPath}/ack", Model, 200),
                    (7, "DeleteSilence", "DELETE", $"/api/v1/silences/{silence.Id}", null, 204),
                    (6, "PostSilence", "POST", "/api/v1/silences", null, 201),
                    (5, "PutChannel", "PUT", "/api/v1/channels/audited-retrain", null, 200),
                    (4, "PutConfig", "PUT", $"/api/v1/models/{Model}/config", Model, 200),
                    (3, "PutBaseline", "PUT", $"/api/v1/models/{Model}/baseline", Model, 200),
                    (2, "PutRules", "PUT", $"/api/v1/models/{Model}/rules", Model, 200),
                    (1, "PutModel", "PUT", $"/api/v1/models/{Model}", Model, 200),
                ],
                trail.Select(entry => ((int)entry.Sequence, entry.Action, entry.Method, entry.Path, entry.ModelId, entry.Status)));
            Assert.All(trail, entry => Assert.Equal(("loopback", (string?)null, "127.0.0.1"), (entry.Actor, entry.KeyId, entry.From)));
            Assert.All(trail, entry => Assert.InRange(entry.At, before, after));
            Assert.Equal(trail.OrderByDescending(entry => entry.Sequence).Select(entry => entry.At), trail.Select(entry => entry.At));
            Assert.Equal([10L, 9, 8, 4, 3, 2, 1], ofModel.Select(entry => entry.Sequence));
            Assert.Equal([13L, 12], newestTwo.Select(entry => entry.Sequence));
            Assert.Equal(trail, restarted);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(server.DataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("limit=0", "limit", "expected 1 to 1000, got 0")]
    [InlineData("limit=1001", "limit", "expected 1 to 1000, got 1001")]
    [InlineData("model=bad%20id!", "model", "'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone")]
    public async Task A_bad_query_is_refused_naming_the_parameter(string query, string field, string reason)
    {
        await using var server = new ModelOpsServer();
        try
        {
            using var response = await server.Http.GetAsync($"/api/v1/audit?{query}", cancel);

            await AssertInvalidAsync(response, field, reason);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(server.DataDir, recursive: true);
        }
    }

    [Fact]
    public void The_trail_keeps_the_newest_entries_up_to_its_bound_and_numbers_them_on()
    {
        var state = new AuditState();
        var at = new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < AuditTrail.MaxEntries + 3; i++)
        {
            AuditTrail.Append(state, new AuditEntry(0, default, "alice", null, "10.0.0.1", "PutModel", "PUT", $"/api/v1/models/m{i % 2}", $"m{i % 2}", 200), at.AddSeconds(i));
        }

        Assert.Equal((AuditTrail.MaxEntries, 4L, (long)AuditTrail.MaxEntries + 3), (state.Entries.Count, state.Entries[0].Sequence, state.Entries[^1].Sequence));
        Assert.Equal(at.AddSeconds(3), state.Entries[0].At);
        Assert.Equal([5003L, 5001, 4999], AuditTrail.Newest(state, "m0", 3).Select(entry => entry.Sequence));
        Assert.Equal(AuditTrail.MaxLimit, AuditTrail.Newest(state, null, AuditTrail.MaxLimit).Count);
    }
}
