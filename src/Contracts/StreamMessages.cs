namespace ModelOps.Contracts;

/// <summary>Message type names of the WebSocket protocol at <c>/api/v1/stream</c>.</summary>
public static class StreamMessageTypes
{
    public const string InitialState = "initial-state";
    public const string ActiveModelChanged = "active-model-changed";
    public const string ModelUpdate = "model-update";
    public const string NewLog = "new-log";
    public const string NewAlert = "new-alert";
    public const string ModelRemoved = "model-removed";
    public const string Error = "error";
    public const string SelectModel = "select-model";
}

/// <summary>Data of <c>initial-state</c>: every model, and which one the session is watching.</summary>
public sealed record InitialState(IReadOnlyList<ModelView> Models, string? ActiveModelId);

/// <summary>
/// One frame of the stream: <c>{"type": "...", "data": ...}</c>; a <c>new-log</c> frame also names its model
/// (<c>"modelId"</c>), so a client that just switched models can tell the old model's last lines from the new one's.
/// </summary>
public sealed record StreamEnvelope<T>(string Type, T Data)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelId { get; init; }
}

/// <summary>A message received from the stream, typed by its <c>type</c>.</summary>
public abstract record StreamMessage(string Type);

public sealed record InitialStateMessage(InitialState State) : StreamMessage(StreamMessageTypes.InitialState);

public sealed record ActiveModelChangedMessage(string ModelId) : StreamMessage(StreamMessageTypes.ActiveModelChanged);

public sealed record ModelUpdateMessage(ModelView Model) : StreamMessage(StreamMessageTypes.ModelUpdate);

/// <summary>An inference event of the session's active model, <paramref name="ModelId"/> (null from servers that did not say).</summary>
public sealed record NewLogMessage(InferenceEvent Event, string? ModelId = null) : StreamMessage(StreamMessageTypes.NewLog);

public sealed record NewAlertMessage(AlertView Alert) : StreamMessage(StreamMessageTypes.NewAlert);

/// <summary>A model was deleted; drop it from lists.</summary>
public sealed record ModelRemovedMessage(string ModelId) : StreamMessage(StreamMessageTypes.ModelRemoved);

/// <summary>The server could not act on a client message (for example, <c>select-model</c> of an unknown model).</summary>
public sealed record ErrorMessage(string Detail) : StreamMessage(StreamMessageTypes.Error);

/// <summary>A frame whose type this client does not know; kept so newer servers do not break older clients.</summary>
public sealed record UnknownMessage(string TypeName) : StreamMessage(TypeName);
