using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>A client that stops reading is closed with a reason; it never slows the others down.</summary>
public sealed class SlowClientTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_a_reason_while_a_reading_client_keeps_getting_updates()
    {
        await using var server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Api:SessionQueueLength"] = "4",
        });
        await server.Client.PutModelAsync("firehose", TestData.Classifier(), cancel);
        await using var slow = await server.ConnectStreamAsync("firehose");
        await using var fast = await server.ConnectStreamAsync("firehose");
        var fastUpdates = CountUpdatesAsync(fast);

        // ~2 MB of new-log frames per tick, far more than loopback socket buffers hold, while the slow client reads nothing.
        var bulky = Enumerable.Range(0, 100).ToDictionary(i => $"text_{i}", _ => ScalarValue.Of(new string('x', 1000)));
        for (var batch = 0; batch < 25; batch++)
        {
            var events = Enumerable.Range(0, 20).Select(i => new InferenceEvent { LatencyMs = 1, Prediction = "a", Features = bulky }).ToArray();
            await server.Client.PostEventsAsync("firehose", events, cancel);
            await Task.Delay(200, cancel);
        }
        var sentBeforeDrop = await CountAllAsync(slow);

        Assert.Equal("client too slow: more than 4 messages queued", slow.CloseReason);
        Assert.InRange(sentBeforeDrop, 1, 500);
        await server.Client.PostEventsAsync("firehose", TestData.Events(1), cancel);
        Assert.True(await fastUpdates >= 10, "the reading client kept receiving model updates");
    }

    private async Task<int> CountAllAsync(ModelOpsStreamClient stream)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var count = 0;
        await foreach (var _ in stream.ReadAllAsync(deadline.Token))
        {
            count++;
        }
        return count;
    }

    private async Task<int> CountUpdatesAsync(ModelOpsStreamClient stream)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var updates = 0;
        await foreach (var message in stream.ReadAllAsync(deadline.Token))
        {
            if (message is ModelUpdateMessage && ++updates == 10)
            {
                break;
            }
        }
        return updates;
    }
}
