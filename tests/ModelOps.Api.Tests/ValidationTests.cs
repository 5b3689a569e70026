using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>Every kind of bad input gets its specific 4xx, names the field, and changes nothing.</summary>
public sealed class ValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Valid = """{ "latencyMs": 5, "prediction": "a" }""";
    private readonly HttpClient http = fixture.Server.Http;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> InvalidBatches => new()
    {
        { $$"""{ "events": [ {{Valid}}, {{Valid}}, {{Valid}}, {{Valid}}, {{Valid}}, {{Valid}}, {{Valid}}, { "latencyMs": "fast", "prediction": "a" } ] }""", "events[7].latencyMs", "expected a number, got 'fast'" },
        { $$"""{ "events": [ {{Valid}}, {{Valid}}, { "prediction": "a" } ] }""", "events[2].latencyMs", "required: the model's latency in milliseconds (an event that carries only an id and a label is a delayed label)" },
        { $$"""{ "events": [ { "latencyMs": 3 } ] }""", "events[0].prediction", "required: the class (string) or value (number) the model predicted" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": null } ] }""", "events[0].prediction", "required: the class (string) or value (number) the model predicted" },
        { $$"""{ "events": [ {{Valid}}, { "latencyMs": -1, "prediction": "a" } ] }""", "events[1].latencyMs", "expected a number between 0 and 86400000 (one day in milliseconds)" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": ["a"] } ] }""", "events[0].prediction", "expected a number, a string or null" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "features": { "amount": { "value": 1 } } } ] }""", "events[0].features.amount", "expected a number, a string or null" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "features": [1, 2] } ] }""", "events[0].features", "expected an object" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "timestamp": "yesterday" } ] }""", "events[0].timestamp", "expected an ISO 8601 date-time such as 2026-11-29T15:00:00Z, got 'yesterday'" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "timestamp": "2099-01-01T00:00:00Z" } ] }""", "events[0].timestamp", "2099-01-01T00:00:00.0000000+00:00 is more than 60 minutes in the future; check the producer's clock" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "error": "no" } ] }""", "events[0].error", "expected true or false, got 'no'" },
        { $$"""{ "events": [ { "latencyMs": 3, "prediction": "a", "score": "high" } ] }""", "events[0].score", "expected a number, got 'high'" },
        { $$"""{ "events": {{Valid}} }""", "events", "expected an array" },
        { """{ "records": [] }""", "records", "unknown property; expected events" },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task An_invalid_batch_is_rejected_naming_the_item_and_field_and_nothing_of_it_is_applied(string body, string field, string reason)
    {
        var id = await ModelWithTenEventsAsync();

        using var response = await PostAsync($"/api/v1/models/{id}/events", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"{field}: {reason}");
        Assert.Equal([reason], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(10, (await client.GetMetricsAsync(id, cancel)).Count);
    }

    [Fact]
    public async Task A_regression_model_rejects_a_class_label_as_prediction()
    {
        await client.PutModelAsync("strict-regressor", new ModelDefinition { Task = ModelTask.Regression }, cancel);

        using var response = await PostAsync("/api/v1/models/strict-regressor/events", """{ "events": [ { "latencyMs": 1, "prediction": 3.5, "label": "cheap" } ] }""");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "events[0].label: expected a number: this is a regression model");
        Assert.Equal(0, (await client.GetMetricsAsync("strict-regressor", cancel)).Count);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_where()
    {
        var id = await ModelWithTenEventsAsync();

        using var response = await PostAsync($"/api/v1/models/{id}/events", """{ "events": [ { "latencyMs": 3, "prediction": "a" """);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.StartsWith("The body is not valid JSON (line 1, byte ", problem.GetProperty("detail").GetString());
        Assert.Equal(10, (await client.GetMetricsAsync(id, cancel)).Count);
    }

    [Fact]
    public async Task More_events_than_the_per_request_limit_is_a_413_and_nothing_is_applied()
    {
        var id = await ModelWithTenEventsAsync();
        var body = $$"""{ "events": [ {{string.Join(", ", Enumerable.Repeat(Valid, 2001))}} ] }""";

        using var response = await PostAsync($"/api/v1/models/{id}/events", body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "The batch holds 2001 events; at most 2000 are accepted per request. Split it into smaller batches.");
        Assert.Equal(10, (await client.GetMetricsAsync(id, cancel)).Count);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_and_nothing_is_applied()
    {
        var id = await ModelWithTenEventsAsync();
        var padding = new string('x', 1_100_000);
        var body = $$"""{ "events": [ { "latencyMs": 3, "prediction": "{{padding}}" } ] }""";

        using var response = await PostAsync($"/api/v1/models/{id}/events", body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge,
            $"The body is {Encoding.UTF8.GetByteCount(body)} bytes; at most 1048576 are accepted per request.");
        Assert.Equal(10, (await client.GetMetricsAsync(id, cancel)).Count);
    }

    [Fact]
    public async Task Events_for_an_unknown_model_are_a_404_that_says_how_to_create_it()
    {
        using var response = await PostAsync("/api/v1/models/never-created/events", $$"""{ "events": [ {{Valid}} ] }""");

        await AssertProblemAsync(response, HttpStatusCode.NotFound,
            """Model 'never-created' does not exist. Create it with PUT /api/v1/models/never-created and a body such as {"name": "My model", "version": "1.0", "task": "classification"}.""");
        Assert.Null(await client.GetModelAsync("never-created", cancel));
    }

    [Theory]
    [InlineData("/api/v1/models/bad%20id!", "'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone")]
    [InlineData("/api/v1/models/ümlaut/metrics", "'ümlaut' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone")]
    public async Task An_invalid_model_id_is_a_400_naming_the_rule(string path, string reason)
    {
        using var response = await http.GetAsync(path, cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"id: {reason}");
    }

    [Fact]
    public async Task A_model_id_longer_than_128_characters_is_rejected_and_not_created()
    {
        var id = new string('m', 129);

        using var response = await http.PutAsJsonAsync($"/api/v1/models/{id}", new { name = "long" }, cancel);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(await client.ListModelsAsync(cancel), m => m.Id == id);
    }

    public static TheoryData<string, string> InvalidDefinitions => new()
    {
        { """{ "task": "clustering" }""", "task: expected classification or regression, got 'clustering'" },
        { """{ "features": [ { "name": "a", "type": "numeric" }, { "name": "a", "type": "categorical" } ] }""", "features[1].name: 'a' is declared twice" },
        { """{ "features": [ { "name": "", "type": "numeric" } ] }""", "features[0].name: required, 1–128 characters" },
        { """{ "features": [ { "name": "a", "type": "text" } ] }""", "features[0].type: expected numeric or categorical, got 'text'" },
        { $$"""{ "name": "{{new string('n', 201)}}" }""", "name: at most 200 characters" },
        { """{ "version": 2 }""", "version: expected a string" },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task An_invalid_definition_is_rejected_and_the_stored_one_is_unchanged(string body, string detail)
    {
        var id = await ModelWithTenEventsAsync();

        using var response = await http.PutAsync($"/api/v1/models/{id}", new StringContent(body, Encoding.UTF8, "application/json"), cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
        var model = await client.GetModelAsync(id, cancel);
        Assert.Equal(("Test classifier", "1.0.0", ModelTask.Classification), (model!.Name, model.Version, model.Task));
        Assert.Equal(["amount", "country"], model.Features.Select(f => f.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_log_limit_out_of_range_is_a_400(int limit)
    {
        var id = await ModelWithTenEventsAsync();

        using var response = await http.GetAsync($"/api/v1/models/{id}/logs?limit={limit}", cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "limit: expected a number between 1 and 200");
    }

    private async Task<string> ModelWithTenEventsAsync()
    {
        var id = $"validated-{Guid.NewGuid():N}";
        await client.PutModelAsync(id, TestData.Classifier(), cancel);
        await client.PostEventsAsync(id, TestData.Events(10), cancel);
        return id;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancel);

    private async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
        return problem;
    }
}
