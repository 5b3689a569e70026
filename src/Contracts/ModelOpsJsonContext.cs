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
[JsonSerializable(typeof(AlertRule))]
[JsonSerializable(typeof(AlertRuleSet))]
[JsonSerializable(typeof(IReadOnlyList<AlertView>))]
[JsonSerializable(typeof(AlertActionRequest))]
[JsonSerializable(typeof(DeliveryView))]
[JsonSerializable(typeof(NotificationChannel))]
[JsonSerializable(typeof(IReadOnlyList<NotificationChannel>))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(IReadOnlyList<Silence>))]
[JsonSerializable(typeof(RetrainRequest))]
[JsonSerializable(typeof(RetrainView))]
[JsonSerializable(typeof(IReadOnlyList<RetrainView>))]
[JsonSerializable(typeof(RetrainNotification))]
[JsonSerializable(typeof(IReadOnlyList<AlertRule>))]
public sealed partial class ModelOpsJsonContext : JsonSerializerContext;
