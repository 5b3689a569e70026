using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>The document's own facts: license, tags, and the health endpoints, which take no key.</summary>
public sealed class DocumentInfoFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Models"] = "Model definitions, inference events, rolling metrics, history and recent logs.",
        ["Drift"] = "The baseline (reference data) and the drift report against it.",
        ["Configuration"] = "Monitoring configuration as code: YAML for modelops, Evidently and MLflow.",
        ["Alerts"] = "Alert rules, the alerts they raise and their lifecycle, AI insight, retraining.",
        ["Notifications"] = "Notification channels (Slack, PagerDuty, webhooks, retrain hooks) and silences.",
        ["Stream"] = "Live updates over WebSocket.",
        ["Keys"] = "API keys with a role and a model scope (admin only).",
        ["Session"] = "The dashboard's sign-in: a key kept in an HttpOnly session cookie.",
        ["Health"] = "Liveness and readiness for orchestrators.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        // The repository grants no open-source license.
        document.Info.License = new OpenApiLicense { Name = "Proprietary" };
        document.Paths["/health/live"] = Health("Live", "The process is up (no dependency is checked).");
        document.Paths["/health/ready"] = Health("Ready", "The process can serve: the monitoring cluster answers.");
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
    }

    private static OpenApiPathItem Health(string name, string description)
    {
        static OpenApiResponse Text(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = $"Health{name}",
                    Summary = $"{name}ness probe",
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new("Health") },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        [StatusCodes.Status200OK.ToString()] = Text("Healthy"),
                        [StatusCodes.Status503ServiceUnavailable.ToString()] = Text("Unhealthy"),
                    },
                },
            },
        };
    }
}
