using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>Puts the request and response examples of <see cref="ApiExamples"/> on each operation, by endpoint name.</summary>
public sealed class ExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        if (name is null || !ApiExamples.ByOperation.TryGetValue(name, out var example))
        {
            return;
        }
        if (example.Request is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            SetExample(requestContent, request);
        }
        if (operation.Responses is null)
        {
            return;
        }
        foreach (var (status, response) in operation.Responses)
        {
            var json = status.StartsWith('2') ? example.Response : example.Problems.GetValueOrDefault(status);
            if (json is not null && response.Content is { } content)
            {
                SetExample(content, json);
            }
        }
    }

    /// <summary>The example on every media type but CSV and NDJSON, whose examples are their own text; a YAML example is the text it is.</summary>
    private static void SetExample(IDictionary<string, IOpenApiMediaType> content, JsonNode example)
    {
        foreach (var (mediaType, media) in content)
        {
            if (media is OpenApiMediaType open && !mediaType.StartsWith("text/csv", StringComparison.Ordinal)
                && !mediaType.StartsWith(Endpoints.EventBodyReader.Ndjson, StringComparison.Ordinal))
            {
                open.Example = example.DeepClone();
            }
        }
    }
}
