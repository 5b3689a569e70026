using System.Net.WebSockets;
using System.Threading.Channels;

namespace ModelOps.Api.Streaming;

/// <summary>
/// One WebSocket client. Frames wait in a bounded outbox drained by one writer; a client that lets the
/// outbox fill is closed with a reason instead of slowing anyone else down.
/// </summary>
public sealed class StreamSession(WebSocket socket, int queueLength)
{
    private readonly Channel<ReadOnlyMemory<byte>> outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private volatile bool overflowed;

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The model whose full history and logs this client receives.</summary>
    public string? ActiveModelId { get; set; }

    public int QueueLength => queueLength;

    /// <summary>Queues a frame; when the outbox is full the session is marked too slow and will be closed.</summary>
    public void Send(ReadOnlyMemory<byte> frame)
    {
        if (overflowed)
        {
            return;
        }
        if (!outbox.Writer.TryWrite(frame))
        {
            overflowed = true;
            outbox.Writer.TryComplete();
        }
    }

    /// <summary>Writes queued frames until the client goes away, the session overflows or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in outbox.Reader.ReadAllAsync(cancellationToken))
            {
                if (overflowed || socket.State != WebSocketState.Open)
                {
                    break;
                }
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            if (overflowed && socket.State == WebSocketState.Open)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(
                    WebSocketCloseStatus.PolicyViolation,
                    $"client too slow: more than {queueLength} messages queued",
                    timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    /// <summary>Ends the write loop after the frames already queued.</summary>
    public void Complete() => outbox.Writer.TryComplete();
}
