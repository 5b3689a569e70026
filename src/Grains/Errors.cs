namespace ModelOps.Grains;

/// <summary>The model has no definition yet.</summary>
[GenerateSerializer, Alias("ModelOps.ModelNotFoundException")]
public sealed class ModelNotFoundException(string modelId) : Exception($"Model '{modelId}' does not exist.")
{
    [Id(0)] public string ModelId { get; } = modelId;
}

/// <summary>A field of a request is invalid; nothing of the request was applied.</summary>
[GenerateSerializer, Alias("ModelOps.InvalidRequestException")]
public sealed class InvalidRequestException(string field, string reason) : Exception($"{field}: {reason}")
{
    /// <summary>Path of the field, e.g. <c>events[7].latencyMs</c>.</summary>
    [Id(0)] public string Field { get; } = field;

    [Id(1)] public string Reason { get; } = reason;
}

/// <summary>The request is valid but conflicts with the current setup (409); the message says how to fix it.</summary>
[GenerateSerializer, Alias("ModelOps.ConflictException")]
public sealed class ConflictException(string detail) : Exception(detail)
{
    [Id(0)] public string Detail { get; } = detail;
}
