using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

/// <summary>The wire format: camelCase, enums as their documented names, nulls written (null means "not computable yet").</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = false)]
[JsonSerializable(typeof(ModelDefinition))]
[JsonSerializable(typeof(ModelView))]
[JsonSerializable(typeof(IReadOnlyList<ModelView>))]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(IReadOnlyList<InferenceEvent>))]
[JsonSerializable(typeof(AlertView))]
[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(StreamEnvelope<InitialState>))]
[JsonSerializable(typeof(StreamEnvelope<ModelView>))]
[JsonSerializable(typeof(StreamEnvelope<InferenceEvent>))]
[JsonSerializable(typeof(StreamEnvelope<AlertView>))]
[JsonSerializable(typeof(StreamEnvelope<string>))]
[JsonSerializable(typeof(InitialState))]
[JsonSerializable(typeof(InferenceEvent))]
public sealed partial class ModelOpsJsonContext : JsonSerializerContext;
