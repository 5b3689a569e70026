namespace ModelOps.Api.OpenApi;

/// <summary>An operation's example request, successful response, and problem responses by status code.</summary>
public sealed record OperationExample(string? Request, string? Response, IReadOnlyDictionary<string, string> Problems);

/// <summary>The examples Swagger shows, keyed by endpoint name.</summary>
public static class ApiExamples
{
    private const string Definition = """
        { "name": "Fraud detector", "version": "2.3.0", "task": "classification",
          "features": [ { "name": "amount", "type": "numeric" }, { "name": "country", "type": "categorical" } ] }
        """;

    private const string Metrics = """
        { "window": "00:05:00", "count": 12000, "throughputPerSec": 40.0, "accuracy": 0.93, "labelCount": 8000,
          "errorRate": 0.001, "latency": { "mean": 14.2, "p50": 11.0, "p95": 31.0, "p99": 58.0 },
          "mae": null, "rmse": null, "lateEvents": 0 }
        """;

    private const string Model = """
        { "id": "fraud", "name": "Fraud detector", "version": "2.3.0", "task": "classification", "status": "healthy",
          "features": [ { "name": "amount", "type": "numeric", "learned": false }, { "name": "country", "type": "categorical", "learned": false } ],
          "metrics": { "window": "00:05:00", "count": 12000, "throughputPerSec": 40.0, "accuracy": 0.93, "labelCount": 8000,
                       "errorRate": 0.001, "latency": { "mean": 14.2, "p50": 11.0, "p95": 31.0, "p99": 58.0 },
                       "mae": null, "rmse": null, "lateEvents": 0 },
          "history": [ { "timestamp": "2026-11-29T15:00:00+00:00", "count": 40, "accuracy": 0.93, "latencyP50": 11.0,
                         "latencyP95": 30.0, "latencyP99": 57.0, "throughputPerSec": 40.0, "errorRate": 0.0, "mae": null, "rmse": null } ],
          "drift": null, "openAlerts": 0, "updatedAt": "2026-11-29T15:00:01+00:00", "createdAt": "2026-11-29T14:00:00+00:00" }
        """;

    private const string ListedModel = """
        { "id": "fraud", "name": "Fraud detector", "version": "2.3.0", "task": "classification", "status": "healthy",
          "features": [ { "name": "amount", "type": "numeric", "learned": false } ],
          "metrics": { "window": "00:05:00", "count": 12000, "throughputPerSec": 40.0, "accuracy": 0.93, "labelCount": 8000,
                       "errorRate": 0.001, "latency": { "mean": 14.2, "p50": 11.0, "p95": 31.0, "p99": 58.0 },
                       "mae": null, "rmse": null, "lateEvents": 0 },
          "history": [], "drift": null, "openAlerts": 0, "updatedAt": "2026-11-29T15:00:01+00:00", "createdAt": "2026-11-29T14:00:00+00:00" }
        """;

    private const string DriftReport = """
        { "computedAt": "2026-11-29T15:00:05+00:00", "window": { "from": "2026-11-29T14:01:00+00:00", "to": "2026-11-29T15:01:00+00:00", "count": 5000 },
          "baseline": { "count": 5000, "source": "upload", "createdAt": "2026-11-29T09:00:00+00:00" }, "message": null,
          "datasetDrift": false, "driftShare": 0.0, "driftShareThreshold": 0.5,
          "features": [ { "name": "country", "type": "categorical", "method": "jensenShannon", "threshold": 0.1, "score": 0.04, "drifted": false,
                          "nullShare": 0.01, "baselineNullShare": 0.01, "nullShareDrift": false,
                          "scores": { "jensenShannon": 0.04, "psi": 0.02, "chiSquare": 14.2, "chiSquarePValue": 0.03, "hellinger": 0.03 },
                          "baselineHistogram": null, "currentHistogram": null,
                          "baselineCounts": { "DE": 1200, "FR": 900 }, "currentCounts": { "DE": 1100, "FR": 1010 }, "newCategories": [] } ] }
        """;

    private const string Event = """
        { "id": "req-81723", "timestamp": "2026-11-29T15:00:00.123Z", "latencyMs": 12.7,
          "prediction": "fraud", "score": 0.91, "label": "legit", "error": false,
          "features": { "amount": 129.5, "country": "DE", "age": null } }
        """;

    private const string NotFound = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Model not found", "status": 404,
          "detail": "Model 'fraud' does not exist. Create it with PUT /api/v1/models/fraud and a body such as {\"name\": \"My model\", \"version\": \"1.0\", \"task\": \"classification\"}." }
        """;

    private const string InvalidEvent = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "events[7].latencyMs: expected a number", "errors": { "events[7].latencyMs": [ "expected a number" ] } }
        """;

    private const string InvalidId = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "id: 'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.'",
          "errors": { "id": [ "'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.'" ] } }
        """;

    private const string TooLarge = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.14", "title": "Request too large", "status": 413,
          "detail": "The batch holds 12000 events; at most 10000 are accepted per request. Split it into smaller batches." }
        """;

    private const string TooMany = """
        { "type": "https://tools.ietf.org/html/rfc6585#section-4", "title": "Too many requests", "status": 429,
          "detail": "The server is at its ingest capacity and did not accept this batch; nothing of it was applied. Retry after the Retry-After delay." }
        """;

    private static readonly Dictionary<string, string> ModelProblems = new() { ["404"] = NotFound, ["400"] = InvalidId };

    public static readonly IReadOnlyDictionary<string, OperationExample> ByOperation = new Dictionary<string, OperationExample>
    {
        ["ListModels"] = new(null, $"[ {ListedModel} ]", new Dictionary<string, string>()),
        ["GetModel"] = new(null, Model, ModelProblems),
        ["PutModel"] = new(Definition, Model, new Dictionary<string, string> { ["400"] = InvalidId }),
        ["DeleteModel"] = new(null, null, ModelProblems),
        ["PostEvents"] = new($$"""{ "events": [ {{Event}} ] }""", """{ "accepted": 1, "late": 0 }""",
            new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidEvent, ["413"] = TooLarge, ["429"] = TooMany }),
        ["GetMetrics"] = new(null, Metrics, ModelProblems),
        ["GetLogs"] = new(null, $"[ {Event} ]", ModelProblems),
        ["PutBaseline"] = new("""{ "rows": [ { "amount": 129.5, "country": "DE" }, { "amount": 12.0, "country": "FR" } ] }""",
            """{ "count": 2, "source": "upload", "createdAt": "2026-11-29T15:00:00+00:00" }""", ModelProblems),
        ["GetDrift"] = new(null, DriftReport, ModelProblems),
    };
}
