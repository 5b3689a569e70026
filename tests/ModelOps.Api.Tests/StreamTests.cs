using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains;
using Orleans.Runtime;

namespace ModelOps.Api.Tests;

/// <summary>The WebSocket protocol of /api/v1/stream, spoken by a real client over loopback.</summary>
public sealed class StreamTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_gets_the_initial_state_with_the_model_it_asked_for_active()
    {
        await client.PutModelAsync("stream-initial", TestData.Classifier("Initial"), cancel);
        await client.PostEventsAsync("stream-initial", TestData.Events(20), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-initial");

        var initial = await NextAsync<InitialStateMessage>(stream);

        Assert.Equal("stream-initial", initial.State.ActiveModelId);
        var active = Assert.Single(initial.State.Models, m => m.Id == "stream-initial");
        Assert.Equal(20, active.Metrics.Count);
        Assert.NotEmpty(active.History);
        Assert.All(initial.State.Models.Where(m => m.Id != "stream-initial"), m => Assert.Empty(m.History));
    }

    [Fact]
    public async Task A_model_update_with_the_new_counts_arrives_within_two_seconds_of_ingest()
    {
        await client.PutModelAsync("stream-update", TestData.Classifier(), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-update");
        await NextAsync<InitialStateMessage>(stream);

        var sent = DateTimeOffset.UtcNow;
        await client.PostEventsAsync("stream-update", TestData.Events(1000), cancel);
        var update = await NextAsync<ModelUpdateMessage>(stream, m => m.Model.Id == "stream-update" && m.Model.Metrics.Count == 1000);

        Assert.InRange(DateTimeOffset.UtcNow - sent, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal(500.0 / 750, update.Model.Metrics.Accuracy!.Value, 12);
        Assert.Equal(1000, update.Model.History.Sum(p => p.Count));
    }

    [Fact]
    public async Task The_stream_client_merges_the_new_points_into_the_whole_history()
    {
        await client.PutModelAsync("stream-merge", TestData.Classifier(), cancel);
        var now = DateTimeOffset.UtcNow;
        await client.PostEventsAsync("stream-merge", Enumerable.Range(1, 120).Select(i => TestData.Events(1, now.AddSeconds(-i))[0]).ToArray(), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-merge");
        await NextAsync<InitialStateMessage>(stream);

        await client.PostEventsAsync("stream-merge", TestData.Events(50), cancel);
        var update = await NextAsync<ModelUpdateMessage>(stream, m => m.Model.Id == "stream-merge" && m.Model.Metrics.Count == 170);

        Assert.Equal(170, update.Model.History.Sum(p => p.Count));
        Assert.Equal(update.Model.History, stream.Models["stream-merge"].History);
        var timestamps = update.Model.History.Select(p => p.Timestamp).ToArray();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(timestamps.Length, timestamps.Distinct().Count());
    }

    [Fact]
    public async Task The_active_model_gets_new_log_messages_of_its_latest_events()
    {
        await client.PutModelAsync("stream-logs", TestData.Classifier(), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-logs");
        await NextAsync<InitialStateMessage>(stream);

        await client.PostEventsAsync("stream-logs", TestData.Events(100, idPrefix: "req"), cancel);
        var logs = new List<string?>();
        var models = new HashSet<string?>();
        await foreach (var message in Until(stream, () => logs.Count == 20))
        {
            if (message is NewLogMessage log)
            {
                logs.Add(log.Event.Id);
                models.Add(log.ModelId);
            }
        }

        Assert.Equal(Enumerable.Range(81, 20).Select(i => $"req-{i}"), logs);
        Assert.Equal(["stream-logs"], models);
    }

    [Fact]
    public async Task Selecting_a_model_answers_active_model_changed_and_its_full_update()
    {
        await client.PutModelAsync("stream-first", TestData.Classifier(), cancel);
        await client.PutModelAsync("stream-second", TestData.Classifier("Second"), cancel);
        await client.PostEventsAsync("stream-second", TestData.Events(30), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-first");
        await NextAsync<InitialStateMessage>(stream);

        await stream.SelectModelAsync("stream-second", cancel);
        var changed = await NextAsync<ActiveModelChangedMessage>(stream);
        var update = await NextAsync<ModelUpdateMessage>(stream, m => m.Model.Id == "stream-second");

        Assert.Equal("stream-second", changed.ModelId);
        Assert.Equal(30, update.Model.Metrics.Count);
        Assert.NotEmpty(update.Model.History);
    }

    [Fact]
    public async Task Selecting_an_unknown_model_is_answered_with_an_error_and_keeps_the_session_open()
    {
        await client.PutModelAsync("stream-kept", TestData.Classifier(), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-kept");
        await NextAsync<InitialStateMessage>(stream);

        await stream.SelectModelAsync("no-such-model", cancel);
        var error = await NextAsync<ErrorMessage>(stream);
        await stream.SelectModelAsync("stream-kept", cancel);
        var changed = await NextAsync<ActiveModelChangedMessage>(stream);

        Assert.Equal("select-model: model 'no-such-model' does not exist", error.Detail);
        Assert.Equal("stream-kept", changed.ModelId);
        Assert.Equal(WebSocketState.Open, stream.State);
    }

    [Fact]
    public async Task A_bad_batch_sends_no_update_and_leaves_the_streamed_counts_unchanged()
    {
        await client.PutModelAsync("stream-bad", TestData.Classifier(), cancel);
        await client.PostEventsAsync("stream-bad", TestData.Events(5), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-bad");
        await NextAsync<InitialStateMessage>(stream);

        await Assert.ThrowsAsync<ModelOpsApiException>(() => client.PostEventsAsync("stream-bad", [.. TestData.Events(3), new InferenceEvent { LatencyMs = -5, Prediction = "x" }], cancel));
        await client.PostEventsAsync("stream-bad", TestData.Events(1), cancel);
        var update = await NextAsync<ModelUpdateMessage>(stream, m => m.Model.Id == "stream-bad" && m.Model.Metrics.Count > 5);

        Assert.Equal(6, update.Model.Metrics.Count);
    }

    [Fact]
    public async Task Models_of_other_sessions_are_created_and_removed_live()
    {
        await client.PutModelAsync("stream-watcher", TestData.Classifier(), cancel);
        await using var stream = await fixture.Server.ConnectStreamAsync("stream-watcher");
        await NextAsync<InitialStateMessage>(stream);

        await client.PutModelAsync("stream-newcomer", TestData.Classifier("Newcomer"), cancel);
        var created = await NextAsync<ModelUpdateMessage>(stream, m => m.Model.Id == "stream-newcomer");
        await client.DeleteModelAsync("stream-newcomer", cancel);
        var removed = await NextAsync<ModelRemovedMessage>(stream);

        Assert.Equal("Newcomer", created.Model.Name);
        Assert.Empty(created.Model.History);
        Assert.Equal("stream-newcomer", removed.ModelId);
    }

    [Fact]
    public async Task Alerts_on_the_fleet_stream_reach_every_session()
    {
        await client.PutModelAsync("stream-alerted", TestData.Classifier(), cancel);
        await using var first = await fixture.Server.ConnectStreamAsync("stream-alerted");
        await using var second = await fixture.Server.ConnectStreamAsync();
        await NextAsync<InitialStateMessage>(first);
        await NextAsync<InitialStateMessage>(second);
        var alert = new AlertView
        {
            Id = "alert-1", ModelId = "stream-alerted", RuleId = "latency", Title = "Latency p99 high",
            Message = "Latency p99 is 250 ms, above 200 ms", Severity = AlertSeverity.Critical, State = AlertState.Firing,
            Metric = "latencyP99", Value = 250, Threshold = 200, StartedAt = DateTimeOffset.UnixEpoch,
        };

        var cluster = fixture.Server.Services.GetRequiredService<IClusterClient>();
        await cluster.GetStreamProvider(Names.StreamProvider)
            .GetStream<AlertView>(StreamId.Create(Names.AlertStreamNamespace, Names.FleetKey))
            .OnNextAsync(alert);

        foreach (var session in new[] { first, second })
        {
            var received = (await NextAsync<NewAlertMessage>(session, m => m.Alert.Id == alert.Id)).Alert;
            Assert.Empty(received.Deliveries);
            Assert.Equal(alert, received with { Deliveries = alert.Deliveries });
        }
    }

    private async Task<T> NextAsync<T>(ModelOpsStreamClient stream, Func<T, bool>? match = null) where T : StreamMessage
    {
        await foreach (var message in Until(stream, () => false))
        {
            if (message is T typed && (match?.Invoke(typed) ?? true))
            {
                return typed;
            }
        }
        throw new InvalidOperationException($"The server closed the stream before a {typeof(T).Name} arrived ({stream.CloseReason}).");
    }

    /// <summary>Messages until <paramref name="done"/> holds, failing after the deadline.</summary>
    private async IAsyncEnumerable<StreamMessage> Until(ModelOpsStreamClient stream, Func<bool> done)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Deadline);
        var enumerator = stream.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        try
        {
            while (!done())
            {
                bool moved;
                try
                {
                    moved = await enumerator.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new TimeoutException($"No matching stream message within {Deadline.TotalSeconds} s.");
                }
                if (!moved)
                {
                    yield break;
                }
                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
