using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using ModelOps.Api.Endpoints;
using ModelOps.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ModelOps.Api.OpenApi;

/// <summary>
/// Completes each operation with what its handler does but its endpoint metadata cannot say: bodies that are text
/// (YAML, CSV) or optional, the closed sets and bounds of query parameters, every problem status it can answer,
/// and a short summary with the whole text kept as the description.
/// </summary>
public sealed class WireOperationFilter : IOperationFilter
{
    private static readonly string[] YamlTypes = ["application/yaml", "text/yaml"];

    /// <summary>Operations whose body may be left out (or empty): the defaults apply.</summary>
    private static readonly HashSet<string> OptionalBodies = ["AcknowledgeAlert", "ResolveAlert", "PostRetrain"];

    /// <summary>Query parameters that take one of the <see cref="WireSchemas.ClosedSets"/>, by name.</summary>
    private static readonly Dictionary<string, string> QueryValues = new()
    {
        ["format"] = "ConfigFormat",
        ["step"] = "HistoryStep",
    };

    /// <summary>The largest <c>limit</c> each operation that pages takes.</summary>
    private static readonly Dictionary<string, int> Limits = new()
    {
        ["GetLogs"] = ModelsApi.MaxLogLimit,
        ["GetModelAlerts"] = AlertsApi.MaxAlertLimit,
        ["GetFleetAlerts"] = AlertsApi.MaxAlertLimit,
        ["ListModels"] = ModelsApi.MaxListLimit,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName ?? "";
        operation.Responses ??= [];
        Summarize(operation);
        if (name == "Stream")
        {
            DescribeWebSocket(operation, context);
            return;
        }
        DescribeBody(operation, name);
        if (name == "ListModels")
        {
            DescribeNextLink(operation);
        }
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            Constrain(parameter, name, context);
        }

        var hasBody = operation.RequestBody is not null;
        var hasInput = hasBody || operation.Parameters is { Count: > 0 };
        if (hasInput)
        {
            AddProblem(operation, context, StatusCodes.Status400BadRequest, "The request is invalid: the problem names the field.", typeof(HttpValidationProblemDetails));
        }
        if (operation.Parameters?.Any(parameter => parameter.In == ParameterLocation.Path) == true)
        {
            AddProblem(operation, context, StatusCodes.Status404NotFound, "What the path names does not exist.");
        }
        if (hasBody)
        {
            AddProblem(operation, context, StatusCodes.Status413PayloadTooLarge, "The body is larger than the server accepts.");
            AddProblem(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body's Content-Type is not one the operation takes.");
        }
        if (name == "PostRetrain")
        {
            AddProblem(operation, context, StatusCodes.Status409Conflict, "No retrain channel covers the model.");
        }
        AddProblem(operation, context, StatusCodes.Status503ServiceUnavailable, "The monitoring cluster did not answer in time; retry shortly.");
    }

    /// <summary>A summary is the first clause of the text the endpoint gives; the whole text is the description.</summary>
    private static void Summarize(OpenApiOperation operation)
    {
        if (operation.Summary is not { } text)
        {
            return;
        }
        var end = text.IndexOfAny([':', ';', '(', '.']);
        var summary = (end > 0 ? text[..end] : text).Trim().TrimEnd(',');
        if (summary.Length < text.TrimEnd('.').Length)
        {
            operation.Description ??= text;
        }
        operation.Summary = summary;
    }

