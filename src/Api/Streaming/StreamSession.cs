using System.Net.WebSockets;
using System.Threading.Channels;
using ModelOps.Api.Security;

namespace ModelOps.Api.Streaming;

/// <summary>
/// One WebSocket client. Frames wait in a bounded outbox drained by one writer; a client that lets the
/// outbox fill is closed with a reason instead of slowing anyone else down.
/// </summary>
public sealed class StreamSession(WebSocket socket, int queueLength)
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private readonly Channel<ReadOnlyMemory<byte>> outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private (WebSocketCloseStatus Status, string Reason)? closing;

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The models this client may see; nothing of the others reaches it.</summary>
    public ModelScope Scope { get; init; } = ModelScope.None;

    /// <summary>The model whose full history and logs this client receives.</summary>
    public string? ActiveModelId { get; set; }

    /// <summary>Queues a frame; when the outbox is full the session is closed as too slow.</summary>
    public void Send(ReadOnlyMemory<byte> frame)
    {
        if (closing is null && !outbox.Writer.TryWrite(frame))
        {
            Close(WebSocketCloseStatus.PolicyViolation, $"client too slow: more than {queueLength} messages queued");
        }
    }

    /// <summary>Drops what is still queued and closes the connection with the given status and reason.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        closing ??= (status, reason);
        outbox.Writer.TryComplete();
    }

    /// <summary>Writes queued frames until the client goes away, the session is closed or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in outbox.Reader.ReadAllAsync(cancellationToken))
            {
                if (closing is not null || socket.State != WebSocketState.Open)
                {
                    break;
                }
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            // A client that sent its close (CloseReceived) gets the server's, completing the handshake: its close ends clean, not 1006.
            if (closing is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(CloseTimeout);
                await socket.CloseOutputAsync(close.Status, close.Reason, timeout.Token);
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
