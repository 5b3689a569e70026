using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// Writes a nullable reference the way JSON Schema 2020-12 reads it: <c>oneOf: [{type: null}, {$ref}]</c>. Swashbuckle writes
/// <c>type: null</c> beside the <c>allOf</c> or <c>oneOf</c>, which every validator reads as "only null". A member that
/// is not nullable refers to its schema directly, not through an <c>allOf</c> of one.
/// </summary>
public sealed class NullableReferencesFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Visit(schema, seen);
        }
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Visit(parameter.Schema, seen);
            }
            foreach (var media in (operation.RequestBody?.Content?.Values.AsEnumerable() ?? []).Concat(
                (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(response => response.Content?.Values ?? [])))
            {
                Visit(media.Schema, seen);
            }
        }
    }

    private static void Visit(IOpenApiSchema? schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema open || !seen.Add(open))
        {
            return;
        }
        if (open.Type == JsonSchemaType.Null && open.AllOf is [var single])
        {
            open.Type = null;
            open.AllOf = null;
            open.OneOf = [Null(), single];
        }
        else if (open.Type == JsonSchemaType.Null && open.OneOf is { Count: > 0 } choices)
        {
            open.Type = null;
            if (!choices.Any(choice => choice.Type == JsonSchemaType.Null))
            {
                choices.Insert(0, Null());
            }
        }
        foreach (var (name, property) in open.Properties?.ToList() ?? [])
        {
            if (property is OpenApiSchema { AllOf: [OpenApiSchemaReference { Reference.Id: { } id }], Type: null, OneOf: null, AnyOf: null, Enum: null, Default: null } wrapper)
            {
                // A lone allOf only carries the description beside the reference, which OpenAPI 3.1 allows on the $ref itself.
                open.Properties![name] = new OpenApiSchemaReference(id) { Description = wrapper.Description };
            }
        }
        foreach (var child in Children(open))
        {
            Visit(child, seen);
        }
    }

    private static IEnumerable<IOpenApiSchema> Children(OpenApiSchema schema) =>
        (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).OfType<IOpenApiSchema>();

    private static OpenApiSchema Null() => new() { Type = JsonSchemaType.Null };
}
