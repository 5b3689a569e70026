using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelOps.Api.Errors;
using ModelOps.Contracts;

namespace ModelOps.Api.Ingest;

/// <summary>
/// Reads a JSON request body within a size limit and turns every way it can be wrong into a problem that
/// names the field: <c>events[7].latencyMs: expected a number</c>, or the line and byte of malformed JSON.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes, CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken)
                ?? throw new ProblemException(Problems.Invalid("body", "expected a JSON object, got null"));
        }
        catch (JsonException ex)
        {
            throw new ProblemException(Describe(ex));
        }
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Describe(JsonException ex)
    {
        var field = FieldOf(ex.Path);
        var message = ex.Message;
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var missing = message.Split('\'') is { Length: >= 4 } parts ? parts[^2] : "a property";
            return Problems.Invalid(field is null ? missing : $"{field}.{missing}", "required");
        }
        if (message.StartsWith("expected ", StringComparison.Ordinal))
        {
            return Problems.Invalid(field ?? "body", message.Split(" Path:", 2)[0]);
        }
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) && field is not null)
        {
            return Problems.Invalid(field, Expectation(field));
        }
        var line = ex.LineNumber is { } l ? l + 1 : 1;
        var position = ex.BytePositionInLine ?? 0;
        return Problems.Malformed($"The body is not valid JSON (line {line}, byte {position}): {message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}");
    }

    /// <summary>413 at once when the declared length is over the limit; otherwise the server stops reading at the limit.</summary>
    public static void LimitBody(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {maxBytes} are accepted per request."));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }

    /// <summary><c>$.events[7].latencyMs</c> → <c>events[7].latencyMs</c>; null for the root.</summary>
    private static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Expectation(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        name = bracket >= 0 ? name[..bracket] : name;
        return name switch
        {
            "latencyMs" or "score" or "threshold" => "expected a number",
            "id" or "name" or "version" => "expected a string",
            "timestamp" => "expected an ISO 8601 date-time such as 2026-11-29T15:00:00Z",
            "error" => "expected true or false",
            "events" => "expected an array of events",
            "features" when field.EndsWith("features", StringComparison.Ordinal) => "expected an object of feature values",
            "prediction" or "label" => "expected a number, a string or null",
            "task" => "expected classification or regression",
            "type" when field == "type" => $"expected one of {string.Join(", ", ChannelTypes.All)}",
            "type" => "expected numeric or categorical",
            "severity" or "minSeverity" => "expected critical, warning or info",
            _ => "has the wrong type",
        };
    }
}
