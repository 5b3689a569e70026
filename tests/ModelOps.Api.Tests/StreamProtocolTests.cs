using System.Net.WebSockets;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>
/// The WebSocket protocol frame by frame, spoken by a bare <see cref="ClientWebSocket"/> so the test sees what is on the
/// wire: the close handshake, hostile client frames, the message limit across fragments, and updates that carry only the
/// new history points.
/// </summary>
public sealed class StreamProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_close_is_answered_with_the_servers_close_so_it_ends_clean()
    {
        await client.PutModelAsync("protocol-close", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-close");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        using var deadline = Within();
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", deadline.Token);

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    public static TheoryData<string, string> MalformedTextFrames => new()
    {
        { "[1,2,3]", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "42", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "\"select-model\"", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "null", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "{\"type\": \"select-model\"", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { new string('[', 1000) + new string(']', 1000), "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "", "messages are JSON objects {\"type\": ..., \"data\": ...}" },
        { "{\"type\": 7}", "unknown message type ''; the server understands 'select-model'" },
        { "{\"type\": \"subscribe\", \"data\": \"x\"}", "unknown message type 'subscribe'; the server understands 'select-model'" },
        { "{\"type\": \"select-model\", \"data\": {\"id\": \"x\"}}", "select-model: data is the id of the model to watch, a string" },
        { "{\"type\": \"select-model\"}", "select-model: data is the id of the model to watch, a string" },
        { "{\"type\": \"select-model\", \"data\": \"../etc\"}", "select-model: model '../etc' does not exist" },
    };

    [Theory]
    [MemberData(nameof(MalformedTextFrames))]
    public async Task A_malformed_text_frame_gets_an_error_frame_and_the_session_stays_open(string frame, string expected)
    {
        await client.PutModelAsync("protocol-malformed", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-malformed");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, cancel);

        Assert.Equal(expected, (await NextAsync<ErrorMessage>(socket)).Detail);
        await AssertStillServedAsync(socket, "protocol-malformed");
    }

    [Fact]
    public async Task A_binary_frame_gets_an_error_frame_and_the_session_stays_open()
    {
        await client.PutModelAsync("protocol-binary", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-binary");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        await socket.SendAsync(new byte[] { 0, 1, 2, 255 }, WebSocketMessageType.Binary, endOfMessage: true, cancel);

        Assert.Equal("messages are JSON text frames {\"type\": ..., \"data\": ...}; binary frames are not understood", (await NextAsync<ErrorMessage>(socket)).Detail);
        await AssertStillServedAsync(socket, "protocol-binary");
    }

    [Fact]
    public async Task A_text_frame_that_is_not_utf8_is_closed_with_1007()
    {
        await client.PutModelAsync("protocol-utf8", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-utf8");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        // 0xC3 0x28: a lead byte without its continuation.
        byte[] frame = [.. "{\"type\":\"select-model\",\"data\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancel);
        try
        {
            await DrainUntilClosedAsync(socket);
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
        }
        catch (WebSocketException reset) when (reset.InnerException is IOException)
        {
            // The runtime's WebSocket sends its 1007 close and then aborts the connection, with the rest of the refused
            // frame unread: the reset that follows can reach the client before it has read the close. Either way the
            // session is over, which is what the server owes a client that sends bytes that are not UTF-8.
            Assert.Equal(WebSocketState.Aborted, socket.State);
        }
    }

    [Fact]
    public async Task A_message_over_4_KB_in_small_fragments_is_closed_with_1009()
    {
        await client.PutModelAsync("protocol-fragments", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-fragments");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        var fragment = new byte[1000];
        Array.Fill(fragment, (byte)' ');
        for (var i = 0; i < 5 && socket.State == WebSocketState.Open; i++)
        {
            await socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: i == 4, cancel);
        }
        await DrainUntilClosedAsync(socket);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        Assert.Equal("client messages are at most 4096 bytes", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task A_message_of_exactly_4_KB_in_fragments_is_read()
    {
        await client.PutModelAsync("protocol-at-limit", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-at-limit");
        Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        var message = Encoding.UTF8.GetBytes("{\"type\": \"select-model\", \"data\": \"protocol-at-limit\"}".PadRight(4096));
        for (var offset = 0; offset < message.Length; offset += 1000)
        {
            var length = Math.Min(1000, message.Length - offset);
            await socket.SendAsync(message.AsMemory(offset, length), WebSocketMessageType.Text, endOfMessage: offset + length == message.Length, cancel);
        }

        Assert.Equal("protocol-at-limit", (await NextAsync<ActiveModelChangedMessage>(socket)).ModelId);
    }

    [Fact]
    public async Task An_unknown_model_in_the_query_gets_an_error_naming_it_before_the_initial_state()
    {
        await client.PutModelAsync("protocol-known", TestData.Classifier(), cancel);
        using var socket = await ConnectAsync("protocol-no-such-model");

        var error = Assert.IsType<ErrorMessage>(await ReceiveAsync(socket));
        var initial = Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));

        Assert.Equal($"model 'protocol-no-such-model' does not exist; watching '{initial.State.ActiveModelId}' instead", error.Detail);
        Assert.DoesNotContain(initial.State.Models, model => model.Id == "protocol-no-such-model");
    }

    [Fact]
    public async Task The_history_goes_out_once_and_updates_carry_only_the_new_points()
    {
        await client.PutModelAsync("protocol-points", TestData.Classifier(), cancel);
        var now = DateTimeOffset.UtcNow;
        // One event in each of the last 120 seconds: a history of 120 points.
        await client.PostEventsAsync("protocol-points", Enumerable.Range(1, 120).Select(i => TestData.Events(1, now.AddSeconds(-i))[0]).ToArray(), cancel);
        using var socket = await ConnectAsync("protocol-points");

        var initial = Assert.IsType<InitialStateMessage>(await ReceiveAsync(socket));
        var updates = new List<ModelView>();
        // The first update may repeat the seconds the ingest touched before the model's first tick: points the client holds.
        await NextAsync<ModelUpdateMessage>(socket, update => update.Model.Id == "protocol-points");
        while (updates.Count < 5)
        {
            updates.Add((await NextAsync<ModelUpdateMessage>(socket, update => update.Model.Id == "protocol-points")).Model);
        }

        Assert.Equal(120, initial.State.Models.Single(model => model.Id == "protocol-points").History.Sum(point => point.Count));
        Assert.InRange(initial.State.Models.Single(model => model.Id == "protocol-points").History.Count, 120, 122);
        // A tick is 200 ms: an update resends the second it last sent (it may have grown) and adds the seconds since.
        Assert.All(updates, update => Assert.InRange(update.History.Count, 0, 2));
        Assert.All(updates, update => Assert.Equal(120, update.Metrics.Count));
        Assert.All(updates, update => Assert.Equal(2, update.Features.Count));
    }

    private async Task AssertStillServedAsync(ClientWebSocket socket, string modelId)
    {
        var select = Encoding.UTF8.GetBytes($"{{\"type\": \"select-model\", \"data\": \"{modelId}\"}}");
        await socket.SendAsync(select, WebSocketMessageType.Text, endOfMessage: true, cancel);
        Assert.Equal(modelId, (await NextAsync<ActiveModelChangedMessage>(socket)).ModelId);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    private async Task<ClientWebSocket> ConnectAsync(string modelId)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(ModelOpsStreamClient.StreamUri(fixture.Server.Root, modelId), cancel);
        return socket;
    }

    private CancellationTokenSource Within()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Deadline);
        return deadline;
    }

    private async Task<T> NextAsync<T>(ClientWebSocket socket, Func<T, bool>? match = null) where T : StreamMessage
    {
        using var deadline = Within();
        while (true)
        {
            if (await ReceiveAsync(socket, deadline.Token) is T typed && (match?.Invoke(typed) ?? true))
            {
                return typed;
            }
        }
    }

    /// <summary>One frame as the server sent it, parsed without merging.</summary>
    private async Task<StreamMessage?> ReceiveAsync(ClientWebSocket socket, CancellationToken? token = null)
    {
        using var deadline = Within();
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(chunk, token ?? deadline.Token);
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"The server closed the stream: {socket.CloseStatus} {socket.CloseStatusDescription}");
        }
        return ModelOpsStreamClient.Parse(buffer.ToArray());
    }

    private async Task DrainUntilClosedAsync(ClientWebSocket socket)
    {
        using var deadline = Within();
        var chunk = new byte[16 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            if ((await socket.ReceiveAsync(chunk, deadline.Token)).MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
