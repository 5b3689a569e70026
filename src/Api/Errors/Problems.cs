using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Contracts;

namespace ModelOps.Api.Errors;

/// <summary>The problem documents of the API, worded once.</summary>
public static class Problems
{
    public static ProblemDetails ModelNotFound(string modelId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Model not found",
        Detail = $"Model '{modelId}' does not exist. Create it with PUT /api/v1/models/{modelId} and a body such as " +
                 """{"name": "My model", "version": "1.0", "task": "classification"}.""",
    };

    /// <summary>400 naming the field, e.g. <c>events[7].latencyMs: expected a number</c>.</summary>
    public static ValidationProblemDetails Invalid(string field, string reason) => new(new Dictionary<string, string[]> { [field] = [reason] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Invalid request",
        Detail = $"{field}: {reason}",
    };

    /// <summary>400 for a configuration document, placed in it: <c>line 12, column 7: rules[1].threshold: expected a number</c>.</summary>
    public static ValidationProblemDetails InvalidDocument(string path, long line, long column, string reason) =>
        new(new Dictionary<string, string[]> { [path] = [$"line {line}, column {column}: {reason}"] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid configuration",
            Detail = $"line {line}, column {column}: {path}: {reason}",
        };

    public static ProblemDetails Malformed(string detail) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Malformed JSON",
        Detail = detail,
    };

    public static ProblemDetails UnsupportedMediaType(string detail) => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = "Unsupported media type",
        Detail = detail,
    };

    public static ProblemDetails TooLarge(string detail) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request too large",
        Detail = detail,
    };

    public static ValidationProblemDetails InvalidModelId(string id) =>
        Invalid("id", $"'{Truncate(id)}' is not a valid model id: use {ModelId.Rule}");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
