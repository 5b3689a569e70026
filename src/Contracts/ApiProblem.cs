namespace ModelOps.Contracts;

/// <summary>An RFC 9457 problem document as the API returns it.</summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}

/// <summary>Thrown by <see cref="ModelOpsClient"/> when the API answers with an error.</summary>
public sealed class ModelOpsApiException(int statusCode, ApiProblem? problem)
    : Exception(problem?.Detail ?? problem?.Title ?? $"HTTP {statusCode}")
{
    public int StatusCode { get; } = statusCode;
    public ApiProblem? Problem { get; } = problem;

    /// <summary>How long the server asks to wait before trying again (its <c>Retry-After</c>), on a 429 or 503.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
