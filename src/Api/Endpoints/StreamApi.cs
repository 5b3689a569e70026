using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelOps.Api.Streaming;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Endpoints;

/// <summary>The live WebSocket stream at <c>/api/v1/stream</c>.</summary>
public static class StreamApi
{
    private const int MaxClientMessageBytes = 4 * 1024;
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stream", Connect).WithName("Stream").WithTags("Stream")
            .WithSummary("WebSocket: initial-state on connect, then model-update, new-log, new-alert; send select-model to switch the active model.");
        return routes;
    }

    public static async Task<IResult> Connect(
        HttpContext context, StreamHub hub, IGrainFactory grains, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime, string? model = null)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(Errors.Problems.Invalid("connection", "this endpoint speaks WebSocket: connect with ws:// and an Upgrade request"));
        }
        if (model is not null && !ModelId.IsValid(model))
        {
            return TypedResults.Problem(Errors.Problems.InvalidModelId(model));
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new StreamSession(socket, options.Value.SessionQueueLength);
        // On shutdown clients get a 1001 close at once, and a short grace to answer it, so Ctrl+C never waits on a dashboard tab.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var onShutdown = lifetime.ApplicationStopping.Register(() =>
        {
            session.Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
            ending.CancelAfter(ShutdownGrace);
        });
        var stopping = ending.Token;

        var ids = await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).List();
        session.ActiveModelId = model is not null && ids.Contains(model) ? model : ids.FirstOrDefault();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IModelGrain>(id).Get(includeHistory: id == session.ActiveModelId)));
        session.Send(JsonSerializer.SerializeToUtf8Bytes(
            new StreamEnvelope<InitialState>(StreamMessageTypes.InitialState, new InitialState(views.OfType<ModelView>().ToArray(), session.ActiveModelId)),
            Json.StreamEnvelopeInitialState));
        await hub.AddAsync(session);
        try
        {
            var writer = session.WriteLoopAsync(stopping);
            await ReadLoopAsync(socket, session, grains, stopping);
            session.Complete();
            await writer;
        }
        finally
        {
            hub.Remove(session);
        }
        return TypedResults.Empty;
    }

    private static async Task ReadLoopAsync(WebSocket socket, StreamSession session, IGrainFactory grains, CancellationToken stopping)
    {
        var buffer = new ArrayBufferWriter<byte>(MaxClientMessageBytes);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    if (buffer.WrittenCount >= MaxClientMessageBytes)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"client messages are at most {MaxClientMessageBytes} bytes", stopping);
                        return;
                    }
                    result = await socket.ReceiveAsync(buffer.GetMemory(1024), stopping);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                await HandleClientMessageAsync(buffer.WrittenMemory, session, grains);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away; the session ends with it.
        }
    }

    private static async Task HandleClientMessageAsync(ReadOnlyMemory<byte> message, StreamSession session, IGrainFactory grains)
    {
        string? type;
        string? modelId;
        try
        {
            using var document = JsonDocument.Parse(message);
            type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            modelId = document.RootElement.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException)
        {
            session.Send(Error("messages are JSON objects {\"type\": ..., \"data\": ...}"));
            return;
        }
        if (type != StreamMessageTypes.SelectModel)
        {
            session.Send(Error($"unknown message type '{type}'; the server understands '{StreamMessageTypes.SelectModel}'"));
            return;
        }
        if (!ModelId.IsValid(modelId) || await grains.GetGrain<IModelGrain>(modelId!).Get(includeHistory: true) is not { } view)
        {
            session.Send(Error($"select-model: model '{modelId}' does not exist"));
            return;
        }
        session.ActiveModelId = view.Id;
        session.Send(StreamHub.Frame(StreamMessageTypes.ActiveModelChanged, view.Id, Json.StreamEnvelopeString));
        session.Send(StreamHub.Frame(StreamMessageTypes.ModelUpdate, view, Json.StreamEnvelopeModelView));
    }

    private static ReadOnlyMemory<byte> Error(string detail) => StreamHub.Frame(StreamMessageTypes.Error, detail, Json.StreamEnvelopeString);
}
