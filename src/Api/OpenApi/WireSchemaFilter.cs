using Microsoft.OpenApi;
using ModelOps.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// Tells the schemas what reflection cannot see: the members a request must carry, and the closed sets of values of
/// string members.
/// </summary>
public sealed class WireSchemaFilter : ISchemaFilter
{
    /// <summary>Members the API rejects a request without (and that every response carries), by type and wire name.</summary>
    private static readonly Dictionary<Type, string[]> RequiredOnTheWire = new()
    {
        [typeof(InferenceEvent)] = ["latencyMs", "prediction"],
        [typeof(EventBatch)] = ["events"],
        [typeof(DelayedLabel)] = ["id", "label"],
        [typeof(LabelBatch)] = ["labels"],
        [typeof(AlertRuleSet)] = ["rules"],
        [typeof(NotificationChannel)] = ["type"],
        [typeof(Silence)] = ["endsAt"],
    };

    /// <summary>Required members that are never null either, though the record holds them nullable so a validator can name them.</summary>
    private static readonly Dictionary<Type, string[]> NeverNull = new()
    {
        [typeof(InferenceEvent)] = ["latencyMs"],
    };

    /// <summary>String members that take one of the <see cref="WireSchemas.ClosedSets"/>, by type and wire name.</summary>
    private static readonly Dictionary<Type, Dictionary<string, string>> ClosedSets = new()
    {
        [typeof(NotificationChannel)] = new() { ["type"] = "ChannelType" },
        [typeof(FeatureDriftSettings)] = new() { ["method"] = "DriftMethod" },
        [typeof(FeatureDriftView)] = new() { ["method"] = "DriftMethod" },
        [typeof(AlertRule)] = new() { ["op"] = "ComparisonOperator" },
        [typeof(AlertView)] = new() { ["op"] = "ComparisonOperator" },
        [typeof(BaselineSummary)] = new() { ["source"] = "BaselineSource" },
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema open)
        {
            return;
        }
        foreach (var member in RequiredOnTheWire.GetValueOrDefault(context.Type) ?? [])
        {
            (open.Required ??= new HashSet<string>()).Add(member);
        }
        foreach (var member in NeverNull.GetValueOrDefault(context.Type) ?? [])
        {
            if (open.Properties?.TryGetValue(member, out var found) == true && found is OpenApiSchema property)
            {
                property.Type &= ~JsonSchemaType.Null;
            }
        }
        foreach (var (member, set) in ClosedSets.GetValueOrDefault(context.Type) ?? [])
        {
            if (open.Properties?.TryGetValue(member, out var found) == true && found is OpenApiSchema property)
            {
                var reference = WireSchemas.ClosedSet(set, context.SchemaRepository);
                reference.Description = property.Description;
                open.Properties[member] = property.Type?.HasFlag(JsonSchemaType.Null) == true
                    ? new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference], Description = property.Description }
                    : reference;
            }
        }
    }
}
