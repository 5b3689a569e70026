using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests;

/// <summary>
/// <c>POST …/events</c> with an NDJSON or CSV body: every event counted as the JSON body would count it, the same
/// all-or-nothing validation with errors named by line (NDJSON) or row and column (CSV), and the same
/// <c>Idempotency-Key</c> and <c>durable</c> behaviour. Hostile bodies and the limits are rows of
/// <see cref="HostileInputTests"/>.
/// </summary>
public sealed class BatchIngestTests(BatchIngestFixture fixture) : IClassFixture<BatchIngestFixture>
{
    private const string Ndjson = "application/x-ndjson";
    private const string Csv = "text/csv";

    private readonly ModelOpsServer server = fixture.Server;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ndjson_body_with_a_bom_crlf_and_blank_lines_is_counted_event_for_event()
    {
        await server.Client.PutModelAsync("nd-ok", TestData.Classifier(), cancel);
        var lines = TestData.Events(40).Select(e => System.Text.Json.JsonSerializer.Serialize(e, ModelOpsJsonContext.Default.InferenceEvent));
        var body = "\uFEFF" + string.Join("\r\n", lines.Select((line, i) => i % 10 == 0 ? "\r\n  \r\n" + line : line)) + "\r\n\r\n";

        using var posted = await PostAsync("nd-ok", Ndjson, body);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(new IngestResult(40, 0), await posted.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IngestResult, cancel));
        var metrics = (await server.Client.GetModelAsync("nd-ok", cancel))!.Metrics;
        Assert.Equal(40, metrics.Count);
        Assert.Equal(30, metrics.LabelCount);
        var newest = (await server.Client.GetLogsAsync("nd-ok", limit: 1, cancel)).Single();
        Assert.Equal(40, newest.LatencyMs);
        Assert.Equal(ScalarValue.Of(60.0), newest.Features!["amount"]);
        Assert.Equal(ScalarValue.Of("DE"), newest.Features["country"]);
    }

    [Fact]
    public async Task A_csv_body_with_a_bom_crlf_quoted_cells_and_blank_lines_is_counted_row_for_row_with_its_types()
    {
        await server.Client.PutModelAsync("csv-ok", TestData.Classifier(), cancel);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var rows = new StringBuilder("\uFEFFid,timestamp,prediction,score,latencyMs,label,error,feature.amount,feature.country,feature.extra\r\n");
        for (var i = 1; i <= 30; i++)
        {
            rows.Append($"csv-{i},{at:O},fraud,0.75,{i},{(i % 3 == 0 ? "" : "fraud")},{(i == 30 ? "true" : "false")},{i * 2},\"D,E\",{(i % 2 == 0 ? "7" : "seven")}\r\n");
            if (i == 15)
            {
                rows.Append("\r\n");
            }
        }

        using var posted = await PostAsync("csv-ok", Csv, rows.ToString());

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(new IngestResult(30, 0), await posted.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IngestResult, cancel));
        var metrics = (await server.Client.GetModelAsync("csv-ok", cancel))!.Metrics;
        Assert.Equal(30, metrics.Count);
        Assert.Equal(20, metrics.LabelCount);
        var newest = (await server.Client.GetLogsAsync("csv-ok", limit: 1, cancel)).Single();
        Assert.Equal("csv-30", newest.Id);
        Assert.Equal(at.ToUnixTimeMilliseconds(), newest.Timestamp!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(ScalarValue.Of("fraud"), newest.Prediction);
        Assert.Equal(0.75, newest.Score);
        Assert.Null(newest.Label);
        Assert.True(newest.Error);
        Assert.Equal(ScalarValue.Of(60.0), newest.Features!["amount"]);
        Assert.Equal(ScalarValue.Of("D,E"), newest.Features["country"]);
        Assert.Equal(ScalarValue.Of(7.0), newest.Features["extra"]);
    }

    [Fact]
    public async Task A_regression_model_takes_csv_predictions_and_labels_as_numbers()
    {
        await server.Client.PutModelAsync("csv-reg", new ModelDefinition { Name = "Regressor", Version = "1", Task = ModelTask.Regression }, cancel);

        using var posted = await PostAsync("csv-reg", Csv, "latencyMs,prediction,label\n3,12.5,10\n4,2,\n");
        using var text = await PostAsync("csv-reg", Csv, "latencyMs,prediction,label\n3,12.5,10\n4,high,\n");

        Assert.Equal(new IngestResult(2, 0), await posted.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IngestResult, cancel));
        await AssertInvalidAsync(text, "row 3, column \"prediction\"", "expected a number: this is a regression model, got \"high\"");
        Assert.Equal(2, (await server.Client.GetModelAsync("csv-reg", cancel))!.Metrics.Count);
    }

    /// <summary>Content-Type, body, the field the 400 names and its reason.</summary>
    public static TheoryData<string, string, string, string> Invalid() => new()
    {
        { Ndjson, """{"latencyMs": 1, "prediction": "fraud"}""" + "\n\n" + """{"prediction": "fraud"}""", "line 3: latencyMs",
            "required: the model's latency in milliseconds (an event that carries only an id and a label is a delayed label)" },
        { Ndjson, """{"latencyMs": -1, "prediction": "fraud"}""", "line 1: latencyMs", "expected a number between 0 and 86400000 (one day in milliseconds)" },
        { Ndjson, """{"latencyMs": 1}""", "line 1: prediction", "required: the class (string) or value (number) the model predicted" },
        { Ndjson, """{"latencyMs": 1, "prediction": "fraud", "timestamp": "2099-01-01T00:00:00Z"}""", "line 1: timestamp",
            "2099-01-01T00:00:00.0000000+00:00 is more than 60 minutes in the future; check the producer's clock" },
        { Ndjson, """{"latencyMs": 1, "prediction": "fraud", "features": {"country": "__"}}""" + "\n" + "{\"latencyMs\": 1, \"prediction\": \"fraud\", \"features\": {\"country\": \"" + new string('c', 1_025) + "\"}}",
            "line 2: features.country", "at most 1024 characters" },
        { Csv, "latencyMs,prediction\n1,fraud\n,fraud\n", "row 3, column \"latencyMs\"",
            "required: the model's latency in milliseconds (an event that carries only an id and a label is a delayed label)" },
        { Csv, "latencyMs,prediction\n1,fraud\r\nfast,fraud\r\n", "row 3, column \"latencyMs\"", "expected a number, got \"fast\"" },
        { Csv, "latencyMs,prediction,score\n1,fraud,high\n", "row 2, column \"score\"", "expected a number, got \"high\"" },
        { Csv, "latencyMs,prediction,timestamp\n1,fraud,yesterday\n", "row 2, column \"timestamp\"",
            "expected an ISO 8601 date and time such as 2026-12-03T10:15:00Z, got \"yesterday\"" },
        { Csv, "latencyMs,prediction,error\n1,fraud,maybe\n", "row 2, column \"error\"", "expected true or false, got \"maybe\"" },
        { Csv, "latencyMs,prediction,feature.amount\n1,fraud,12\n2,fraud,lots\n", "row 3, column \"feature.amount\"", "expected a number, got \"lots\"" },
        { Csv, "latencyMs,prediction,feature.country\n1,fraud," + new string('c', 1_025) + "\n", "row 2, column \"feature.country\"", "at most 1024 characters" },
        { Csv, "latencyMs,prediction\n1,fraud\n2,fraud,3\n", "row 3", "expected 2 cells as in the header, got 3" },
        { Csv, "latencyMs,prediction,amount\n1,fraud,3\n", "row 1, column 3",
            "\"amount\" is not a column of an event: expected id, timestamp, prediction, score, latencyMs, label, error or feature.<name>" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_event_answers_400_naming_its_line_or_row_and_field_and_none_of_the_batch_is_counted(
        string contentType, string body, string field, string reason)
    {
        var model = $"bad-{Guid.NewGuid():N}"[..20];
        await server.Client.PutModelAsync(model, TestData.Classifier(), cancel);

        using var refused = await PostAsync(model, contentType, body);

        await AssertInvalidAsync(refused, field, reason);
        Assert.Equal(0, (await server.Client.GetModelAsync(model, cancel))!.Metrics.Count);
    }

    [Fact]
    public async Task A_batch_sent_again_under_its_key_is_counted_once_and_durable_waits_for_storage()
    {
        await server.Client.PutModelAsync("nd-keyed", TestData.Classifier(), cancel);
        var ndjson = string.Join("\n", TestData.Events(6).Select(e => System.Text.Json.JsonSerializer.Serialize(e, ModelOpsJsonContext.Default.InferenceEvent)));
        const string Csv4 = "id,latencyMs,prediction\nk-1,1,fraud\nk-2,2,fraud\nk-3,3,fraud\nk-4,4,fraud\n";

        foreach (var (type, body, key, count) in new[] { (Ndjson, ndjson, "nd-1", 6), (Ndjson, ndjson, "nd-1", 6), (Csv, Csv4, "csv-1", 4), (Csv, Csv4, "csv-1", 4) })
        {
            using var posted = await PostAsync("nd-keyed", type, body, key, durable: true);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(new IngestResult(count, 0), await posted.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IngestResult, cancel));
        }
        using var reused = await PostAsync("nd-keyed", Csv, "latencyMs,prediction\n1,fraud\n", "nd-1", durable: false);
        await AssertInvalidAsync(reused, "Idempotency-Key", "already names a batch of 6 events, and this one holds 1: send each batch under a key of its own");
        using var badKey = await PostAsync("nd-keyed", Ndjson, ndjson, "two words", durable: false);
        await AssertInvalidAsync(badKey, "Idempotency-Key", "expected 1 to 128 visible ASCII characters (a UUID, say)");
        Assert.Equal(10, (await server.Client.GetModelAsync("nd-keyed", cancel))!.Metrics.Count);
    }

    [Fact]
    public async Task Another_content_type_answers_415_naming_json_ndjson_and_csv()
    {
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
        {
            using var refused = await PostAsync("nd-415", type, "latencyMs,prediction\n1,fraud\n");
            var problem = await AssertProblemAsync(refused, HttpStatusCode.UnsupportedMediaType,
                $"This operation takes a body of type application/json, application/x-ndjson or text/csv; the request's Content-Type was '{type}'.");
            Assert.Equal(415, problem.Status);
        }
    }

    [Fact]
    public async Task Ndjson_and_csv_bodies_need_a_producer_key_as_json_does()
    {
        await using var secure = new Security.SecureServer();
        await secure.AdminClient.PutModelAsync("batch-sec", TestData.Classifier(), cancel);
        var viewer = await secure.CreateKeyAsync("batch-viewer", ApiRole.Viewer);
        var producer = await secure.CreateKeyAsync("batch-producer", ApiRole.Producer);
        var bodies = new[] { (Ndjson, """{"latencyMs": 1, "prediction": "fraud"}"""), (Csv, "latencyMs,prediction\n1,fraud\n") };

        foreach (var (type, body) in bodies)
        {
            foreach (var (key, status) in new[] { ((string?)null, HttpStatusCode.Unauthorized), (viewer.Key, HttpStatusCode.Forbidden), (producer.Key, HttpStatusCode.Accepted) })
            {
                using var client = secure.ClientFor(key);
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.TryAddWithoutValidation("Content-Type", type);
                using var answer = await client.PostAsync("/api/v1/models/batch-sec/events", content, cancel);
                Assert.True(status == answer.StatusCode, $"{type} with {(key is null ? "no key" : key == viewer.Key ? "a viewer key" : "a producer key")}: {(int)answer.StatusCode}");
            }
        }
        Assert.Equal(2, (await secure.AdminClient.GetModelAsync("batch-sec", cancel))!.Metrics.Count);
    }

    private async Task<HttpResponseMessage> PostAsync(string model, string contentType, string body, string? key = null, bool durable = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/models/{model}/events{(durable ? "?durable=true" : "")}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return await server.Http.SendAsync(request, cancel);
    }
}

/// <summary>One server for the batch-ingest tests; each test uses models of its own.</summary>
public sealed class BatchIngestFixture : IAsyncLifetime
{
    public ModelOpsServer Server { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Server = new ModelOpsServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
