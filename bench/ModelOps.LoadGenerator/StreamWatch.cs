using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.LoadGenerator;

/// <summary>
/// What one idle WebSocket client costs: connects to <c>/api/v1/stream</c>, sends nothing, and counts the bytes of every
/// message by type for the run's duration, <c>initial-state</c> apart (it is sent once, on connect).
/// </summary>
public static class StreamWatch
{
    /// <summary>A frame larger than this ends the run: the server's own frames are far smaller.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    public sealed record Tally(string Type, long Messages, long Bytes);

    public sealed record Result(long InitialStateBytes, TimeSpan Elapsed, IReadOnlyList<Tally> ByType, string? Closed)
    {
        public long Bytes => ByType.Sum(tally => tally.Bytes);
    }

    public static async Task<Result> RunAsync(Uri serverRoot, string? model, TimeSpan duration)
    {
        using var socket = new ClientWebSocket();
        // Ten seconds to connect and get initial-state; then the run's duration from it.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(ModelOpsStreamClient.StreamUri(serverRoot, model), stop.Token);
        var tallies = new Dictionary<string, (long Messages, long Bytes)>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        long initialState = 0;
        Stopwatch? clock = null;
        string? closed = null;
        while (true)
        {
            buffer.ResetWrittenCount();
            var message = await ReadMessageAsync(socket, buffer, stop.Token);
            if (message is null)
            {
                closed = socket.CloseStatus is { } status ? $"{(int)status} {socket.CloseStatusDescription}" : null;
                break;
            }
            var type = TypeOf(buffer.WrittenSpan);
            if (clock is null && type == StreamMessageTypes.InitialState)
            {
                initialState = buffer.WrittenCount;
                clock = Stopwatch.StartNew();
                stop.CancelAfter(duration);
                continue;
            }
            if (clock is null)
            {
                clock = Stopwatch.StartNew();
                stop.CancelAfter(duration);
            }
            var (messages, bytes) = tallies.GetValueOrDefault(type);
            tallies[type] = (messages + 1, bytes + buffer.WrittenCount);
        }
        // A receive cancelled at the end of the run aborts the socket; the server sees the connection end.
        return new Result(initialState, clock?.Elapsed ?? TimeSpan.Zero,
            [.. tallies.OrderByDescending(pair => pair.Value.Bytes).Select(pair => new Tally(pair.Key, pair.Value.Messages, pair.Value.Bytes))], closed);
    }

    public static void Print(Result result, TextWriter output)
    {
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-9);
        output.WriteLine($"initial-state     {result.InitialStateBytes / 1024.0:N1} KiB (once, on connect)");
        output.WriteLine($"after it          {result.Bytes / 1024.0 / seconds:N1} KiB/s over {result.Elapsed.TotalSeconds:0.0} s");
        foreach (var tally in result.ByType)
        {
            output.WriteLine($"  {tally.Type,-16}{tally.Bytes / 1024.0 / seconds,8:N1} KiB/s  {tally.Messages / seconds,6:N1} messages/s  {tally.Bytes / Math.Max(tally.Messages, 1) / 1024.0,6:N2} KiB each");
        }
        if (result.Closed is { } closed)
        {
            output.WriteLine($"closed by server  {closed}");
        }
    }

    /// <returns>The message's type, or null once the server closes or the time is up.</returns>
    private static async Task<WebSocketMessageType?> ReadMessageAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return result.MessageType;
                }
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    throw new InvalidDataException($"a message over {MaxMessageBytes} bytes");
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string TypeOf(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("type"u8) && reader.Read())
            {
                return reader.GetString() ?? "(null)";
            }
            if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
        return "(no type)";
    }
}
