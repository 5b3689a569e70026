using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelOps.Contracts;

/// <summary>
/// One WebSocket connection to <c>/api/v1/stream</c>. Read messages with <see cref="ReadAllAsync"/>;
/// reconnecting is the caller's choice (the dashboard reconnects with back-off and resyncs from <c>initial-state</c>).
/// The client holds every model it was told of (<see cref="Models"/>): a <c>model-update</c> carries only the history
/// points that are new, and <see cref="ReadAllAsync"/> hands out the model with those points merged into what it holds.
/// </summary>
public sealed class ModelOpsStreamClient : IAsyncDisposable
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private readonly ClientWebSocket socket = new();
    private readonly Dictionary<string, ModelView> models = new(StringComparer.Ordinal);

    /// <summary>Why the server closed the connection, once it has.</summary>
    public string? CloseReason => socket.CloseStatusDescription;

    public WebSocketState State => socket.State;

    /// <summary>Every model as of the messages read so far, with the history the server sent merged (see <see cref="ModelUpdates.Merge(ModelView?, ModelView)"/>).</summary>
    public IReadOnlyDictionary<string, ModelView> Models => models;

    /// <param name="serverRoot">The server root, for example <c>http://localhost:5000/</c>.</param>
    /// <param name="modelId">The model to watch first; the server picks one when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <param name="invoker">The HTTP handler to connect with (for example to tune the socket); null uses the platform's.</param>
    /// <param name="apiKey">The API key, sent as <c>X-API-Key</c>; null sends none (a browser's session cookie, or anonymous loopback access).</param>
    public static async Task<ModelOpsStreamClient> ConnectAsync(
        Uri serverRoot, string? modelId = null, CancellationToken cancellationToken = default, HttpMessageInvoker? invoker = null, string? apiKey = null)
    {
        var client = new ModelOpsStreamClient();
        try
        {
            if (apiKey is not null)
            {
                client.socket.Options.SetRequestHeader(ApiKeyHeaders.ApiKey, apiKey);
            }
            await client.socket.ConnectAsync(StreamUri(serverRoot, modelId), invoker, cancellationToken);
        }
        catch
        {
            client.socket.Dispose();
            throw;
        }
        return client;
    }

    public static Uri StreamUri(Uri serverRoot, string? modelId)
    {
        var builder = new UriBuilder(new Uri(serverRoot, "api/v1/stream"))
        {
            Scheme = serverRoot.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = modelId is null ? string.Empty : $"model={Uri.EscapeDataString(modelId)}",
        };
        return builder.Uri;
    }

    public Task SelectModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var frame = JsonSerializer.SerializeToUtf8Bytes(new StreamEnvelope<string>(StreamMessageTypes.SelectModel, modelId), Json.StreamEnvelopeString);
        return socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>
    /// Messages until the server closes the connection; a <see cref="ModelUpdateMessage"/> holds the model with its
    /// history so far (the frame's new points merged into what this client held), not the frame's points alone.
    /// </summary>
    public async IAsyncEnumerable<StreamMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }
                yield break;
            }
            yield return Hold(Parse(buffer.WrittenSpan));
        }
    }

    private StreamMessage Hold(StreamMessage message)
    {
        switch (message)
        {
            case InitialStateMessage initial:
                models.Clear();
                foreach (var model in initial.State.Models)
                {
                    models[model.Id] = model;
                }
                return message;
            case ModelUpdateMessage update:
                var merged = ModelUpdates.Merge(models.GetValueOrDefault(update.Model.Id), update.Model);
                models[merged.Id] = merged;
                return new ModelUpdateMessage(merged);
            case ModelRemovedMessage removed:
                models.Remove(removed.ModelId);
                return message;
            default:
                return message;
        }
    }

    /// <summary>Parses one frame of the protocol: a <c>model-update</c>'s history is the frame's points only.</summary>
    public static StreamMessage Parse(ReadOnlySpan<byte> frame)
    {
        using var document = JsonDocument.Parse(frame.ToArray());
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString() ?? string.Empty;
        var data = root.GetProperty("data");
        return type switch
        {
            StreamMessageTypes.InitialState => new InitialStateMessage(data.Deserialize(Json.InitialState)!),
            StreamMessageTypes.ActiveModelChanged => new ActiveModelChangedMessage(data.GetString()!),
            StreamMessageTypes.ModelUpdate => new ModelUpdateMessage(data.Deserialize(Json.ModelView)!),
            StreamMessageTypes.NewLog => new NewLogMessage(data.Deserialize(Json.InferenceEvent)!,
                root.TryGetProperty("modelId", out var modelId) ? modelId.GetString() : null),
            StreamMessageTypes.NewAlert => new NewAlertMessage(data.Deserialize(Json.AlertView)!),
            StreamMessageTypes.ModelRemoved => new ModelRemovedMessage(data.GetString()!),
            StreamMessageTypes.Error => new ErrorMessage(data.GetString()!),
            _ => new UnknownMessage(type),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "client closing", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server went away first; nothing left to close.
            }
        }
        socket.Dispose();
    }
}
