using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ModelOps.Contracts;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// The schemas of the types whose JSON converters write something other than their members: what the wire carries,
/// not what reflection over the record would guess (DESIGN section 4).
/// </summary>
public static class WireSchemas
{
    /// <summary>The text <see cref="Duration"/> parses, as an ECMA regular expression: units largest first, each at most once.</summary>
    public const string DurationPattern = @"^(?=\d)(\d+d)?(\d+h)?(\d+m(?!s))?(\d+s)?(\d+ms)?$";

    /// <summary>The invariant "c" format System.Text.Json writes a <see cref="TimeSpan"/> in, e.g. <c>"00:05:00"</c>.</summary>
    public const string TimeSpanPattern = @"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$";

    /// <summary>A prediction, label or feature value: a bare number, string or boolean, or null for a missing value.</summary>
    public static OpenApiSchema ScalarValue() => new()
    {
        // One schema of four types rather than a oneOf of four schemas: the same set of values, and code generators read it as "any scalar".
        Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Boolean | JsonSchemaType.Null,
        Description = "A number, a string or a boolean; null is a missing value. Booleans are categories: responses carry them as the strings \"true\" and \"false\".",
        Examples = [JsonValue.Create("DE"), JsonValue.Create(129.5), JsonValue.Create(true)],
    };

    public static OpenApiSchema Duration() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = DurationPattern,
        Description = $"A length of time: {Contracts.Duration.Format}; for example \"30s\", \"5m\", \"1h30m\".",
        Examples = [JsonValue.Create("30s"), JsonValue.Create("5m"), JsonValue.Create("1h30m")],
    };

    public static OpenApiSchema TimeSpan() => new()
    {
        Type = JsonSchemaType.String,
        Format = "date-span",
        Pattern = TimeSpanPattern,
        Description = "A length of time as [d.]hh:mm:ss[.fffffff], for example \"00:05:00\".",
        Examples = [JsonValue.Create("00:05:00")],
    };
}
