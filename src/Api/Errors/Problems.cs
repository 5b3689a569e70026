using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ModelOps.Contracts;

namespace ModelOps.Api.Errors;

/// <summary>The problem documents of the API, worded once.</summary>
public static class Problems
{
    public static NotFoundProblem ModelNotFound(string modelId) => new("Model not found",
        $"Model '{modelId}' does not exist. Create it with PUT /api/v1/models/{modelId} and a body such as " +
        """{"name": "My model", "version": "1.0", "task": "classification"}.""");

    public static NotFoundProblem AlertNotFound(string alertId) => new("Alert not found",
        $"No alert '{alertId}'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{{id}}/alerts.");

    public static NotFoundProblem ChannelNotFound(string channelId) => new("Channel not found",
        $"No channel '{channelId}'. Create it with PUT /api/v1/channels/{channelId} and a body such as " +
        """{"type": "slack", "url": "https://hooks.slack.com/services/…", "minSeverity": "warning"}.""");

    public static NotFoundProblem SilenceNotFound(string silenceId) => new("Silence not found",
        $"No silence '{silenceId}'. List them with GET /api/v1/silences?includeExpired=true.");

    public static NotFoundProblem KeyNotFound(string keyId) => new("Key not found",
        $"No API key '{keyId}'. List them with GET /api/v1/keys.");

    /// <summary>A path under <c>/api</c> that no endpoint serves.</summary>
    public static NotFoundProblem NoSuchEndpoint(string path) => new("No such endpoint",
        $"There is no API endpoint at {path}; see /swagger for the ones there are.");

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

    /// <summary>415 naming the media types the operation takes.</summary>
    public static ProblemDetails UnsupportedMediaType(string? sent, IReadOnlyList<string> accepted) => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = "Unsupported media type",
        Detail = $"This operation takes a body of type {Alternatives(accepted)}; the request's Content-Type was {(string.IsNullOrEmpty(sent) ? "missing" : $"'{sent}'")}.",
        Extensions = { ["accepted"] = accepted },
    };

    public static ProblemDetails TooLarge(string detail) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request too large",
        Detail = detail,
    };

    public static ValidationProblemDetails InvalidModelId(string id) =>
        Invalid("id", $"'{Truncate(id)}' is not a valid model id: use {ModelId.Rule}");

    /// <summary>
    /// The detail of a problem written for a bare status code (routing's 405 for a method the path does not take),
    /// where no handler said what was wrong.
    /// </summary>
    public static void DescribeStatus(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        if (context.ProblemDetails.Detail is null && response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var request = context.HttpContext.Request;
            context.ProblemDetails.Detail = $"{request.Method} is not an operation of {request.Path}; it takes {Alternatives(response.Headers.Allow.ToString().Split(", "))}.";
        }
    }

    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> values) =>
        values.Count <= 1 ? string.Concat(values) : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
