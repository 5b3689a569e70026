using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>
/// Checks live responses against an OpenAPI 3.1 document's own schemas: the operation is found by method and path
/// template, the status must be declared, the Content-Type must be one the status declares, and a JSON body must
/// validate (JSON Schema 2020-12) against that media type's schema with the document's components as <c>$defs</c>.
/// </summary>
public sealed class DocumentConformance
{
    private readonly JsonObject components;
    private readonly List<(Regex Path, string Template, JsonObject Item)> paths;
    private readonly EvaluationOptions options = new() { OutputFormat = OutputFormat.List };

    public DocumentConformance(string documentJson)
    {
        var document = JsonNode.Parse(documentJson)!.AsObject();
        components = document["components"]!["schemas"]!.AsObject();
        paths = [.. document["paths"]!.AsObject().Select(path => (
            new Regex("^" + Regex.Replace(Regex.Escape(path.Key), @"\\\{[^}]+}", "[^/]+") + "$"), path.Key, path.Value!.AsObject()))];
    }

    /// <summary>The operations answered so far, as "operationId status".</summary>
    public SortedSet<string> Seen { get; } = [];

    /// <summary>What did not conform, one line each, naming the request.</summary>
    public List<string> Failures { get; } = [];

    public void Check(HttpMethod method, string path, int status, string? contentType, string body)
    {
        var request = $"{method} {path} → {status}";
        var match = paths.FirstOrDefault(candidate => candidate.Path.IsMatch(path));
        if (match.Item?[method.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            Failures.Add($"{request}: the document has no such operation");
            return;
        }
        Seen.Add($"{operation["operationId"]} {status}");
        if (operation["responses"]?[status.ToString()] is not JsonObject response)
        {
            Failures.Add($"{request}: status {status} is not declared");
            return;
        }
        if (response["content"] is not JsonObject content)
        {
            if (body.Length > 0 && status != 101)
            {
                Failures.Add($"{request}: answered a {contentType} body where the document declares none");
            }
            return;
        }
        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (content[mediaType] is not JsonObject media)
        {
            Failures.Add($"{request}: Content-Type '{mediaType}' is not declared (declared: {string.Join(", ", content.Select(entry => entry.Key))})");
            return;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return;
        }
        var errors = Errors(media["schema"]!, JsonDocument.Parse(body).RootElement);
        if (errors.Count > 0)
        {
            Failures.Add($"{request}: the body does not match its schema: {string.Join("; ", errors.Take(5))}\n{body[..Math.Min(body.Length, 600)]}");
        }
    }

    /// <summary>Where and why the instance does not validate against the schema (a schema of the document, its references to components resolved); empty when it does.</summary>
    public IReadOnlyList<string> Errors(JsonNode schema, JsonElement instance)
    {
        var results = SchemaOf(schema).Evaluate(instance, options);
        if (results.IsValid)
        {
            return [];
        }
        // The innermost failures: a keyword such as `not` fails without an error message of its own.
        var invalid = (results.Details ?? []).Where(detail => !detail.IsValid).ToList();
        return [.. invalid
            .Where(detail => detail.Errors is { Count: > 0 } || !invalid.Any(other => other.EvaluationPath.ToString().StartsWith($"{detail.EvaluationPath}/", StringComparison.Ordinal)))
            .SelectMany(detail => detail.Errors?.Select(error => $"{detail.InstanceLocation}: {error.Value}") ?? [$"{detail.InstanceLocation}: fails {detail.EvaluationPath}"])];
    }

    private JsonSchema SchemaOf(JsonNode schema)
    {
        var root = JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = JsonNode.Parse(components.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)),
            ["allOf"] = new JsonArray(root),
        };
        return JsonSchema.FromText(wrapper.ToJsonString());
    }
}

/// <summary>Hands every response that passes through to a <see cref="DocumentConformance"/> check.</summary>
public sealed class ConformanceHandler(DocumentConformance conformance) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        conformance.Check(request.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        return response;
    }
}
