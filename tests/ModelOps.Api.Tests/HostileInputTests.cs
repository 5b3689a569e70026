using System.Net;
using System.Text;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>
/// Input a careless or hostile client can send, to every operation that takes a body or a query: each gets its exact
/// 4xx problem+json naming the field (or saying what was wrong with the body as a whole) and changes nothing. The
/// table is one row per case; a sweep over every operation of the live OpenAPI document adds the malformed bodies and
/// query values of each, and asserts that none gets a 500 or falls through routing.
/// </summary>
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private const string Model = HostileInputFixture.Model;
    private const string M = "/api/v1/models/" + Model;
    private const string Json = "application/json";
    private const string MalformedJson = "Malformed JSON";
    private const string TooLarge = "Request too large";
    private const string Yaml = "application/yaml,text/yaml";
    private const string JsonOrCsv = "application/json,text/csv";
    private const string JsonNdjsonOrCsv = "application/json,application/x-ndjson,text/csv";

    /// <summary>Bytes past <c>ModelOps:Api:MaxBodyBytes</c> and <c>ModelOps:Baselines:MaxBodyBytes</c> of the fixture (64 KiB).</summary>
    private static readonly string Huge = $$"""{"zzz": "{{new string('x', 70_000)}}"}""";

    private static readonly string Deep = new string('[', 1_000) + new string(']', 1_000);

    private readonly HttpClient http = fixture.Server.Http;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    /// <summary>An operation that takes a JSON body, a body with a property given twice, and that property.</summary>
    private sealed record JsonOperation(string Method, string Path, bool Optional, string Duplicated, string Field, int AnswerWithoutBody);

    private static readonly JsonOperation[] JsonOperations =
    [
        new("PUT", M, false, """{"name": "a", "name": "b"}""", "name", 0),
        new("POST", M + "/events", false, """{"events": [], "events": []}""", "events", 0),
        new("POST", M + "/labels", false, """{"labels": [], "labels": []}""", "labels", 0),
        new("PUT", M + "/rules", false, """{"rules": [], "rules": []}""", "rules", 0),
        new("PUT", M + "/baseline", false, """{"rows": [], "rows": []}""", "rows", 0),
        new("PUT", "/api/v1/channels/hostile-new", false, """{"type": "webhook", "type": "slack"}""", "type", 0),
        new("POST", "/api/v1/silences", false, """{"endsAt": "2099-01-01T00:00:00Z", "endsAt": "2099-01-02T00:00:00Z"}""", "endsAt", 0),
        new("POST", M + "/retrain", true, """{"reason": "a", "reason": "b"}""", "reason", 409),
        new("POST", "/api/v1/alerts/hostile-404/ack", true, """{"by": "a", "by": "b"}""", "by", 404),
        new("POST", "/api/v1/alerts/hostile-404/resolve", true, """{"comment": "a", "comment": "b"}""", "comment", 404),
    ];

    /// <summary>
    /// Case, method, path, Content-Type (null: none), body (<c>&lt;FF&gt;</c> is the byte 0xFF), status, and the field the
    /// problem names (its title when it names none; the accepted types for a 415; the detail for a 405).
    /// </summary>
    public static TheoryData<string, string, string, string?, string, int, string> Cases()
    {
        var rows = new TheoryData<string, string, string, string?, string, int, string>();
        void Add(string name, string method, string path, string? type, string body, int status, string expected) =>
            rows.Add(name, method, path, type, body, status, expected);

        foreach (var op in JsonOperations)
        {
            var at = $"{op.Method} {op.Path}";
            var accepted = op.Path.EndsWith("/baseline", StringComparison.Ordinal) ? JsonOrCsv : op.Path.EndsWith("/events", StringComparison.Ordinal) ? JsonNdjsonOrCsv : Json;
            Add($"{at}: truncated JSON", op.Method, op.Path, Json, """{"a": """, 400, MalformedJson);
            Add($"{at}: invalid UTF-8", op.Method, op.Path, Json, """{"zzz": "<FF>"}""", 400, MalformedJson);
            Add($"{at}: 1000 levels of nesting", op.Method, op.Path, Json, Deep, 400, MalformedJson);
            Add($"{at}: garbage after the object", op.Method, op.Path, Json, "{} x", 400, MalformedJson);
            Add($"{at}: a comment", op.Method, op.Path, Json, "{/* c */}", 400, MalformedJson);
            Add($"{at}: a trailing comma", op.Method, op.Path, Json, $"{op.Duplicated[..^1]},}}", 400, MalformedJson);
            Add($"{at}: an array where the object belongs", op.Method, op.Path, Json, "[]", 400, "body");
            Add($"{at}: a string where the object belongs", op.Method, op.Path, Json, "\"text\"", 400, "body");
            Add($"{at}: a number where the object belongs", op.Method, op.Path, Json, "12", 400, "body");
            Add($"{at}: an unknown property", op.Method, op.Path, Json, """{"zzz": 1}""", 400, "zzz");
            Add($"{at}: a property given twice", op.Method, op.Path, Json, op.Duplicated, 400, op.Field);
            Add($"{at}: a body past the limit", op.Method, op.Path, Json, Huge, 413, TooLarge);
            Add($"{at}: a body past the limit, chunked", op.Method, op.Path, Json + ";chunked", Huge, 413, TooLarge);
            Add($"{at}: text/plain", op.Method, op.Path, "text/plain", "{}", 415, accepted);
            Add($"{at}: application/xml", op.Method, op.Path, "application/xml", "<a/>", 415, accepted);
            Add($"{at}: a body without a Content-Type", op.Method, op.Path, null, "{}", 415, accepted);
            if (op.Optional)
            {
                Add($"{at}: JSON null is no body", op.Method, op.Path, Json, "null", op.AnswerWithoutBody, op.AnswerWithoutBody == 404 ? "Alert not found" : "Conflict");
                Add($"{at}: no body at all", op.Method, op.Path, null, "", op.AnswerWithoutBody, op.AnswerWithoutBody == 404 ? "Alert not found" : "Conflict");
            }
            else
            {
                Add($"{at}: JSON null", op.Method, op.Path, Json, "null", 400, "body");
                Add($"{at}: an empty body", op.Method, op.Path, Json, "", 400, "body");
                Add($"{at}: no body and no Content-Type", op.Method, op.Path, null, "", 415, accepted);
            }
        }

        // POST /models/{id}/events as NDJSON and CSV
        const string EventLines = M + "/events";
        const string Nd = "application/x-ndjson";
        const string Csv = "text/csv";
        const string Line = """{"latencyMs": 5, "prediction": "fraud"}""";
        Add("events as NDJSON: an empty body", "POST", EventLines, Nd, "", 400, "body");
        Add("events as NDJSON: only blank lines, CRLF", "POST", EventLines, Nd, "\r\n\n   \r\n", 400, "body");
        Add("events as NDJSON: a line that does not parse", "POST", EventLines, Nd, Line + "\n{\"latencyMs\": ", 400, "line 2: latencyMs");
        Add("events as NDJSON: a line of JSON null", "POST", EventLines, Nd, "null\n", 400, "line 1");
        Add("events as NDJSON: a line of an array", "POST", EventLines, Nd, "[]\n", 400, "line 1");
        Add("events as NDJSON: invalid UTF-8", "POST", EventLines, Nd, """{"latencyMs": 5, "prediction": "<FF>"}""", 400, "body");
        Add("events as NDJSON: 101 events", "POST", EventLines, Nd, string.Concat(Enumerable.Repeat(Line + "\n", 101)), 413, TooLarge);
        Add("events as NDJSON: one line past the body limit", "POST", EventLines, Nd, $$"""{"id": "{{new string('x', 70_000)}}"}""", 413, TooLarge);
        Add("events as NDJSON: one line past the body limit, chunked", "POST", EventLines, Nd + ";chunked", $$"""{"id": "{{new string('x', 70_000)}}"}""", 413, TooLarge);
        Add("events as CSV: an empty body", "POST", EventLines, Csv, "", 400, "row 1");
        Add("events as CSV: a header and no rows", "POST", EventLines, Csv, "latencyMs,prediction\r\n", 400, "body");
        Add("events as CSV: no header, data first", "POST", EventLines, Csv, "5,fraud\n6,legit\n", 400, "row 1, column 1");
        Add("events as CSV: an unknown column", "POST", EventLines, Csv, "latencyMs,prediction,amount\n5,fraud,1\n", 400, "row 1, column 3");
        Add("events as CSV: a column given twice", "POST", EventLines, Csv, "latencyMs,prediction,latencyMs\n5,fraud,6\n", 400, "row 1, column 3");
        Add("events as CSV: a bare feature. column", "POST", EventLines, Csv, "latencyMs,prediction,feature.\n5,fraud,1\n", 400, "row 1, column 3");
        Add("events as CSV: a row of fewer cells", "POST", EventLines, Csv, "latencyMs,prediction\n5,fraud\n6\n", 400, "row 3");
        Add("events as CSV: broken quotes", "POST", EventLines, Csv, "latencyMs,prediction\n5,\"fr\"aud\"\n", 400, "row 2, column \"prediction\"");
        Add("events as CSV: invalid UTF-8", "POST", EventLines, Csv, "latencyMs,prediction\n5,<FF>\n", 400, "body");
        Add("events as CSV: 101 rows", "POST", EventLines, Csv, "latencyMs,prediction\n" + string.Concat(Enumerable.Repeat("5,fraud\n", 101)), 413, TooLarge);
        Add("events as CSV: past the body limit", "POST", EventLines, Csv, "latencyMs,prediction\n5," + new string('x', 70_000) + "\n", 413, TooLarge);

        // PUT /models/{id}
        Add("model: a number as name", "PUT", M, Json, """{"name": 5}""", 400, "name");
        Add("model: a name of 201 characters", "PUT", M, Json, $$"""{"name": "{{new string('n', 201)}}"}""", 400, "name");
        Add("model: an unknown task", "PUT", M, Json, """{"task": "clustering"}""", 400, "task");
        Add("model: task as a number", "PUT", M, Json, """{"task": 1}""", 400, "task");
        Add("model: features as an object", "PUT", M, Json, """{"features": {}}""", 400, "features");
        Add("model: features as a string", "PUT", M, Json, """{"features": "amount"}""", 400, "features");
        Add("model: a null feature", "PUT", M, Json, """{"features": [null]}""", 400, "features[0]");
        Add("model: a feature without a name", "PUT", M, Json, """{"features": [{"type": "numeric"}]}""", 400, "features[0].name");
        Add("model: an unknown feature type", "PUT", M, Json, """{"features": [{"name": "a", "type": "bogus"}]}""", 400, "features[0].type");
        Add("model: a feature declared twice", "PUT", M, Json, """{"features": [{"name": "a"}, {"name": "a"}]}""", 400, "features[1].name");
        Add("model: an unknown property of a feature", "PUT", M, Json, """{"features": [{"name": "a", "kind": "numeric"}]}""", 400, "features[0].kind");
        Add("model: an unknown drift method", "PUT", M, Json, """{"features": [{"name": "a", "drift": {"method": "magic"}}]}""", 400, "features[0].drift.method");
        Add("model: a negative drift threshold", "PUT", M, Json, """{"features": [{"name": "a", "drift": {"method": "psi", "threshold": -1}}]}""", 400, "features[0].drift.threshold");
        Add("model: drift as an array", "PUT", M, Json, """{"drift": []}""", 400, "drift");
        Add("model: a drift window of 30 seconds", "PUT", M, Json, """{"drift": {"window": "00:00:30"}}""", 400, "drift.window");
        Add("model: a drift window as a duration", "PUT", M, Json, """{"drift": {"window": "30s"}}""", 400, "drift.window");
        Add("model: a baseline of 5 events", "PUT", M, Json, """{"drift": {"baselineSize": 5}}""", 400, "drift.baselineSize");
        Add("model: a baseline size past any integer", "PUT", M, Json, """{"drift": {"baselineSize": 1e999}}""", 400, "drift.baselineSize");
        Add("model: a fractional baseline size", "PUT", M, Json, """{"drift": {"baselineSize": 1.5}}""", 400, "drift.baselineSize");
        Add("model: a drift share of 2", "PUT", M, Json, """{"drift": {"shareThreshold": 2}}""", 400, "drift.shareThreshold");
        Add("model: a drift share of \"NaN\"", "PUT", M, Json, """{"drift": {"shareThreshold": "NaN"}}""", 400, "drift.shareThreshold");
        Add("model: an id with a space", "PUT", "/api/v1/models/bad%20id!", Json, "{}", 400, "id");
        Add("model: an id of dots", "PUT", "/api/v1/models/...", Json, "{}", 400, "id");
        Add("model: an id of 129 characters", "PUT", "/api/v1/models/" + new string('m', 129), Json, "{}", 400, "id");

        // POST /models/{id}/events
        const string Events = M + "/events";
        Add("events: null", "POST", Events, Json, """{"events": null}""", 400, "events");
        Add("events: an object", "POST", Events, Json, """{"events": {}}""", 400, "events");
        Add("events: a null event", "POST", Events, Json, """{"events": [null]}""", 400, "events[0]");
        Add("events: missing", "POST", Events, Json, "{}", 400, "events");
        Add("events: latency \"NaN\"", "POST", Events, Json, """{"events": [{"latencyMs": "NaN", "prediction": "a"}]}""", 400, "events[0].latencyMs");
        Add("events: latency as a string", "POST", Events, Json, """{"events": [{"latencyMs": "1", "prediction": "a"}]}""", 400, "events[0].latencyMs");
        Add("events: latency past any double", "POST", Events, Json, """{"events": [{"latencyMs": 1e999, "prediction": "a"}]}""", 400, "events[0].latencyMs");
        Add("events: negative latency", "POST", Events, Json, """{"events": [{"latencyMs": -1, "prediction": "a"}]}""", 400, "events[0].latencyMs");
        Add("events: no latency", "POST", Events, Json, """{"events": [{"prediction": "a"}]}""", 400, "events[0].latencyMs");
        Add("events: a prediction array", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": []}]}""", 400, "events[0].prediction");
        Add("events: a prediction object", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": {}}]}""", 400, "events[0].prediction");
        Add("events: a label object", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "label": {"x": 1}}]}""", 400, "events[0].label");
        Add("events: features as an array", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "features": [1]}]}""", 400, "events[0].features");
        Add("events: a feature given twice", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "features": {"amount": 1, "amount": 2}}]}""", 400, "events[0].features.amount");
        Add("events: a garbage timestamp", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "timestamp": "garbage"}]}""", 400, "events[0].timestamp");
        Add("events: error as a string", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "error": "yes"}]}""", 400, "events[0].error");
        Add("events: a null error", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "error": null}]}""", 400, "events[0].error");
        Add("events: score as a word", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "score": "high"}]}""", 400, "events[0].score");
        Add("events: an id of 300 characters", "POST", Events, Json, $$"""{"events": [{"id": "{{new string('i', 300)}}", "latencyMs": 1, "prediction": "a"}]}""", 400, "events[0].id");
        Add("events: an unknown property of an event", "POST", Events, Json, """{"events": [{"latencyMs": 1, "prediction": "a", "latency": 1}]}""", 400, "events[0].latency");
        Add("events: more than the per-request limit", "POST", Events, Json,
            $$"""{"events": [{{string.Join(", ", Enumerable.Repeat("""{"latencyMs": 1, "prediction": "a"}""", 101))}}]}""", 413, TooLarge);
        Add("events: durable=maybe", "POST", Events + "?durable=maybe", Json, """{"events": []}""", 400, "durable");

        // PUT /models/{id}/rules
        const string Rules = M + "/rules";
        const string Rule = """ "id": "r", "metric": "latencyP95", "op": ">", "threshold": 100 """;
        Add("rules: null", "PUT", Rules, Json, """{"rules": null}""", 400, "rules");
        Add("rules: an object", "PUT", Rules, Json, """{"rules": {}}""", 400, "rules");
        Add("rules: a null rule", "PUT", Rules, Json, """{"rules": [null]}""", 400, "rules[0]");
        Add("rules: threshold \"NaN\"", "PUT", Rules, Json, """{"rules": [{"id": "r", "metric": "latencyP95", "op": ">", "threshold": "NaN"}]}""", 400, "rules[0].threshold");
        Add("rules: threshold past any double", "PUT", Rules, Json, """{"rules": [{"id": "r", "metric": "latencyP95", "op": ">", "threshold": 1e999}]}""", 400, "rules[0].threshold");
        Add("rules: a for that is no duration", "PUT", Rules, Json, $$"""{"rules": [{ {{Rule}}, "for": "soon"}]}""", 400, "rules[0].for");
        Add("rules: for as a number", "PUT", Rules, Json, $$"""{"rules": [{ {{Rule}}, "for": 30}]}""", 400, "rules[0].for");
        Add("rules: an unknown severity", "PUT", Rules, Json, $$"""{"rules": [{ {{Rule}}, "severity": "fatal"}]}""", 400, "rules[0].severity");
        Add("rules: an unknown op", "PUT", Rules, Json, """{"rules": [{"id": "r", "metric": "latencyP95", "op": "≈", "threshold": 100}]}""", 400, "rules[0].op");
        Add("rules: an unknown metric", "PUT", Rules, Json, """{"rules": [{"id": "r", "metric": "nope", "op": ">", "threshold": 100}]}""", 400, "rules[0].metric");
        Add("rules: a bad rule id", "PUT", Rules, Json, """{"rules": [{"id": "bad id!", "metric": "latencyP95", "op": ">", "threshold": 100}]}""", 400, "rules[0].id");
        Add("rules: a rule id twice", "PUT", Rules, Json, $$"""{"rules": [{ {{Rule}} }, { {{Rule}} }]}""", 400, "rules[1].id");
        Add("rules: actions as a string", "PUT", Rules, Json, $$"""{"rules": [{ {{Rule}}, "actions": "retrain"}]}""", 400, "rules[0].actions");

        // POST /models/{id}/retrain, /alerts/{alertId}/ack and /resolve: optional bodies, but typed when sent
        Add("retrain: reason as a number", "POST", M + "/retrain", Json, """{"reason": 5}""", 400, "reason");
        Add("retrain: requestedBy as an object", "POST", M + "/retrain", Json, """{"requestedBy": {}}""", 400, "requestedBy");
        Add("ack: by as a number", "POST", "/api/v1/alerts/hostile-404/ack", Json, """{"by": 5}""", 400, "by");
        Add("ack: by as null is no by", "POST", "/api/v1/alerts/hostile-404/ack", Json, """{"by": null}""", 404, "Alert not found");
        Add("resolve: comment as an array", "POST", "/api/v1/alerts/hostile-404/resolve", Json, """{"comment": []}""", 400, "comment");

        // PUT /models/{id}/baseline
        const string Baseline = M + "/baseline";
        Add("baseline: rows null", "PUT", Baseline, Json, """{"rows": null}""", 400, "rows");
        Add("baseline: rows an object", "PUT", Baseline, Json, """{"rows": {}}""", 400, "rows");
        Add("baseline: no rows property", "PUT", Baseline, Json, """{"data": []}""", 400, "data");
        Add("baseline: an object missing rows", "PUT", Baseline, Json, "{}", 400, "rows");
        Add("baseline: a null row", "PUT", Baseline, Json, """{"rows": [{"amount": 1}, null]}""", 400, "rows[1]");
        Add("baseline: an object as a cell", "PUT", Baseline, Json, """{"rows": [{"amount": 1}, {"amount": 2, "tags": {"a": 1}}]}""", 400, "rows[1].tags");
        Add("baseline: a cell given twice", "PUT", Baseline, Json, """{"rows": [{"amount": 1, "amount": 2}]}""", 400, "rows[0].amount");
        Add("baseline: a word in a numeric column", "PUT", Baseline, Json, """{"rows": [{"amount": "lots"}]}""", 400, "rows[0].amount");
        Add("baseline: CSV with an open quote", "PUT", Baseline, "text/csv", "amount,country\n1,\"DE\n", 400, "row 2, column \"country\"");
        Add("baseline: CSV with a column twice", "PUT", Baseline, "text/csv", "amount,amount\n1,2\n", 400, "row 1, column 2");
        Add("baseline: CSV with a short row", "PUT", Baseline, "text/csv", "amount,country\n1\n", 400, "row 2");
        Add("baseline: CSV with a word in a numeric column", "PUT", Baseline, "text/csv", "amount\nlots\n", 400, "row 2, column \"amount\"");
        Add("baseline: CSV without a header", "PUT", Baseline, "text/csv", "", 400, "row 1");
        Add("baseline: CSV with invalid UTF-8", "PUT", Baseline, "text/csv", "amount,country\n1,<FF>\n", 400, "body");
        Add("baseline: CSV past the limit", "PUT", Baseline, "text/csv", "amount\n" + string.Concat(Enumerable.Repeat("12345\n", 12_000)), 413, TooLarge);

        // PUT /models/{id}/config
        const string Config = M + "/config";
        Add("config: YAML that does not parse", "PUT", Config, "application/yaml", "model: [unclosed", 400, "Invalid configuration");
        Add("config: a YAML list of rules as a number", "PUT", Config, "application/yaml", "rules: 5\n", 400, "Invalid configuration");
        Add("config: JSON", "PUT", Config, Json, "{}", 415, Yaml);
        Add("config: no Content-Type", "PUT", Config, null, "model: {}", 415, Yaml);
        Add("config: no body and no Content-Type", "PUT", Config, null, "", 415, Yaml);
        Add("config: past the limit", "PUT", Config, "application/yaml", "# " + new string('x', 70_000), 413, TooLarge);
        Add("config: invalid UTF-8", "PUT", Config, "application/yaml", "model:\n  name: <FF>\n", 400, "body");
        Add("config: 1000 levels of nesting", "PUT", Config, "application/yaml", Deep, 400, "Invalid configuration");
        Add("config: a key given twice", "PUT", Config, "application/yaml", "model:\n  name: a\n  name: b\n", 400, "Invalid configuration");
        Add("config: model as a list", "PUT", Config, "application/yaml", "model: [a]\n", 400, "Invalid configuration");
        Add("config: a rule as a number", "PUT", Config, "application/yaml", "rules:\n  - 5\n", 400, "Invalid configuration");

        // PUT /channels/{channelId}
        const string Channel = "/api/v1/channels/hostile-new";
        Add("channel: type as a number", "PUT", Channel, Json, """{"type": 5, "url": "https://hooks.example.invalid/x"}""", 400, "type");
        Add("channel: an unknown type", "PUT", Channel, Json, """{"type": "email", "url": "https://hooks.example.invalid/x"}""", 400, "type");
        Add("channel: url as a number", "PUT", Channel, Json, """{"type": "webhook", "url": 5}""", 400, "url");
        Add("channel: an ftp url", "PUT", Channel, Json, """{"type": "webhook", "url": "ftp://hooks.example.invalid/x"}""", 400, "url");
        Add("channel: an unknown severity", "PUT", Channel, Json, """{"type": "webhook", "url": "https://hooks.example.invalid/x", "minSeverity": "fatal"}""", 400, "minSeverity");
        Add("channel: models as a string", "PUT", Channel, Json, """{"type": "webhook", "url": "https://hooks.example.invalid/x", "models": "hostile"}""", 400, "models");
        Add("channel: a model id as a number", "PUT", Channel, Json, """{"type": "webhook", "url": "https://hooks.example.invalid/x", "models": [5]}""", 400, "models[0]");
        Add("channel: a repeat interval that is no duration", "PUT", Channel, Json, """{"type": "webhook", "url": "https://hooks.example.invalid/x", "repeatInterval": "soon"}""", 400, "repeatInterval");
        Add("channel: a bad channel id", "PUT", "/api/v1/channels/bad%20id!", Json, """{"type": "webhook", "url": "https://hooks.example.invalid/x"}""", 400, "channelId");
        Add("channel test: a bad channel id", "POST", "/api/v1/channels/bad%20id!/test", null, "", 400, "channelId");
        Add("channel test: a channel nobody made", "POST", "/api/v1/channels/nobody/test", null, "", 404, "Channel not found");

        // POST /silences
        const string Silences = "/api/v1/silences";
        Add("silence: a garbage end", "POST", Silences, Json, """{"endsAt": "garbage"}""", 400, "endsAt");
        Add("silence: an end in the past", "POST", Silences, Json, """{"matchers": {"modelId": "hostile"}, "endsAt": "2001-01-01T00:00:00Z"}""", 400, "endsAt");
        Add("silence: matchers as an array", "POST", Silences, Json, """{"matchers": [], "endsAt": "2099-01-01T00:00:00Z"}""", 400, "matchers");
        Add("silence: a model id as a number", "POST", Silences, Json, """{"matchers": {"modelId": 5}, "endsAt": "2099-01-01T00:00:00Z"}""", 400, "matchers.modelId");
        Add("silence: an unknown severity", "POST", Silences, Json, """{"matchers": {"severity": "fatal"}, "endsAt": "2099-01-01T00:00:00Z"}""", 400, "matchers.severity");

        // Query values
        Add("logs: limit=-1", "GET", M + "/logs?limit=-1", null, "", 400, "limit");
        Add("logs: limit=0", "GET", M + "/logs?limit=0", null, "", 400, "limit");
        Add("logs: limit=201", "GET", M + "/logs?limit=201", null, "", 400, "limit");
        Add("logs: limit=abc", "GET", M + "/logs?limit=abc", null, "", 400, "limit");
        Add("logs: limit=1.5", "GET", M + "/logs?limit=1.5", null, "", 400, "limit");
        Add("logs: limit past any integer", "GET", M + "/logs?limit=99999999999", null, "", 400, "limit");
        Add("logs: limit given twice", "GET", M + "/logs?limit=1&limit=2", null, "", 400, "limit");
        Add("history: from=garbage", "GET", M + "/metrics/history?from=garbage", null, "", 400, "from");
        Add("history: to=garbage", "GET", M + "/metrics/history?to=garbage", null, "", 400, "to");
        Add("history: step=abc", "GET", M + "/metrics/history?step=abc", null, "", 400, "step");
        Add("history: step=7s", "GET", M + "/metrics/history?step=7s", null, "", 400, "step");
        Add("history: from given twice", "GET", M + "/metrics/history?from=2026-01-01T00:00:00Z&from=2026-01-02T00:00:00Z", null, "", 400, "from");
        Add("drift: from=garbage", "GET", M + "/drift?from=garbage", null, "", 400, "from");
        Add("drift: to=garbage", "GET", M + "/drift?to=garbage", null, "", 400, "to");
        Add("model alerts: limit=abc", "GET", M + "/alerts?limit=abc", null, "", 400, "limit");
        Add("model alerts: state=bogus", "GET", M + "/alerts?state=bogus", null, "", 400, "state");
        Add("model alerts: limit=0", "GET", M + "/alerts?limit=0", null, "", 400, "limit");
        Add("model alerts: limit=1001", "GET", M + "/alerts?limit=1001", null, "", 400, "limit");
        Add("fleet alerts: state=bogus", "GET", "/api/v1/alerts?state=bogus", null, "", 400, "state");
        Add("fleet alerts: limit=0", "GET", "/api/v1/alerts?limit=0", null, "", 400, "limit");
        Add("fleet alerts: limit=1001", "GET", "/api/v1/alerts?limit=1001", null, "", 400, "limit");
        Add("config: format=bogus", "GET", Config + "?format=bogus", null, "", 400, "format");
        Add("config: assist=maybe", "GET", Config + "?assist=maybe", null, "", 400, "assist");
        Add("silences: includeExpired=maybe", "GET", Silences + "?includeExpired=maybe", null, "", 400, "includeExpired");
        Add("insight: refresh=maybe", "POST", "/api/v1/alerts/hostile-1/insight?refresh=maybe", null, "", 400, "refresh");

        // Ids and paths
        Add("get: an id with a space", "GET", "/api/v1/models/bad%20id!", null, "", 400, "id");
        Add("get: an id of dots", "GET", "/api/v1/models/.../metrics", null, "", 400, "id");
        Add("get: an umlaut in the id", "GET", "/api/v1/models/%C3%BCmlaut/drift", null, "", 400, "id");
        Add("delete: an id of dots", "DELETE", "/api/v1/models/...", null, "", 400, "id");
        Add("get: a model nobody made", "GET", "/api/v1/models/nobody", null, "", 404, "Model not found");
        Add("get: a bad channel id", "GET", "/api/v1/channels/bad%20id!", null, "", 400, "channelId");
        Add("delete: a bad channel id", "DELETE", "/api/v1/channels/bad%20id!", null, "", 400, "channelId");
        Add("get: a channel nobody made", "GET", "/api/v1/channels/nobody", null, "", 404, "Channel not found");
        Add("delete: a silence nobody made", "DELETE", "/api/v1/silences/nobody", null, "", 404, "Silence not found");
        Add("ack: an alert id without its model", "POST", "/api/v1/alerts/nocolon/ack", null, "", 404, "Alert not found");
        Add("resolve: an alert nobody raised", "POST", "/api/v1/alerts/hostile-999/resolve", null, "", 404, "Alert not found");

        // POST /models/{id}/labels
        const string Labels = M + "/labels";
        Add("labels: null", "POST", Labels, Json, """{"labels": null}""", 400, "labels");
        Add("labels: an object", "POST", Labels, Json, """{"labels": {}}""", 400, "labels");
        Add("labels: missing", "POST", Labels, Json, "{}", 400, "labels");
        Add("labels: a null label where the object belongs", "POST", Labels, Json, """{"labels": [null]}""", 400, "labels[0]");
        Add("labels: no id", "POST", Labels, Json, """{"labels": [{"label": "a"}]}""", 400, "labels[0].id");
        Add("labels: an id of 257 characters", "POST", Labels, Json, $$"""{"labels": [{"id": "{{new string('i', 257)}}", "label": "a"}]}""", 400, "labels[0].id");
        Add("labels: no label", "POST", Labels, Json, """{"labels": [{"id": "r1"}]}""", 400, "labels[0].label");
        Add("labels: a label object", "POST", Labels, Json, """{"labels": [{"id": "r1", "label": {"x": 1}}]}""", 400, "labels[0].label");
        Add("labels: a label deep in arrays", "POST", Labels, Json, """{"labels": [{"id": "r1", "label": [[[[1]]]]}]}""", 400, "labels[0].label");
        Add("labels: a timestamp as a number", "POST", Labels, Json, """{"labels": [{"id": "r1", "label": "a", "timestamp": 5}]}""", 400, "labels[0].timestamp");
        Add("labels: a timestamp a day ahead", "POST", Labels, Json, """{"labels": [{"id": "r1", "label": "a", "timestamp": "2999-01-01T00:00:00Z"}]}""", 400, "labels[0].timestamp");
        Add("labels: an unknown property of a label", "POST", Labels, Json, """{"labels": [{"id": "r1", "label": "a", "value": 1}]}""", 400, "labels[0].value");
        Add("a path no endpoint serves", "GET", "/api/v1/nope", null, "", 404, "No such endpoint");
        Add("a method the path does not take", "PATCH", M, Json, "{}", 405, "PATCH is not an operation of /api/v1/models/hostile; it takes DELETE, GET, HEAD or PUT.");
        Add("stream: a plain GET", "GET", "/api/v1/stream", null, "", 400, "connection");
        return rows;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_its_exact_4xx_naming_the_field_and_changes_nothing(
        string @case, string method, string path, string? contentType, string body, int status, string expected)
    {
        var before = await fixture.SnapshotAsync();

        using var response = await http.SendAsync(Request(method, path, contentType, body), cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);

        Assert.True(status == (int)response.StatusCode, $"{@case}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        if (status == 405)
        {
            Assert.Equal(expected, root.GetProperty("detail").GetString());
        }
        else if (status == 415)
        {
            Assert.Equal(expected, string.Join(",", root.GetProperty("accepted").EnumerateArray().Select(type => type.GetString())));
        }
        else if (root.TryGetProperty("errors", out var errors) && root.GetProperty("title").GetString() != "Invalid configuration")
        {
            Assert.Equal([expected], errors.EnumerateObject().Select(error => error.Name));
            Assert.StartsWith($"{expected}: ", root.GetProperty("detail").GetString());
        }
        else
        {
            Assert.Equal(expected, root.GetProperty("title").GetString());
        }
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    /// <summary>Malformed bodies and query values sent to every operation the live document lists.</summary>
    [Fact]
    public async Task No_malformed_request_to_any_operation_of_the_document_gets_a_500()
    {
        var before = await fixture.SnapshotAsync();
        var sent = 0;
        var failures = new List<string>();

        foreach (var operation in await OperationsAsync())
        {
            foreach (var (contentType, body) in MalformedBodies(operation))
            {
                sent++;
                using var response = await http.SendAsync(Request(operation.Method, operation.Path, contentType, body), cancel);
                await CheckAsync(response, $"{operation.Method} {operation.Path} ({contentType ?? "no Content-Type"}, {Shortened(body)})");
            }
            foreach (var parameter in operation.Query)
            {
                foreach (var value in new[] { "garbage", "-1", "%FF%FE", "1e999", "", "NaN" })
                {
                    sent++;
                    using var response = await http.SendAsync(Request(operation.Method, $"{operation.Path}?{parameter}={value}", null, ""), cancel);
                    await CheckAsync(response, $"{operation.Method} {operation.Path}?{parameter}={value}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(sent >= 300, $"the sweep sent only {sent} requests");
        Assert.Equal(before, await fixture.SnapshotAsync());

        async Task CheckAsync(HttpResponseMessage response, string request)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancel);
            if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{request}: {status} {Shortened(text)}");
            }
        }
    }

    /// <summary>No route of the document falls through to the 404 of a path no endpoint serves, or to a 405.</summary>
    [Fact]
    public async Task Every_operation_of_the_document_reaches_its_endpoint()
    {
        var answers = new List<string>();
        foreach (var operation in await OperationsAsync())
        {
            using var response = await http.SendAsync(Request(operation.Method, operation.Path, null, ""), cancel);
            var text = await response.Content.ReadAsStringAsync(cancel);
            if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.InternalServerError || text.Contains("\"No such endpoint\"", StringComparison.Ordinal))
            {
                answers.Add($"{operation.Method} {operation.Path}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.Empty(answers);
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> BodyTypes, IReadOnlyList<string> Query);

    /// <summary>Every path and method of the live document, its path parameters filled with ids nothing holds.</summary>
    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/swagger/v1/swagger.json", cancel));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var concrete = path.Name.Replace("{id}", "sweep").Replace("{alertId}", "sweep-1").Replace("{channelId}", "sweep").Replace("{silenceId}", "sweep");
            foreach (var method in path.Value.EnumerateObject().Where(member => member.Name is "get" or "put" or "post" or "delete"))
            {
                var bodyTypes = method.Value.TryGetProperty("requestBody", out var requestBody)
                    ? requestBody.GetProperty("content").EnumerateObject().Select(type => type.Name).ToArray()
                    : [];
                var query = method.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
                    : [];
                operations.Add(new Operation(method.Name.ToUpperInvariant(), concrete, bodyTypes, query));
            }
        }
        Assert.True(operations.Count >= 30, $"the document lists only {operations.Count} operations");
        return operations;
    }

    private static IEnumerable<(string? ContentType, string Body)> MalformedBodies(Operation operation)
    {
        string[] bodies = ["""{"a": """, """{"zzz": "<FF>"}""", Deep, "[]", "null", "12", """{"zzz": 1}""", """{"a": 1, "a": 2}""", "{\"n\": 1e999}", Huge, "", "{} x"];
        foreach (var type in operation.BodyTypes.DefaultIfEmpty(Json))
        {
            foreach (var body in bodies)
            {
                yield return (type, body);
            }
        }
        yield return ("text/plain", "{}");
        yield return (null, "{}");
    }

    private static HttpRequestMessage Request(string method, string path, string? contentType, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length == 0 && contentType is null)
        {
            return request;
        }
        var chunked = contentType?.EndsWith(";chunked", StringComparison.Ordinal) == true;
        var bytes = Bytes(body);
        HttpContent content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", chunked ? contentType[..^";chunked".Length] : contentType);
        }
        request.Content = content;
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        return request;
    }

    /// <summary>The body as UTF-8, with <c>&lt;FF&gt;</c> as the byte 0xFF, which no UTF-8 text holds.</summary>
    private static byte[] Bytes(string body)
    {
        var parts = body.Split("<FF>");
        return parts.SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [(byte)0xFF, .. Encoding.UTF8.GetBytes(part)]).ToArray();
    }

    private static string Shortened(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>
/// A server with small limits (64 KiB bodies, 100 events a request) and one model with a definition, events, rules, a
/// baseline, a channel and a silence, so that a request which changed anything shows in <see cref="SnapshotAsync"/>.
/// </summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public const string Model = "hostile";

    public ModelOpsServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Api:MaxBodyBytes"] = "65536",
            ["ModelOps:Api:MaxEventsPerRequest"] = "100",
            ["ModelOps:Baselines:MaxBodyBytes"] = "65536",
        });
        var client = Server.Client;
        var cancel = TestContext.Current.CancellationToken;
        await client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await client.PostEventsAsync(Model, TestData.Events(10), cancel);
        await client.PutRulesAsync(Model, [Alerting.AlertingKit.SlowLatency()], cancel);
        using var baseline = await Server.Http.PutAsync($"/api/v1/models/{Model}/baseline",
            new StringContent("amount,country\n1,DE\n2,FR\n3,DE\n", Encoding.UTF8, "text/csv"), cancel);
        baseline.EnsureSuccessStatusCode();
        await client.PutChannelAsync("hostile-hook", new NotificationChannel { Type = ChannelTypes.Webhook, Url = "https://hooks.example.invalid/hostile", Models = [Model] }, cancel);
        await client.AddSilenceAsync(new Silence { Matchers = new SilenceMatchers(ModelId: Model), EndsAt = DateTimeOffset.UtcNow.AddDays(1) }, cancel);
    }

    /// <summary>What a request could change, as the API reads it: models, the definition, events, rules, baseline, configuration, channels and silences.</summary>
    public async Task<string> SnapshotAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        var http = Server.Http;
        var model = (await Server.Client.GetModelAsync(Model, cancel))!;
        using var drift = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/models/{Model}/drift", cancel));
        var parts = new[]
        {
            string.Join(",", (await Server.Client.ListModelsAsync(cancel)).Select(view => view.Id).Order(StringComparer.Ordinal)),
            JsonSerializer.Serialize(model with { Metrics = null!, History = [], UpdatedAt = default, Drift = null, Status = default }, ModelOpsJsonContext.Default.ModelView),
            model.Metrics.Count.ToString(),
            await http.GetStringAsync($"/api/v1/models/{Model}/logs?limit=200", cancel),
            await http.GetStringAsync($"/api/v1/models/{Model}/rules", cancel),
            drift.RootElement.GetProperty("baseline").GetRawText(),
            await http.GetStringAsync($"/api/v1/models/{Model}/config", cancel),
            await http.GetStringAsync("/api/v1/channels", cancel),
            await http.GetStringAsync("/api/v1/silences", cancel),
        };
        return string.Join("\n", parts);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}
