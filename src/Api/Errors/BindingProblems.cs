using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;

namespace ModelOps.Api.Errors;

/// <summary>
/// Turns a request that did not bind into a problem naming the field: a JSON body by the path of the serializer's
/// exception, read against the body itself and the type the operation binds (a duplicated property, an unknown one, a
/// missing required one, a value of the wrong type, a number out of range); a query parameter by the type of the
/// handler's parameter. Never by the text of an exception's message.
/// </summary>
internal static class BindingProblems
{
    private const string Body = "body";

    /// <summary>The problem of a JSON body that failed at <paramref name="path"/> (<c>$.events[7].latencyMs</c>; <c>$</c> for the whole body).</summary>
    public static ProblemDetails Json(HttpContext context, string? path)
    {
        var body = BufferedBody(context.Request);
        if (body is not { Length: > 0 })
        {
            return Problems.Invalid(Body, "required: a JSON body");
        }
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (Syntax(body, options) is { } malformed)
        {
            return malformed;
        }
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions
        {
            MaxDepth = MaxDepth(options),
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
        });
        JsonElement? element = document.RootElement;
        var type = EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var field = "";
        foreach (var (name, index) in Segments(path ?? "$"))
        {
            var info = TypeInfo(type, options);
            if (index is { } i)
            {
                field += $"[{i}]";
                type = info?.ElementType;
                element = element is { ValueKind: JsonValueKind.Array } array && i < array.GetArrayLength() ? array[i] : null;
                continue;
            }
            field = field.Length == 0 ? name! : $"{field}.{name}";
            var isObject = info?.Kind == JsonTypeInfoKind.Object;
            var comparison = isObject && options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var occurrences = element is { ValueKind: JsonValueKind.Object } parent
                ? parent.EnumerateObject().Where(property => string.Equals(property.Name, name, comparison)).ToArray()
                : [];
            if (occurrences.Length > 1)
            {
                return Problems.Invalid(field, "given more than once: send each property once");
            }
            if (isObject)
            {
                var property = info!.Properties.FirstOrDefault(candidate => string.Equals(candidate.Name, name, comparison));
                if (property is null)
                {
                    return Problems.Invalid(field, $"unknown property; {Known(info)}");
                }
                type = property.PropertyType;
            }
            else
            {
                type = info?.ElementType;
            }
            element = occurrences.Length == 1 ? occurrences[0].Value : null;
        }
        return Wrong(field.Length == 0 ? Body : field, element, type, options);
    }

    /// <summary>The first query parameter of the handler whose value does not parse as its type, or null when every one does.</summary>
    public static ProblemDetails? Query(HttpContext context)
    {
        var parameters = EndpointOf(context)?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        foreach (var parameter in parameters)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is not { } name || !context.Request.Query.TryGetValue(name, out var values) || Noun(type) is not { } noun || type == typeof(string))
            {
                continue;
            }
            if (values.Count != 1)
            {
                return Problems.Invalid(name, $"expected one value, {noun}; got {values.Count}");
            }
            if (!Parses(type, values[0]!))
            {
                return Problems.Invalid(name, $"expected {noun}, got '{Shortened(values[0]!)}'");
            }
        }
        return null;
    }

    /// <summary>The endpoint a request was routed to; the exception handler clears it from the context before it runs.</summary>
    public static Endpoint? EndpointOf(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    /// <summary>True when the request sent JSON to an operation that takes a body: a JSON error is then the body's.</summary>
    public static bool IsBodyError(HttpContext context) =>
        context.Request.HasJsonContentType() && EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 };

    /// <summary>A body <c>ApiRequestGuard</c> buffered; null for one it did not.</summary>
    private static byte[]? BufferedBody(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return null;
        }
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        request.Body.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A body that is not JSON at all: not UTF-8, not well-formed, or nested deeper than the serializer reads.</summary>
    private static ProblemDetails? Syntax(byte[] body, JsonSerializerOptions options)
    {
        if (!Utf8.IsValid(body))
        {
            var offset = 0;
            while (Rune.DecodeFromUtf8(body.AsSpan(offset), out _, out var consumed) == OperationStatus.Done)
            {
                offset += consumed;
            }
            return Problems.Malformed($"The body is not valid UTF-8 (byte {offset} of the body): send JSON as UTF-8.");
        }
        var maxDepth = MaxDepth(options);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions
        {
            MaxDepth = maxDepth * 2,
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return Problems.Malformed($"The body nests objects and arrays deeper than {maxDepth} levels (byte {reader.TokenStartIndex}); at most {maxDepth} are read.");
                }
            }
            return null;
        }
        catch (JsonException syntax)
        {
            var line = (syntax.LineNumber ?? 0) + 1;
            return Problems.Malformed($"The body is not valid JSON (line {line}, byte {syntax.BytePositionInLine ?? 0}).");
        }
    }

    /// <summary>What a value at <paramref name="field"/> should have been, given the value that was there.</summary>
    private static ProblemDetails Wrong(string field, JsonElement? element, Type? type, JsonSerializerOptions options)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var info = TypeInfo(type, options);
        if (info?.Kind == JsonTypeInfoKind.Object && element is { ValueKind: JsonValueKind.Object } value
            && info.Properties.FirstOrDefault(property => property.IsRequired && !Has(value, property.Name, options)) is { } missing)
        {
            var name = field == Body ? missing.Name : $"{field}.{missing.Name}";
            return Problems.Invalid(name, "required");
        }
        var noun = type is null ? "a value of another type" : Noun(type) ?? info?.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            _ => "an object",
        };
        if (element is { ValueKind: JsonValueKind.Number } && Range(type) is { } range)
        {
            return Problems.Invalid(field, $"expected {range}");
        }
        return Problems.Invalid(field, element switch
        {
            { ValueKind: JsonValueKind.Null } => $"expected {noun}, got null",
            { ValueKind: JsonValueKind.String } text => $"expected {noun}, got '{Shortened(text.GetString()!)}'",
            _ => $"expected {noun}",
        });
    }

    /// <summary>How a value of a scalar type is described to a person; null for objects, arrays and dictionaries.</summary>
    private static string? Noun(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date-time such as 2026-11-29T15:00:00Z",
        _ when type == typeof(TimeSpan) => "a time span such as \"00:05:00\"",
        _ when type == typeof(Duration) => $"a duration ({Duration.Format})",
        _ when type == typeof(ScalarValue) => "a number, a string or null",
        { IsEnum: true } => Problems.Alternatives(EnumNames(type)),
        _ => null,
    };

    private static string? Range(Type? type) => type switch
    {
        _ when type == typeof(int) => $"a whole number between {int.MinValue} and {int.MaxValue}",
        _ when type == typeof(long) => $"a whole number between {long.MinValue} and {long.MaxValue}",
        _ when type == typeof(double) || type == typeof(float) => "a finite number",
        _ => null,
    };

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ when type == typeof(DateTime) => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        { IsEnum: true } => Enum.TryParse(type, value, ignoreCase: true, out _),
        _ => true,
    };

    /// <summary>An enum's names on the wire (<see cref="JsonStringEnumMemberNameAttribute"/>, else the member's name).</summary>
    private static string[] EnumNames(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(member => member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member.Name)
        .ToArray();

    private static JsonTypeInfo? TypeInfo(Type? type, JsonSerializerOptions options)
    {
        if (type is null)
        {
            return null;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return options.TryGetTypeInfo(type, out var info) ? info : null;
    }

    private static bool Has(JsonElement value, string name, JsonSerializerOptions options) => value.EnumerateObject().Any(property =>
        string.Equals(property.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    private static string Known(JsonTypeInfo info) =>
        info.Properties.Count == 0 ? "this object takes no properties" : $"expected {Problems.Alternatives(info.Properties.Select(property => property.Name).ToArray())}";

    /// <summary>The members and indexes of a serializer path: <c>$.events[7]['a.b']</c> → events, 7, a.b.</summary>
    private static IEnumerable<(string? Name, int? Index)> Segments(string path)
    {
        var at = path.StartsWith('$') ? 1 : 0;
        while (at < path.Length)
        {
            if (path[at] == '.')
            {
                var end = path.IndexOfAny(['.', '['], at + 1);
                end = end < 0 ? path.Length : end;
                yield return (path[(at + 1)..end], null);
                at = end;
            }
            else if (path.AsSpan(at).StartsWith("['"))
            {
                var end = path.IndexOf("']", at + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    yield break;
                }
                yield return (path[(at + 2)..end], null);
                at = end + 2;
            }
            else if (path[at] == '[' && path.IndexOf(']', at) is > 0 and var close && int.TryParse(path.AsSpan(at + 1, close - at - 1), CultureInfo.InvariantCulture, out var index))
            {
                yield return (null, index);
                at = close + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    /// <summary>The depth the serializer reads to (its default, 64, when the options leave it at 0).</summary>
    private static int MaxDepth(JsonSerializerOptions options) => options.MaxDepth == 0 ? 64 : options.MaxDepth;

    private static string Shortened(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
