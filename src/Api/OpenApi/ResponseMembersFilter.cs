using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// Marks every member of a schema that only responses use as required: the API writes every member, null included
/// (DESIGN section 4), so a generated client may count on it (openapi-typescript then types <c>points</c> as an array,
/// not as "an array or absent"). Schemas a request body or parameter reaches keep their optional members. Problem
/// details are written by ASP.NET Core, which leaves null members out.
/// </summary>
public sealed class ResponseMembersFilter : IDocumentFilter
{
    private static readonly HashSet<string> WrittenByTheFramework = ["ProblemDetails", "HttpValidationProblemDetails"];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var components = document.Components?.Schemas;
        if (components is null)
        {
            return;
        }
        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).ToList();
        var inRequests = new HashSet<string>();
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in operations.SelectMany(operation => (operation.Parameters ?? []).Select(parameter => parameter.Schema)
            .Concat(operation.RequestBody?.Content?.Values.Select(media => media.Schema) ?? [])))
        {
            Reach(schema, components, inRequests, seen);
        }
        foreach (var (id, schema) in components)
        {
            if (!inRequests.Contains(id) && !WrittenByTheFramework.Contains(id) && schema is OpenApiSchema { Properties.Count: > 0 } open)
            {
                open.Required = new HashSet<string>(open.Properties.Keys);
            }
        }
    }

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> reached, HashSet<IOpenApiSchema> seen)
    {
        if (schema is null || !seen.Add(schema))
        {
            return;
        }
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (reached.Add(id) && components.TryGetValue(id, out var target))
            {
                Reach(target, components, reached, seen);
            }
            return;
        }
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).Append(schema.Not))
        {
            Reach(child, components, reached, seen);
        }
    }
}
