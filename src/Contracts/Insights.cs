namespace ModelOps.Contracts;

/// <summary>An AI (or built-in) explanation of an alert: <c>POST /api/v1/alerts/{alertId}/insight</c>.</summary>
public sealed record AlertInsight
{
    public required string AlertId { get; init; }

    /// <summary><c>builtin</c> or <c>gemini</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model that answered (for example <c>gemini-2.5-flash</c>); null for the built-in analyst.</summary>
    public string? Model { get; init; }

    public required string Summary { get; init; }
    public required IReadOnlyList<InsightCause> LikelyCauses { get; init; }
    public required IReadOnlyList<string> Recommendations { get; init; }
    public required IReadOnlyList<InsightEvidence> Evidence { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Why the configured AI provider did not answer and the built-in analyst did; null when it did.</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>A likely cause, with the evidence (<c>E1</c>, <c>E2</c>, …) it rests on.</summary>
public sealed record InsightCause
{
    public required string Cause { get; init; }

    /// <summary><c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public required string Confidence { get; init; }

    public required IReadOnlyList<string> Evidence { get; init; }
}

/// <summary>One numbered fact about the alert, from the service's own measurements.</summary>
public sealed record InsightEvidence
{
    /// <summary><c>E1</c>, <c>E2</c>, …</summary>
    public required string Id { get; init; }

    /// <summary>What the fact is about: <c>rule</c>, <c>metric</c>, <c>drift</c>, <c>data-quality</c>, <c>latency</c>, <c>errors</c>, <c>traffic</c>, <c>version</c>.</summary>
    public required string Kind { get; init; }

    public required string Text { get; init; }
}

public static class InsightProviders
{
    public const string Builtin = "builtin";
    public const string Gemini = "gemini";
}

/// <summary>
/// A configuration document as <c>GET …/config</c> answers it: the YAML, the AI model that proposed its thresholds
/// (<c>?assist=true</c>), or why it holds no proposal.
/// </summary>
public sealed record ConfigDocument(string Yaml, string? AssistModel = null, string? FallbackReason = null)
{
    public const string AssistModelHeader = "X-ModelOps-Assist-Model";
    public const string FallbackReasonHeader = "fallbackReason";
}

/// <summary>The formats of <c>GET /api/v1/models/{id}/config?format=</c>.</summary>
public static class ConfigFormats
{
    public const string ModelOps = "modelops";
    public const string Evidently = "evidently";
    public const string MLflow = "mlflow";

    public static readonly IReadOnlyList<string> All = [ModelOps, Evidently, MLflow];
}
