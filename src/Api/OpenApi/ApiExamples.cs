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
          "drift": null, "driftSettings": null, "openAlerts": 0, "updatedAt": "2026-11-29T15:00:01+00:00", "createdAt": "2026-11-29T14:00:00+00:00" }
        """;

    private const string MetricsHistory = """
        { "from": "2026-11-29T14:00:00+00:00", "to": "2026-11-29T15:00:00+00:00", "step": "1m",
          "points": [ { "timestamp": "2026-11-29T14:57:00+00:00", "count": 2400, "accuracy": 0.93, "latencyP50": 11.0,
                        "latencyP95": 30.0, "latencyP99": 57.0, "throughputPerSec": 40.0, "errorRate": 0.001, "mae": null, "rmse": null },
                      { "timestamp": "2026-11-29T14:58:00+00:00", "count": 0, "accuracy": null, "latencyP50": null,
                        "latencyP95": null, "latencyP99": null, "throughputPerSec": 0.0, "errorRate": null, "mae": null, "rmse": null } ] }
        """;

    private const string InvalidStep = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "step: expected 1s (a point per second, within the live window) or 1m (a point per minute, up to 24h back)",
          "errors": { "step": [ "expected 1s (a point per second, within the live window) or 1m (a point per minute, up to 24h back)" ] } }
        """;

    private const string ListedModel = """
        { "id": "fraud", "name": "Fraud detector", "version": "2.3.0", "task": "classification", "status": "healthy",
          "features": [ { "name": "amount", "type": "numeric", "learned": false } ],
          "metrics": { "window": "00:05:00", "count": 12000, "throughputPerSec": 40.0, "accuracy": 0.93, "labelCount": 8000,
                       "errorRate": 0.001, "latency": { "mean": 14.2, "p50": 11.0, "p95": 31.0, "p99": 58.0 },
                       "mae": null, "rmse": null, "lateEvents": 0 },
          "history": [], "drift": null, "driftSettings": null, "openAlerts": 0, "updatedAt": "2026-11-29T15:00:01+00:00", "createdAt": "2026-11-29T14:00:00+00:00" }
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

    private const string Rules = """
        { "rules": [
            { "id": "accuracy-low", "name": "Accuracy low", "metric": "accuracy", "op": "<", "threshold": 0.8, "for": "1m", "window": null, "severity": "critical", "actions": [ "retrain" ] },
            { "id": "latency-p95-high", "name": "Latency p95 high", "metric": "latencyP95", "op": ">", "threshold": 250, "for": "1m", "window": "1m", "severity": "warning", "actions": [] },
            { "id": "amount-drift", "name": "Amount drifted", "metric": "drift:amount", "op": ">=", "threshold": 0.1, "for": "5m", "window": null, "severity": "info", "actions": [] } ] }
        """;

    private const string InvalidRule = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "rules[1].op: expected one of <, <=, >, >=", "errors": { "rules[1].op": [ "expected one of <, <=, >, >=" ] } }
        """;

    private const string Alert = """
        { "id": "fraud-17", "modelId": "fraud", "ruleId": "latency-p95-high", "fingerprint": "9f2c51d07a4be310",
          "title": "Latency p95 high", "message": "latencyP95 is 312.5 ms, above the threshold of 250 ms (for 1m)",
          "severity": "warning", "state": "firing", "metric": "latencyP95", "value": 312.5, "threshold": 250, "op": ">",
          "startedAt": "2026-11-29T15:00:00+00:00", "firedAt": "2026-11-29T15:01:00+00:00", "resolvedAt": null, "resolvedBy": null,
          "acknowledgedBy": null, "acknowledgedAt": null, "silenced": false,
          "deliveries": [ { "id": "5d1f0c2a9e8b4f7d9a3c6e1b2f4a8d07", "channelId": "oncall", "event": "firing", "status": "delivered", "attempts": 2,
                            "lastStatusCode": 202, "lastError": null, "createdAt": "2026-11-29T15:01:00+00:00",
                            "lastAttemptAt": "2026-11-29T15:01:03+00:00", "nextAttemptAt": null, "deliveredAt": "2026-11-29T15:01:03+00:00" } ] }
        """;

    private const string AlertNotFound = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Alert not found", "status": 404,
          "detail": "No alert 'fraud-99'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{id}/alerts." }
        """;

    private const string InvalidState = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "state: 'open' is not an alert state: expected pending, firing or resolved",
          "errors": { "state": [ "'open' is not an alert state: expected pending, firing or resolved" ] } }
        """;

    private const string Retrain = """
        { "id": "3b9e2c71d04f", "modelId": "fraud", "alertId": null, "reason": "weekly refresh", "requestedBy": "alice",
          "requestedAt": "2026-11-29T15:00:00+00:00",
          "deliveries": [ { "id": "0c7e4b1f2a9d4e6b8f3a5c2d1e0b9a87", "channelId": "ci-retrain", "event": "retrain", "status": "pending", "attempts": 0,
                            "lastStatusCode": null, "lastError": null, "createdAt": "2026-11-29T15:00:00+00:00",
                            "lastAttemptAt": null, "nextAttemptAt": "2026-11-29T15:00:00+00:00", "deliveredAt": null } ] }
        """;

    private const string NoRetrainChannel = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.10", "title": "Conflict", "status": 409,
          "detail": "No retrain channel covers model 'fraud'. Add one with PUT /api/v1/channels/{id} and a body such as {\"type\": \"retrain\", \"url\": \"https://ci.example.com/hooks/retrain\", \"models\": [\"fraud\"]}." }
        """;

    private const string ChannelRequest = """
        { "type": "pagerduty", "routingKey": "R0ABCDEF1234567890ABCDEF12345678", "minSeverity": "critical", "models": [ "*" ] }
        """;

    private const string Channel = """
        { "id": "oncall", "type": "pagerduty", "url": "https://events.pagerduty.com/v2/enqueue", "routingKey": "••••5678", "secret": null,
          "minSeverity": "critical", "models": [ "*" ], "repeatInterval": "4h" }
        """;

    private const string InvalidChannel = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "url: 169.254.169.254 is a cloud metadata address; notifications are never sent there",
          "errors": { "url": [ "169.254.169.254 is a cloud metadata address; notifications are never sent there" ] } }
        """;

    private const string ChannelNotFound = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Channel not found", "status": 404,
          "detail": "No channel 'oncall'. Create it with PUT /api/v1/channels/oncall and a body such as {\"type\": \"slack\", \"url\": \"https://hooks.slack.com/services/…\", \"minSeverity\": \"warning\"}." }
        """;

    private const string ChannelTestFailed = """
        { "delivered": false, "status": 404, "error": "HTTP 404: no_service" }
        """;

    private const string SilenceRequest = """
        { "matchers": { "modelId": "fraud", "ruleId": "latency-p95-high", "severity": null },
          "endsAt": "2026-11-29T18:00:00Z", "createdBy": "alice", "comment": "planned database failover" }
        """;

    private const string Silence = """
        { "id": "a41c09e7b2d5", "matchers": { "modelId": "fraud", "ruleId": "latency-p95-high", "severity": null },
          "startsAt": "2026-11-29T15:00:00+00:00", "endsAt": "2026-11-29T18:00:00+00:00", "createdBy": "alice", "comment": "planned database failover" }
        """;

    private const string InvalidSilence = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "endsAt: required: when the silence ends, e.g. 2026-11-29T18:00:00Z",
          "errors": { "endsAt": [ "required: when the silence ends, e.g. 2026-11-29T18:00:00Z" ] } }
        """;

    private const string SilenceNotFound = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Silence not found", "status": 404,
          "detail": "No silence 'a41c09e7b2d5'. List them with GET /api/v1/silences?includeExpired=true." }
        """;

    private const string Insight = """
        { "alertId": "fraud-17", "provider": "builtin", "model": null,
          "summary": "latencyP95 > 250 ms on model fraud (value 312.5 ms): most likely infrastructure: latency rose while the inputs did not drift (high confidence).",
          "likelyCauses": [ { "cause": "Infrastructure: latency rose while the inputs did not drift", "confidence": "high", "evidence": [ "E1", "E4", "E3" ] } ],
          "recommendations": [ "Check the serving infrastructure: instance health, CPU and memory saturation, dependency latency and recent deployments or configuration changes.",
                               "Look at the failing or slow requests in the inference log (GET /api/v1/models/fraud/logs)." ],
          "evidence": [
            { "id": "E1", "kind": "rule", "text": "Rule \"latency-p95-high\" (\"Latency p95 high\", warning): latencyP95 > 250 ms over 1m, for 1m. The alert started at 2026-11-29 15:00:00 UTC and is firing since 2026-11-29 15:01:00 UTC; its latest value is 312.5 ms against the threshold 250 ms." },
            { "id": "E2", "kind": "metric", "text": "latencyP95: 31 ms in the period before (14:58:01–14:59:00 UTC, 2400 events); 312.5 ms in the period that broke the rule (14:59:01–15:00:00 UTC, 2400 events); 310 ms now over the last 5m (12000 events)." },
            { "id": "E3", "kind": "drift", "text": "Drift from 2026-11-29 14:01:00 UTC to 2026-11-29 15:01:00 UTC (5000 events) against a baseline of 5000 rows (upload): 0 of 2 features drifted (share 0; dataset drift at 0.5 or more: no)." },
            { "id": "E4", "kind": "latency", "text": "Latency: p50 11 ms, p95 31 ms, p99 58 ms in the period before; p50 150 ms, p95 312.5 ms, p99 401 ms in the period that broke the rule; p50 149 ms, p95 310 ms, p99 398 ms now over the last 5m." } ],
          "generatedAt": "2026-11-29T15:02:00+00:00", "fallbackReason": null }
        """;

    private const string ModelOpsConfig = """
        apiVersion: modelops/v1
        kind: ModelMonitor
        model:
          id: fraud
          name: Fraud detector
          version: 2.3.0
          task: classification
        features:
        - name: amount
          type: numeric
          drift:
            method: psi
            threshold: 0.2
            source: override
        - name: country
          type: categorical
          drift:
            method: jensenShannon
            threshold: 0.1
            source: default
        windows:
          metrics: 5m
          drift: 1h
          baselineSize: 1500
          driftShare: 0.5
          nullShareIncrease: 0.1
        rules:
        - id: accuracy-low
          name: Accuracy low
          metric: accuracy
          op: <
          threshold: 0.8
          for: 1m
          severity: critical
          actions: [retrain]
        notifications:
          alerts: [oncall]
          retrain: [ci-retrain]

        """;

    private const string InvalidConfig = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid configuration", "status": 400,
          "detail": "line 33, column 14: rules[0].threshold: expected a number, got 'high'",
          "errors": { "rules[0].threshold": [ "line 33, column 14: expected a number, got 'high'" ] } }
        """;

    private const string InvalidFormat = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid request", "status": 400,
          "detail": "format: expected modelops, evidently, mlflow; got 'json'",
          "errors": { "format": [ "expected modelops, evidently, mlflow; got 'json'" ] } }
        """;

    private const string NotYaml = """
        { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.16", "title": "Unsupported media type", "status": 415,
          "detail": "Send the modelops document as application/yaml or text/yaml; got 'application/json'." }
        """;

    private const string Cluster = """
        { "mode": "redis", "silos": [
          { "address": "10.0.0.5:11111", "name": "all@node-a:11111", "role": "all", "status": "active",
            "models": [ "churn-predictor", "fraud-detector" ], "startedAt": "2026-11-29T14:00:00+00:00" },
          { "address": "10.0.0.6:11111", "name": "silo@node-b:11111", "role": "silo", "status": "active",
            "models": [ "house-prices" ], "startedAt": "2026-11-29T14:00:05+00:00" },
          { "address": "10.0.0.7:11111", "name": "silo@node-c:11111", "role": "silo", "status": "dead",
            "models": [], "startedAt": "2026-11-29T13:10:00+00:00" } ] }
        """;

    private static readonly Dictionary<string, string> ModelProblems = new() { ["404"] = NotFound, ["400"] = InvalidId };

    public static readonly IReadOnlyDictionary<string, OperationExample> ByOperation = new Dictionary<string, OperationExample>
    {
        ["ListModels"] = new(null, $"[ {ListedModel} ]", new Dictionary<string, string>()),
        ["GetCluster"] = new(null, Cluster, new Dictionary<string, string>()),
        ["GetModel"] = new(null, Model, ModelProblems),
        ["PutModel"] = new(Definition, Model, new Dictionary<string, string> { ["400"] = InvalidId }),
        ["DeleteModel"] = new(null, null, ModelProblems),
        ["PostEvents"] = new($$"""{ "events": [ {{Event}} ] }""", """{ "accepted": 1, "late": 0, "ignoredFeatures": 0 }""",
            new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidEvent, ["413"] = TooLarge, ["429"] = TooMany }),
        ["GetMetrics"] = new(null, Metrics, ModelProblems),
        ["GetMetricsHistory"] = new(null, MetricsHistory, new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidStep }),
        ["GetLogs"] = new(null, $"[ {Event} ]", ModelProblems),
        ["PutBaseline"] = new("""{ "rows": [ { "amount": 129.5, "country": "DE" }, { "amount": 12.0, "country": "FR" } ] }""",
            """{ "count": 2, "source": "upload", "createdAt": "2026-11-29T15:00:00+00:00" }""", ModelProblems),
        ["GetDrift"] = new(null, DriftReport, ModelProblems),
        ["GetConfig"] = new(null, ModelOpsConfig, new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidFormat }),
        // The handler reads the body itself: declared with Accepts, a PUT of another content type got 404 rather than 415.
        ["PutConfig"] = new(null, ModelOpsConfig, new Dictionary<string, string> { ["400"] = InvalidConfig, ["415"] = NotYaml }),
        ["GetRules"] = new(null, Rules, ModelProblems),
        ["PutRules"] = new(Rules, Rules, new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidRule }),
        ["GetModelAlerts"] = new(null, $"[ {Alert} ]", new Dictionary<string, string> { ["404"] = NotFound, ["400"] = InvalidState }),
        ["GetFleetAlerts"] = new(null, $"[ {Alert} ]", new Dictionary<string, string> { ["400"] = InvalidState }),
        ["AcknowledgeAlert"] = new("""{ "by": "alice", "comment": "looking into it" }""",
            Alert.Replace("\"acknowledgedBy\": null, \"acknowledgedAt\": null", "\"acknowledgedBy\": \"alice\", \"acknowledgedAt\": \"2026-11-29T15:02:00+00:00\""),
            new Dictionary<string, string> { ["404"] = AlertNotFound }),
        ["ResolveAlert"] = new("""{ "by": "alice" }""",
            Alert.Replace("\"state\": \"firing\"", "\"state\": \"resolved\"")
                .Replace("\"resolvedAt\": null, \"resolvedBy\": null", "\"resolvedAt\": \"2026-11-29T15:05:00+00:00\", \"resolvedBy\": \"alice\""),
            new Dictionary<string, string> { ["404"] = AlertNotFound }),
        ["PostInsight"] = new(null, Insight, new Dictionary<string, string> { ["404"] = AlertNotFound }),
        ["PostRetrain"] = new("""{ "reason": "weekly refresh", "requestedBy": "alice" }""", Retrain,
            new Dictionary<string, string> { ["404"] = NotFound, ["409"] = NoRetrainChannel }),
        ["GetRetrains"] = new(null, $"[ {Retrain} ]", ModelProblems),
        ["ListChannels"] = new(null, $"[ {Channel} ]", new Dictionary<string, string>()),
        ["GetChannel"] = new(null, Channel, new Dictionary<string, string> { ["404"] = ChannelNotFound }),
        ["PutChannel"] = new(ChannelRequest, Channel, new Dictionary<string, string> { ["400"] = InvalidChannel }),
        ["DeleteChannel"] = new(null, null, new Dictionary<string, string> { ["404"] = ChannelNotFound }),
        ["TestChannel"] = new(null, ChannelTestFailed, new Dictionary<string, string> { ["404"] = ChannelNotFound }),
        ["ListSilences"] = new(null, $"[ {Silence} ]", new Dictionary<string, string>()),
        ["PostSilence"] = new(SilenceRequest, Silence, new Dictionary<string, string> { ["400"] = InvalidSilence }),
        ["DeleteSilence"] = new(null, null, new Dictionary<string, string> { ["404"] = SilenceNotFound }),
    };
}
