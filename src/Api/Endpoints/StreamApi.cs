using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelOps.Api.Streaming;
using ModelOps.Api.Security;
using ModelOps.Contracts;
using ModelOps.Grains;

namespace ModelOps.Api.Endpoints;

/// <summary>The live WebSocket stream at <c>/api/v1/stream</c>.</summary>
public static class StreamApi
{
    private const int MaxClientMessageBytes = 4 * 1024;
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    internal static void MapStreamApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stream", Connect).WithName("Stream").Requires(ApiAction.Read).AddEndpointFilter<OriginFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden).WithTags("Stream")
            .WithSummary("WebSocket: initial-state on connect, then model-update, new-log, new-alert; send select-model to switch the active model.");
    }

    public static async Task<IResult> Connect(
        HttpContext context, StreamHub hub, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime, string? model = null)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new InvalidRequestException("connection", "this endpoint speaks WebSocket: connect with ws:// and an Upgrade request");
        }
        if (model is not null && !ModelId.IsValid(model))
        {
            throw new Errors.ProblemException(Errors.Problems.InvalidModelId(model));
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var scope = Caller.ScopeOf(context.User);
        var session = new StreamSession(socket, options.Value.SessionQueueLength) { Scope = scope };
        // On shutdown clients get a 1001 close at once, and a short grace to answer it, so Ctrl+C never waits on a dashboard tab.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var onShutdown = lifetime.ApplicationStopping.Register(() =>
        {
            session.Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
            ending.CancelAfter(ShutdownGrace);
        });
        var stopping = ending.Token;

        var initial = await hub.InitialStateAsync(model, scope);
        if (model is not null && initial.ActiveModelId != model)
        {
            session.Send(Error($"model '{model}' does not exist; watching {(initial.ActiveModelId is { } first ? $"'{first}'" : "no model")} instead"));
        }
        session.ActiveModelId = initial.ActiveModelId;
        session.Send(JsonSerializer.SerializeToUtf8Bytes(new StreamEnvelope<InitialState>(StreamMessageTypes.InitialState, initial), Json.StreamEnvelopeInitialState));
        hub.Add(session);
        try
        {
            var writer = session.WriteLoopAsync(stopping);
            await ReadLoopAsync(socket, session, hub, stopping);
            session.Complete();
            await writer;
        }
        finally
        {
            hub.Remove(session);
        }
        return TypedResults.Empty;
    }

    /// <summary>
    /// Reads client messages until the client closes (answered with a close of the same status, completing the handshake)
    /// or sends a message over <see cref="MaxClientMessageBytes"/>, fragments included (closed with 1009).
    /// </summary>
    private static async Task ReadLoopAsync(WebSocket socket, StreamSession session, StreamHub hub, CancellationToken stopping)
    {
        // One byte more than the limit, so a message one byte too long is seen as too long.
        var buffer = new byte[MaxClientMessageBytes + 1];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stopping);
                    length += result.Count;
                    if (length > MaxClientMessageBytes)
                    {
                        session.Close(WebSocketCloseStatus.MessageTooBig, $"client messages are at most {MaxClientMessageBytes} bytes");
                        return;
                    }
                }
                while (!result.EndOfMessage);

                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        session.Close(WebSocketCloseStatus.NormalClosure, "closing");
                        return;
                    case WebSocketMessageType.Binary:
                        session.Send(Error("messages are JSON text frames {\"type\": ..., \"data\": ...}; binary frames are not understood"));
                        break;
                    default:
                        await HandleClientMessageAsync(buffer.AsMemory(0, length), session, hub);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away; the session ends with it.
        }
    }

    private static async Task HandleClientMessageAsync(ReadOnlyMemory<byte> message, StreamSession session, StreamHub hub)
    {
        if (ClientMessage.Parse(message) is not { } request)
        {
            session.Send(Error("messages are JSON objects {\"type\": ..., \"data\": ...}"));
            return;
        }
        if (request.Type != StreamMessageTypes.SelectModel)
        {
            session.Send(Error($"unknown message type '{request.Type}'; the server understands '{StreamMessageTypes.SelectModel}'"));
            return;
        }
        if (request.Data is not { } modelId)
        {
            session.Send(Error("select-model: data is the id of the model to watch, a string"));
            return;
        }
        if (await hub.SelectAsync(session, modelId) is not { } view)
        {
            session.Send(Error($"select-model: model '{modelId}' does not exist"));
            return;
        }
        session.Send(StreamHub.Frame(StreamMessageTypes.ActiveModelChanged, view.Id, Json.StreamEnvelopeString));
        session.Send(StreamHub.Frame(StreamMessageTypes.ModelUpdate, view, Json.StreamEnvelopeModelView));
    }

    private static ReadOnlyMemory<byte> Error(string detail) => StreamHub.Frame(StreamMessageTypes.Error, detail, Json.StreamEnvelopeString);

    /// <summary>A client message: its <c>type</c>, and its <c>data</c> when that is a string.</summary>
    private sealed record ClientMessage(string? Type, string? Data)
    {
        /// <summary>The message, or null when it is not a JSON object (malformed JSON, an array, a number, invalid UTF-8, nested too deep).</summary>
        public static ClientMessage? Parse(ReadOnlyMemory<byte> message)
        {
            try
            {
                using var document = JsonDocument.Parse(message);
                var root = document.RootElement;
                return root.ValueKind != JsonValueKind.Object
                    ? null
                    : new ClientMessage(StringOrNull(root, "type"), StringOrNull(root, "data"));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string that is not valid UTF-8.
                return null;
            }
        }

        private static string? StringOrNull(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
