using System.Net.Sockets;
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
            ["ModelOps:Api:SessionQueueLength"] = "16",
            ["ModelOps:TickInterval"] = "00:00:00.100",
            // One frame per tick: a burst of log frames must not overflow the reading client's small queue either.
            ["ModelOps:LogSamplesPerTick"] = "0",
        });
        // Updates carry only new history points, but every one carries the model's features: 500 long names make each
        // update tens of KB, so the slow client's socket fills within a few ticks.
        var features = Enumerable.Range(0, 500).Select(i => new FeatureDefinition { Name = $"a-feature-with-a-name-long-enough-to-weigh-on-the-wire-{i:D4}", Type = FeatureType.Numeric });
        await server.Client.PutModelAsync("firehose", TestData.Classifier() with { Features = [.. features] }, cancel);
        await server.Client.PostEventsAsync("firehose", TestData.Events(300), cancel);

        using var tinyBuffers = new SocketsHttpHandler { ConnectCallback = ConnectWithTinyReceiveBuffer };
        await using var slow = await ModelOpsStreamClient.ConnectAsync(server.Root, "firehose", cancel, new HttpMessageInvoker(tinyBuffers));
        await using var fast = await server.ConnectStreamAsync("firehose");

        var fastUpdates = await CountUpdatesAsync(fast, atLeast: 80);
        var slowFrames = await CountAllAsync(slow);

        Assert.Equal(80, fastUpdates);
        Assert.Equal("client too slow: more than 16 messages queued", slow.CloseReason);
        Assert.InRange(slowFrames, 1, 79);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, fast.State);
    }

    /// <summary>A socket whose receive window stays a few KB, so the server's sends back up as soon as the client stops reading.</summary>
    private static async ValueTask<Stream> ConnectWithTinyReceiveBuffer(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
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

    private async Task<int> CountUpdatesAsync(ModelOpsStreamClient stream, int atLeast)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var updates = 0;
        await foreach (var message in stream.ReadAllAsync(deadline.Token))
        {
            if (message is ModelUpdateMessage && ++updates == atLeast)
            {
                break;
            }
        }
        return updates;
    }
}
