using System.Text.Json;
using System.Text.Json.Nodes;
using ModelOps.Api.Tests;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>Every example of the live document validates against the schema it illustrates, as Swagger UI and generators show it.</summary>
public sealed class DocumentExamplesTests : LiveServerTest
{
    private string document = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        document = await Server.Http.GetStringAsync("swagger/v1/swagger.json");
    }

    [Fact]
    public void Every_example_validates_against_its_schema()
    {
        var checkedExamples = Check(JsonNode.Parse(document)!.AsObject(), out var failures);

        Assert.Empty(failures);
        // The main bodies have their examples: a request and a response of each, and a problem.
        string[] main =
            [
                "PUT /api/v1/models/{id} request application/json",
                "PUT /api/v1/models/{id} 200 application/json",
                "PUT /api/v1/models/{id} 400 application/problem+json",
                "POST /api/v1/models/{id}/events request application/json",
                "POST /api/v1/models/{id}/events 202 application/json",
                "POST /api/v1/models/{id}/events 413 application/problem+json",
                "GET /api/v1/models/{id}/metrics 200 application/json",
                "GET /api/v1/models/{id}/metrics/history 200 application/json",
                "GET /api/v1/models/{id}/logs 200 application/json",
                "GET /api/v1/models/{id}/drift 200 application/json",
                "PUT /api/v1/models/{id}/rules request application/json",
                "GET /api/v1/alerts 200 application/json",
                "PUT /api/v1/channels/{channelId} request application/json",
                "POST /api/v1/silences request application/json",
                "schema AlertRule/properties/for example 0",
                "schema InferenceEvent/properties/prediction example 0",
            ];
        Assert.Empty(main.Except(checkedExamples));
    }

    [Fact]
    public void The_check_fails_on_an_example_its_schema_does_not_allow()
    {
        var tampered = JsonNode.Parse(document)!.AsObject();
        var events = tampered["paths"]!["/api/v1/models/{id}/events"]!["post"]!["requestBody"]!["content"]!["application/json"]!.AsObject();
        events["example"] = JsonNode.Parse("""{ "events": [ { "latencyMs": "fast", "prediction": { "class": "fraud" } } ] }""");
        tampered["components"]!["schemas"]!["AlertRule"]!["properties"]!["for"]!["examples"] = new JsonArray("5 minutes");

        Check(tampered, out var failures);

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("POST /api/v1/models/{id}/events request application/json: ", failures[0]);
        Assert.Contains("/events/0/latencyMs", failures[0]);
        Assert.Contains("/events/0/prediction", failures[0]);
        Assert.StartsWith("schema AlertRule/properties/for example 0: ", failures[1]);
    }

    /// <summary>
    /// Validates the example (and every value of <c>examples</c>) of each request body, response and parameter
    /// against its schema, and the <c>examples</c> of each component schema and of every schema in it against that schema;
    /// returns what was checked.
    /// </summary>
    private static List<string> Check(JsonObject document, out List<string> failures)
    {
        var conformance = new DocumentConformance(document.ToJsonString());
        var seen = new List<string>();
        var failed = new List<string>();
        void Validate(string where, JsonNode? schema, JsonNode? example)
        {
            if (schema is null)
            {
                failed.Add($"{where}: an example without a schema");
                return;
            }
            seen.Add(where);
            var errors = conformance.Errors(schema, JsonSerializer.SerializeToElement(example));
            if (errors.Count > 0)
            {
                failed.Add($"{where}: {string.Join("; ", errors.Take(5))}");
            }
        }
        void ValidateMedia(string where, JsonObject? content)
        {
            foreach (var (mediaType, media) in content ?? [])
            {
                foreach (var (name, example) in ExamplesOf(media!.AsObject()))
                {
                    Validate($"{where} {mediaType}{name}", media["schema"], example);
                }
            }
        }

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                ValidateMedia($"{where} request", operation!["requestBody"]?["content"]?.AsObject());
                foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
                {
                    ValidateMedia($"{where} {status}", response!["content"]?.AsObject());
                }
                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    foreach (var (name, example) in ExamplesOf(parameter!.AsObject()))
                    {
                        Validate($"{where} parameter {parameter["name"]}{name}", parameter["schema"], example);
                    }
                }
            }
        }
        foreach (var (id, schema) in document["components"]!["schemas"]!.AsObject())
        {
            ValidateSchemaExamples(id, schema!.AsObject());
        }
        void ValidateSchemaExamples(string where, JsonObject schema)
        {
            var index = 0;
            foreach (var example in schema["examples"] as JsonArray ?? [])
            {
                Validate($"schema {where} example {index++}", schema, example);
            }
            foreach (var (keyword, child) in schema)
            {
                switch (child)
                {
                    case JsonObject properties when keyword is "properties" or "$defs":
                        foreach (var (name, property) in properties)
                        {
                            if (property is JsonObject subschema)
                            {
                                ValidateSchemaExamples($"{where}/{keyword}/{name}", subschema);
                            }
                        }
                        break;
                    case JsonObject subschema when keyword is "items" or "additionalProperties" or "not":
                        ValidateSchemaExamples($"{where}/{keyword}", subschema);
                        break;
                    case JsonArray subschemas when keyword is "allOf" or "oneOf" or "anyOf":
                        for (var i = 0; i < subschemas.Count; i++)
                        {
                            if (subschemas[i] is JsonObject subschema)
                            {
                                ValidateSchemaExamples($"{where}/{keyword}/{i}", subschema);
                            }
                        }
                        break;
                }
            }
        }
        failures = failed;
        return seen;
    }

    /// <summary>An object's <c>example</c>, and the values of its named <c>examples</c> (" example NAME").</summary>
    private static IEnumerable<(string Name, JsonNode? Example)> ExamplesOf(JsonObject owner)
    {
        if (owner.ContainsKey("example"))
        {
            yield return ("", owner["example"]);
        }
        foreach (var (name, example) in owner["examples"]?.AsObject() ?? [])
        {
            yield return ($" example {name}", example!["value"]);
        }
    }
}
