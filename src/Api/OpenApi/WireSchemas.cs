using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ModelOps.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

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

    /// <summary>
    /// A prediction, label or feature value: a bare number, string or boolean, or null for a missing value, i.e. any JSON
    /// value but an object or an array. Written inline as that <c>not</c>, the one form under which every generator tried
    /// keeps the value: NSwag then types it <c>object</c> (a <c>oneOf</c> or a list of types makes it a class or a
    /// <c>double?</c>, which cannot hold "fraud"), Kiota an untyped node, openapi-typescript <c>unknown</c>.
    /// </summary>
    public static OpenApiSchema ScalarValue() => new()
    {
        Not = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Array },
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

    /// <summary>
    /// The closed sets of string values, each a named schema that every member and parameter taking it refers to: a
    /// generator then makes one enum of each, named for what it is, where inline sets made one per member
    /// (<c>AlertRuleOp</c> and <c>AlertViewOp</c>, <c>State</c> and <c>State2</c>). Values that are no identifier carry
    /// the names of their enum members.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ClosedSetSchema> ClosedSets = new Dictionary<string, ClosedSetSchema>
    {
        ["ChannelType"] = new(ChannelTypes.All, "Where a notification channel delivers."),
        ["DriftMethod"] = new(DriftMethods.All, "A statistical test or distance that compares a feature's current values with its baseline."),
        ["ComparisonOperator"] = new(["<", "<=", ">", ">="], "How a rule compares its metric with its threshold.", ["LessThan", "LessThanOrEqual", "GreaterThan", "GreaterThanOrEqual"]),
        ["BaselineSource"] = new(["upload", "auto"], "Where a baseline came from: uploaded, or the model's first events."),
        ["ConfigFormat"] = new(ConfigFormats.All, "The format of a monitoring configuration document."),
        ["HistoryStep"] = new([HistorySteps.Second.ToString(), HistorySteps.Minute.ToString()], HistorySteps.Rule, ["Second", "Minute"]),
    };

    /// <summary>A reference to the named closed set, added to the document's components on first use.</summary>
    public static OpenApiSchemaReference ClosedSet(string name, SchemaRepository repository) =>
        repository.Schemas.ContainsKey(name) ? new OpenApiSchemaReference(name) : repository.AddDefinition(name, ClosedSets[name].Schema(name));

    public static OpenApiSchema TimeSpan() => new()
    {
        Type = JsonSchemaType.String,
        Format = "date-span",
        Pattern = TimeSpanPattern,
        Description = "A length of time as [d.]hh:mm:ss[.fffffff], for example \"00:05:00\".",
        Examples = [JsonValue.Create("00:05:00")],
    };
}

/// <summary>A closed set of string values; <paramref name="Names"/> name the enum members where a value is no identifier.</summary>
public sealed record ClosedSetSchema(IReadOnlyList<string> Values, string Description, IReadOnlyList<string>? Names = null)
{
    public OpenApiSchema Schema(string name)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. Values.Select(value => (JsonNode)JsonValue.Create(value))],
            Description = Description,
        };
        if (Names is not null)
        {
            // x-enumNames is read by NSwag (NJsonSchema), x-ms-enum by Kiota.
            schema.Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-enumNames"] = new JsonNodeExtension(new JsonArray([.. Names.Select(member => JsonValue.Create(member))])),
                ["x-ms-enum"] = new JsonNodeExtension(new JsonObject
                {
                    ["name"] = name,
                    ["modelAsString"] = false,
                    ["values"] = new JsonArray([.. Values.Zip(Names, (value, member) => new JsonObject { ["value"] = value, ["name"] = member })]),
                }),
            };
        }
        return schema;
    }
}
