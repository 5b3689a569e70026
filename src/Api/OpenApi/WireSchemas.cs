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
    /// (<c>AlertRuleOp</c> and <c>AlertViewOp</c>, <c>State</c> and <c>State2</c>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (IReadOnlyList<string> Values, string Description)> ClosedSets =
        new Dictionary<string, (IReadOnlyList<string>, string)>
        {
            ["ChannelType"] = (ChannelTypes.All, "Where a notification channel delivers."),
            ["DriftMethod"] = (DriftMethods.All, "A statistical test or distance that compares a feature's current values with its baseline."),
            ["ComparisonOperator"] = (["<", "<=", ">", ">="], "How a rule compares its metric with its threshold."),
            ["BaselineSource"] = (["upload", "auto"], "Where a baseline came from: uploaded, or the model's first events."),
            ["ConfigFormat"] = (ConfigFormats.All, "The format of a monitoring configuration document."),
            ["HistoryStep"] = ([HistorySteps.Second.ToString(), HistorySteps.Minute.ToString()], HistorySteps.Rule),
        };

    /// <summary>A reference to the named closed set, added to the document's components on first use.</summary>
    public static OpenApiSchemaReference ClosedSet(string name, SchemaRepository repository)
    {
        if (repository.Schemas.ContainsKey(name))
        {
            return new OpenApiSchemaReference(name);
        }
        var (values, description) = ClosedSets[name];
        return repository.AddDefinition(name, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))],
            Description = description,
        });
    }

    public static OpenApiSchema TimeSpan() => new()
    {
        Type = JsonSchemaType.String,
        Format = "date-span",
        Pattern = TimeSpanPattern,
        Description = "A length of time as [d.]hh:mm:ss[.fffffff], for example \"00:05:00\".",
        Examples = [JsonValue.Create("00:05:00")],
    };
}