    private static void DescribeBody(OpenApiOperation operation, string name)
    {
        if (name == "PutConfig")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A modelops YAML document, as GET …/config?format=modelops returns it.",
                Content = YamlTypes.ToDictionary(type => type, _ => (IOpenApiMediaType)new OpenApiMediaType { Schema = Text("UTF-8 YAML") }),
            };
        }
        foreach (var response in (operation.Responses?.Values.AsEnumerable() ?? []).OfType<OpenApiResponse>())
        {
            foreach (var media in (response.Content ?? new Dictionary<string, IOpenApiMediaType>()).Where(media => media.Key.Contains("yaml", StringComparison.Ordinal)))
            {
                ((OpenApiMediaType)media.Value).Schema = Text("UTF-8 YAML");
            }
        }
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            if (body.Content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType csvMedia)
            {
                csvMedia.Schema = Text("CSV with a header row of column names; empty cells are missing values");
                csvMedia.Example = JsonValue.Create("amount,country\n129.5,DE\n12.0,FR\n");
            }
            if (name == "PostEvents" && body.Content is { } content)
            {
                content[EventBodyReader.Ndjson] = new OpenApiMediaType
                {
                    Schema = Text("UTF-8 NDJSON: one event object per line, each as an element of events; blank lines are skipped"),
                    Example = JsonValue.Create("{\"id\": \"req-1\", \"prediction\": \"fraud\", \"latencyMs\": 12.5, \"features\": {\"amount\": 129.5}}\n"),
                };
                content[EventBodyReader.Csv] = new OpenApiMediaType
                {
                    Schema = Text("CSV with a header row: id, timestamp, prediction, score, latencyMs, label, error and feature.<name> columns; empty cells are missing values"),
                    Example = JsonValue.Create("id,timestamp,prediction,score,latencyMs,label,feature.amount\nreq-1,2026-12-03T10:15:00Z,fraud,0.91,12.5,,129.5\n"),
                };
            }
            if (OptionalBodies.Contains(name))
            {
                body.Required = false;
            }
        }
    }

    /// <summary>
    /// A text body that is not JSON, as the raw octets it is (<c>format: binary</c>): generated clients then send and read
    /// it as it is, where a plain <c>type: string</c> makes them JSON-encode it into a quoted string.
    /// </summary>
    private static OpenApiSchema Text(string what) => new() { Type = JsonSchemaType.String, Format = "binary", Description = $"{what} text." };

    private static void Constrain(OpenApiParameter parameter, string operationName, OperationFilterContext context)
    {
        if (parameter.In == ParameterLocation.Header && parameter.Name == ModelOps.Grains.Models.ModelGrain.IdempotencyKeyHeader && parameter.Schema is OpenApiSchema key)
        {
            key.MinLength = 1;
            key.MaxLength = Endpoints.ModelsApi.MaxIdempotencyKeyLength;
            key.Pattern = "^[!-~]+$";
            parameter.Description = "Names the batch, a new key per batch (a UUID, say), the same when the batch is sent again: a batch sent "
                + "again under a key among the model's last ModelOps:IdempotencyKeys (1000) is answered as the first time and counted once.";
            return;
        }
        if (parameter.Schema is not OpenApiSchema schema || parameter.In != ParameterLocation.Query)
        {
            return;
        }
        if (QueryValues.TryGetValue(parameter.Name ?? "", out var set))
        {
            parameter.Schema = WireSchemas.ClosedSet(set, context.SchemaRepository);
        }
        if (parameter.Name == "state")
        {
            // The handler parses the text itself; the values are the alert states of the responses.
            parameter.Schema = context.SchemaGenerator.GenerateSchema(typeof(AlertState), context.SchemaRepository);
        }
        if (operationName == "ListModels")
        {
            DescribeListParameter(parameter, schema, context);
        }
        if (parameter.Name == "limit" && Limits.TryGetValue(operationName, out var most))
        {
            schema.Minimum = "1";
            schema.Maximum = most.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void DescribeListParameter(OpenApiParameter parameter, OpenApiSchema schema, OperationFilterContext context)
    {
        switch (parameter.Name)
        {
            case "limit":
                schema.Default = JsonValue.Create(ModelsApi.DefaultListLimit);
                parameter.Description = $"Models per page, 1 to {ModelsApi.MaxListLimit} (default {ModelsApi.DefaultListLimit}).";
                break;
            case "cursor":
                parameter.Description = "Where the page starts: the cursor of the Link header (rel=\"next\") of the page before, unchanged. Paging is by id, so models added meanwhile neither repeat nor shift a page.";
                break;
            case "q":
                schema.MaxLength = ModelsApi.MaxSearchLength;
                parameter.Description = "Only models whose id or name contains this text, in any case.";
                break;
            case "status":
                parameter.Schema = context.SchemaGenerator.GenerateSchema(typeof(ModelStatus), context.SchemaRepository);
                parameter.Description = "Only models of this status.";
                break;
        }
    }

    /// <summary>The 200 of a listing names its next page in a <c>Link</c> header (RFC 8288), absent on the last page.</summary>
    private static void DescribeNextLink(OpenApiOperation operation)
    {
        if (operation.Responses!.TryGetValue("200", out var ok) && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Link"] = new OpenApiHeader
            {
                Description = "The next page, as <…?limit=&cursor=…>; rel=\"next\" (RFC 8288), relative to the server; absent on the last page.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    private static void DescribeWebSocket(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Description ??= "Connect with a WebSocket upgrade (ws:// or wss://). Every message is one JSON text frame {\"type\", \"data\"}: "
            + "initial-state on connect, then model-update, new-log and new-alert; send {\"type\": \"select-model\", \"data\": \"<model id>\"} to switch the active model.";
        operation.Responses!.Clear();
        operation.Responses["101"] = new OpenApiResponse { Description = "Switching Protocols: the WebSocket is open." };
        AddProblem(operation, context, StatusCodes.Status400BadRequest, "Not a WebSocket upgrade request, or an invalid model id.", typeof(HttpValidationProblemDetails));
        AddProblem(operation, context, StatusCodes.Status503ServiceUnavailable, "The monitoring cluster did not answer in time; retry shortly.");
    }

    private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type? problemType = null)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(problemType ?? typeof(ProblemDetails), context.SchemaRepository),
                },
            },
        };
    }
}
