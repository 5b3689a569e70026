using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelOps.Api.Baselines;
using ModelOps.Contracts;

namespace ModelOps.Api.OpenApi;

/// <summary>An operation's example request, successful response, and problem responses by status code.</summary>
public sealed record OperationExample(JsonNode? Request, JsonNode? Response, IReadOnlyDictionary<string, JsonNode> Problems);

/// <summary>
/// The examples Swagger shows, keyed by endpoint name: contract objects serialised as the API serialises them
/// (<see cref="ModelOpsJsonContext"/>), so an example cannot say what the types do not.
/// </summary>
public static class ApiExamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    private static readonly ModelDefinition Definition = new()
    {
        Name = "Fraud detector", Version = "2.3.0", Task = ModelTask.Classification, PositiveClass = "fraud",
        Features = [new FeatureDefinition { Name = "amount", Type = FeatureType.Numeric }, new FeatureDefinition { Name = "country", Type = FeatureType.Categorical }],
    };

    private static readonly MetricsSnapshot Metrics = new()
    {
        Window = TimeSpan.FromMinutes(5), Count = 12000, ThroughputPerSec = 40, Accuracy = 0.93, LabelCount = 8000, ErrorRate = 0.001,
        Latency = new LatencyStats(14.2, 11, 31, 58),
        Precision = 0.8, Recall = 0.6667, F1 = 0.7273, RocAuc = 0.91, LogLoss = 0.31,
        Classes = new ClassificationReport
        {
            Labels = ["legit", "fraud"],
            Confusion = [[7380, 20], [40, 560]],
            PerClass = [new ClassScores("legit", 0.9946, 0.9973, 0.9959, 7400), new ClassScores("fraud", 0.9655, 0.9333, 0.9492, 600)],
            Macro = new ClassScores(null, 0.9801, 0.9653, 0.9726, 8000),
            Weighted = new ClassScores(null, 0.9924, 0.9925, 0.9924, 8000),
            PositiveClass = "fraud",
        },
        LabelJoin = new LabelJoinStats(8000, 12, 3, 4000, 12000, 5400),
    };

    private static readonly HistoryPoint Point = new()
    {
        Timestamp = Now, Count = 40, Accuracy = 0.93, LatencyP50 = 11, LatencyP95 = 30, LatencyP99 = 57, ThroughputPerSec = 40, ErrorRate = 0,
    };

    private static readonly ModelView Model = new()
    {
        Id = "fraud", Name = "Fraud detector", Version = "2.3.0", Task = ModelTask.Classification, Status = ModelStatus.Healthy,
        Features = Definition.Features, Metrics = Metrics, History = [Point], UpdatedAt = Now.AddSeconds(1), CreatedAt = Now.AddHours(-1),
    };

    private static readonly MetricsHistory History = new()
    {
        From = Now.AddHours(-1), To = Now, Step = HistorySteps.Minute,
        Points = [Point with { Timestamp = Now.AddMinutes(-3), Count = 2400, ErrorRate = 0.001 }, new HistoryPoint { Timestamp = Now.AddMinutes(-2) }],
    };

    private static readonly InferenceEvent Event = new()
    {
        Id = "req-81723", Timestamp = Now.AddMilliseconds(123), LatencyMs = 12.7, Prediction = "fraud", Score = 0.91, Label = "legit",
        Features = new Dictionary<string, ScalarValue> { ["amount"] = 129.5, ["country"] = "DE", ["age"] = ScalarValue.Missing },
    };

    private static readonly BaselineSummary Baseline = new(5000, "upload", Now.AddHours(-6));

    private static readonly DriftReport Drift = new()
    {
        ComputedAt = Now.AddSeconds(5), Window = new DriftRange(Now.AddHours(-1), Now, 5000), Baseline = Baseline, DriftShareThreshold = 0.5,
        Features =
        [
            new FeatureDriftView
            {
                Name = "country", Type = FeatureType.Categorical, Method = "jensenShannon", Threshold = 0.1, Score = 0.04, NullShare = 0.01, BaselineNullShare = 0.01,
                Scores = new Dictionary<string, double> { ["jensenShannon"] = 0.04, ["psi"] = 0.02, ["chiSquare"] = 14.2, ["chiSquarePValue"] = 0.03, ["hellinger"] = 0.03 },
                BaselineCounts = new Dictionary<string, long> { ["DE"] = 1200, ["FR"] = 900 }, CurrentCounts = new Dictionary<string, long> { ["DE"] = 1100, ["FR"] = 1010 },
            },
        ],
    };

    private static readonly AlertRuleSet Rules = new(
    [
        new AlertRule { Id = "accuracy-low", Name = "Accuracy low", Metric = "accuracy", Op = "<", Threshold = 0.8, For = Duration.FromMinutes(1), Severity = AlertSeverity.Critical, Actions = ["retrain"] },
        new AlertRule { Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 250, For = Duration.FromMinutes(1), Window = Duration.FromMinutes(1), Severity = AlertSeverity.Warning, Actions = [] },
        new AlertRule { Id = "amount-drift", Name = "Amount drifted", Metric = "drift:amount", Op = ">=", Threshold = 0.1, For = Duration.FromMinutes(5), Severity = AlertSeverity.Info, Actions = [] },
    ]);

    private static readonly AlertView Alert = new()
    {
        Id = "fraud-17", ModelId = "fraud", RuleId = "latency-p95-high", Fingerprint = "9f2c51d07a4be310", Title = "Latency p95 high",
        Message = "latencyP95 is 312.5 ms, above the threshold of 250 ms (for 1m)", Severity = AlertSeverity.Warning, State = AlertState.Firing,
        Metric = "latencyP95", Value = 312.5, Threshold = 250, Op = ">", StartedAt = Now, FiredAt = Now.AddMinutes(1),
        Deliveries =
        [
            new DeliveryView
            {
                Id = "5d1f0c2a9e8b4f7d9a3c6e1b2f4a8d07", ChannelId = "oncall", Event = "firing", Status = DeliveryStatus.Delivered, Attempts = 2, LastStatusCode = 202,
                CreatedAt = Now.AddMinutes(1), LastAttemptAt = Now.AddMinutes(1).AddSeconds(3), DeliveredAt = Now.AddMinutes(1).AddSeconds(3),
            },
        ],
    };

    private static readonly RetrainView Retrain = new()
    {
        Id = "3b9e2c71d04f", ModelId = "fraud", Reason = "weekly refresh", RequestedBy = "alice", RequestedAt = Now,
        Deliveries = [new DeliveryView { Id = "0c7e4b1f2a9d4e6b8f3a5c2d1e0b9a87", ChannelId = "ci-retrain", Event = "retrain", Status = DeliveryStatus.Pending, CreatedAt = Now, NextAttemptAt = Now }],
    };

    private static readonly ClusterView Cluster = new("redis",
    [
        new SiloView("10.0.0.5:11111", "all@node-a:11111", "all", "active", ["churn-predictor", "fraud-detector"], Now.AddHours(-1)),
        new SiloView("10.0.0.6:11111", "silo@node-b:11111", "silo", "active", ["house-prices"], Now.AddHours(-1).AddSeconds(5)),
        new SiloView("10.0.0.7:11111", "silo@node-c:11111", "silo", "dead", [], Now.AddMinutes(-110)),
    ]);

    private static readonly NotificationChannel ChannelRequest = new()
    {
        Type = ChannelTypes.PagerDuty, RoutingKey = "R0ABCDEF1234567890ABCDEF12345678", MinSeverity = AlertSeverity.Critical, Models = ["*"],
    };

    private static readonly NotificationChannel Channel = ChannelRequest with
    {
        Id = "oncall", Url = "https://events.pagerduty.com/v2/enqueue", RoutingKey = "••••5678", RepeatInterval = Duration.Parse("4h"),
    };

    private static readonly Silence SilenceRequest = new()
    {
        Matchers = new SilenceMatchers("fraud", "latency-p95-high"), EndsAt = Now.AddHours(3), CreatedBy = "alice", Comment = "planned database failover",
    };

    private static readonly Silence Silence = SilenceRequest with { Id = "a41c09e7b2d5", StartsAt = Now };

    private static readonly AlertInsight Insight = new()
    {
        AlertId = "fraud-17", Provider = "builtin",
        Summary = "latencyP95 > 250 ms on model fraud (value 312.5 ms): most likely infrastructure: latency rose while the inputs did not drift (high confidence).",
        LikelyCauses = [new InsightCause { Cause = "Infrastructure: latency rose while the inputs did not drift", Confidence = "high", Evidence = ["E1", "E3"] }],
        Recommendations =
        [
            "Check the serving infrastructure: instance health, CPU and memory saturation, dependency latency and recent deployments or configuration changes.",
            "Look at the failing or slow requests in the inference log (GET /api/v1/models/fraud/logs).",
        ],
        Evidence =
        [
            new InsightEvidence { Id = "E1", Kind = "rule", Text = "Rule \"latency-p95-high\" (\"Latency p95 high\", warning): latencyP95 > 250 ms over 1m, for 1m." },
            new InsightEvidence { Id = "E3", Kind = "drift", Text = "0 of 2 features drifted against a baseline of 5000 rows (upload)." },
        ],
        GeneratedAt = Now.AddMinutes(2),
    };

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

    private static readonly ApiKeyRequest KeyRequest = new() { Name = "fraud-producer", Role = ApiRole.Producer, Models = ["fraud-*"], ExpiresAt = Now.AddDays(90) };

    private static readonly CreatedApiKey CreatedKey = new()
    {
        Id = "3f9c2a71b0de", Key = "mov_Qm9vc3RlZC1leGFtcGxlLWtleS1ub3QtYS1yZWFsLW9uZQ", Name = "fraud-producer", Role = ApiRole.Producer,
        Models = ["fraud-*"], ExpiresAt = Now.AddDays(90), CreatedAt = Now,
    };

    private static readonly ApiKeyView KeyView = new()
    {
        Id = CreatedKey.Id, Name = CreatedKey.Name, Role = CreatedKey.Role, Models = CreatedKey.Models, ExpiresAt = CreatedKey.ExpiresAt,
        CreatedAt = CreatedKey.CreatedAt, Prefix = CreatedKey.Key[..8],
    };

    private static readonly SessionView Session = new() { Name = "fraud-producer", Role = ApiRole.Producer, Models = ["fraud-*"], Anonymous = false };

    private static JsonNode Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToNode(value, type)!;

    /// <summary>A problem as ASP.NET Core writes it: null members left out.</summary>
    private static JsonNode Problem(int status, string title, string detail, string? field = null)
    {
        var node = Json(new ApiProblem
        {
            // RFC 9110 numbers its 4xx sections after the status; 429 is RFC 6585's.
            Type = status == 429 ? "https://tools.ietf.org/html/rfc6585#section-4" : $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
            Title = title, Status = status, Detail = field is null ? detail : $"{field}: {detail}",
            Errors = field is null ? null : new Dictionary<string, string[]> { [field] = [detail] },
        }, ModelOpsJsonContext.Default.ApiProblem).AsObject();
        foreach (var empty in node.Where(member => member.Value is null).Select(member => member.Key).ToList())
        {
            node.Remove(empty);
        }
        return node;
    }

    private static readonly JsonNode NotFound = Problem(404, "Model not found",
        "Model 'fraud' does not exist. Create it with PUT /api/v1/models/fraud and a body such as {\"name\": \"My model\", \"version\": \"1.0\", \"task\": \"classification\"}.");
    private static readonly JsonNode InvalidId = Problem(400, "Invalid request", "'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.'", "id");
    private static readonly JsonNode AlertNotFound = Problem(404, "Alert not found", "No alert 'fraud-99'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{id}/alerts.");
    private static readonly JsonNode ChannelNotFound = Problem(404, "Channel not found", "No channel 'oncall'. Create it with PUT /api/v1/channels/oncall.");
    private static readonly JsonNode InvalidState = Problem(400, "Invalid request", "'open' is not an alert state: expected pending, firing or resolved", "state");

    private static readonly JsonNode AiLimited = Problem(429, "Too many requests",
        "This API key (or, without one, this client address) asked the AI assistant more than 10 times a minute (ModelOps:AI:RequestsPerKeyPerMinute); nothing was asked. Retry after the Retry-After delay.");

    private static readonly Dictionary<string, JsonNode> ModelProblems = new() { ["404"] = NotFound, ["400"] = InvalidId };

    public static readonly IReadOnlyDictionary<string, OperationExample> ByOperation = new Dictionary<string, OperationExample>
    {
        ["ListModels"] = new(null, Json<IReadOnlyList<ModelView>>([Model with { History = [] }], ModelOpsJsonContext.Default.IReadOnlyListModelView), new Dictionary<string, JsonNode>()),
        ["GetModel"] = new(null, Json(Model, ModelOpsJsonContext.Default.ModelView), ModelProblems),
        ["PutModel"] = new(Json(Definition, ModelOpsJsonContext.Default.ModelDefinition), Json(Model, ModelOpsJsonContext.Default.ModelView), new Dictionary<string, JsonNode> { ["400"] = InvalidId }),
        ["DeleteModel"] = new(null, null, ModelProblems),
        ["PostEvents"] = new(Json(new EventBatch { Events = [Event] }, ModelOpsJsonContext.Default.EventBatch), Json(new IngestResult(1, 0), ModelOpsJsonContext.Default.IngestResult),
            new Dictionary<string, JsonNode>
            {
                ["404"] = NotFound, ["400"] = Problem(400, "Invalid request", "expected a number", "events[7].latencyMs"),
                ["413"] = Problem(413, "Request too large", "The batch holds 12000 events; at most 10000 are accepted per request. Split it into smaller batches."),
                ["429"] = Problem(429, "Too many requests", "The server is at its ingest capacity and did not accept this batch; nothing of it was applied. Retry after the Retry-After delay."),
            }),
        ["PostLabels"] = new(
            Json(new LabelBatch { Labels = [new DelayedLabel { Id = "req-81723", Label = "fraud", Timestamp = Now.AddHours(20) }] }, ModelOpsJsonContext.Default.LabelBatch),
            Json(new LabelResult(1, 0, 0), ModelOpsJsonContext.Default.LabelResult),
            new Dictionary<string, JsonNode>
            {
                ["404"] = NotFound, ["400"] = Problem(400, "Invalid request", "required, 1–256 characters: the id of the event this label is for", "labels[3].id"),
                ["413"] = Problem(413, "Request too large", "The batch holds 12000 labels; at most 10000 are accepted per request. Split it into smaller batches."),
                ["429"] = Problem(429, "Too many requests", "The server is at its ingest capacity and did not accept this batch; nothing of it was applied. Retry after the Retry-After delay."),
            }),
        ["GetMetrics"] = new(null, Json(Metrics, ModelOpsJsonContext.Default.MetricsSnapshot), ModelProblems),
        ["GetMetricsHistory"] = new(null, Json(History, ModelOpsJsonContext.Default.MetricsHistory),
            new Dictionary<string, JsonNode> { ["404"] = NotFound, ["400"] = Problem(400, "Invalid request", HistorySteps.Rule, "step") }),
        ["GetLogs"] = new(null, Json<IReadOnlyList<InferenceEvent>>([Event], ModelOpsJsonContext.Default.IReadOnlyListInferenceEvent), ModelProblems),
        ["PutBaseline"] = new(
            Json(new BaselineBody { Rows = [new() { ["amount"] = 129.5, ["country"] = "DE" }, new() { ["amount"] = 12.0, ["country"] = "FR" }] }, BaselineJsonContext.Default.BaselineBody),
            Json(Baseline with { Count = 2 }, ModelOpsJsonContext.Default.BaselineSummary), ModelProblems),
        ["GetDrift"] = new(null, Json(Drift, ModelOpsJsonContext.Default.DriftReport), ModelProblems),
        ["GetConfig"] = new(null, JsonValue.Create(ModelOpsConfig),
            new Dictionary<string, JsonNode> { ["404"] = NotFound, ["400"] = Problem(400, "Invalid request", "expected modelops, evidently, mlflow; got 'json'", "format"), ["429"] = AiLimited }),
        ["PutConfig"] = new(JsonValue.Create(ModelOpsConfig), JsonValue.Create(ModelOpsConfig), new Dictionary<string, JsonNode>
        {
            ["400"] = Problem(400, "Invalid configuration", "line 33, column 14: expected a number, got 'high'", "rules[0].threshold"),
            ["415"] = Problem(415, "Unsupported media type", "Send the modelops document as application/yaml or text/yaml; got 'application/json'."),
        }),
        ["GetRules"] = new(null, Json(Rules, ModelOpsJsonContext.Default.AlertRuleSet), ModelProblems),
        ["PutRules"] = new(Json(Rules, ModelOpsJsonContext.Default.AlertRuleSet), Json(Rules, ModelOpsJsonContext.Default.AlertRuleSet),
            new Dictionary<string, JsonNode> { ["404"] = NotFound, ["400"] = Problem(400, "Invalid request", "expected one of <, <=, >, >=", "rules[1].op") }),
        ["GetModelAlerts"] = new(null, Json<IReadOnlyList<AlertView>>([Alert], ModelOpsJsonContext.Default.IReadOnlyListAlertView), new Dictionary<string, JsonNode> { ["404"] = NotFound, ["400"] = InvalidState }),
        ["GetFleetAlerts"] = new(null, Json<IReadOnlyList<AlertView>>([Alert], ModelOpsJsonContext.Default.IReadOnlyListAlertView), new Dictionary<string, JsonNode> { ["400"] = InvalidState }),
        ["AcknowledgeAlert"] = new(Json(new AlertActionRequest("alice", "looking into it"), ModelOpsJsonContext.Default.AlertActionRequest),
            Json(Alert with { AcknowledgedBy = "alice", AcknowledgedAt = Now.AddMinutes(2) }, ModelOpsJsonContext.Default.AlertView), new Dictionary<string, JsonNode> { ["404"] = AlertNotFound }),
        ["ResolveAlert"] = new(Json(new AlertActionRequest("alice"), ModelOpsJsonContext.Default.AlertActionRequest),
            Json(Alert with { State = AlertState.Resolved, ResolvedAt = Now.AddMinutes(5), ResolvedBy = "alice" }, ModelOpsJsonContext.Default.AlertView), new Dictionary<string, JsonNode> { ["404"] = AlertNotFound }),
        ["PostInsight"] = new(null, Json(Insight, ModelOpsJsonContext.Default.AlertInsight), new Dictionary<string, JsonNode> { ["404"] = AlertNotFound, ["429"] = AiLimited }),
        ["PostRetrain"] = new(Json(new RetrainRequest("weekly refresh", "alice"), ModelOpsJsonContext.Default.RetrainRequest), Json(Retrain, ModelOpsJsonContext.Default.RetrainView),
            new Dictionary<string, JsonNode> { ["404"] = NotFound, ["409"] = Problem(409, "Conflict", "No retrain channel covers model 'fraud'. Add one with PUT /api/v1/channels/{id}.") }),
        ["GetRetrains"] = new(null, Json<IReadOnlyList<RetrainView>>([Retrain], ModelOpsJsonContext.Default.IReadOnlyListRetrainView), ModelProblems),
        ["ListChannels"] = new(null, Json<IReadOnlyList<NotificationChannel>>([Channel], ModelOpsJsonContext.Default.IReadOnlyListNotificationChannel), new Dictionary<string, JsonNode>()),
        ["GetChannel"] = new(null, Json(Channel, ModelOpsJsonContext.Default.NotificationChannel), new Dictionary<string, JsonNode> { ["404"] = ChannelNotFound }),
        ["PutChannel"] = new(Json(ChannelRequest, ModelOpsJsonContext.Default.NotificationChannel), Json(Channel, ModelOpsJsonContext.Default.NotificationChannel),
            new Dictionary<string, JsonNode> { ["400"] = Problem(400, "Invalid request", "169.254.169.254 is a cloud metadata address; notifications are never sent there", "url") }),
        ["DeleteChannel"] = new(null, null, new Dictionary<string, JsonNode> { ["404"] = ChannelNotFound }),
        ["TestChannel"] = new(null, Json(new ChannelTestResult(false, 404, "HTTP 404: no_service"), ModelOpsJsonContext.Default.ChannelTestResult), new Dictionary<string, JsonNode> { ["404"] = ChannelNotFound }),
        ["CreateKey"] = new(Json(KeyRequest, ModelOpsJsonContext.Default.ApiKeyRequest), Json(CreatedKey, ModelOpsJsonContext.Default.CreatedApiKey),
            new Dictionary<string, JsonNode> { ["400"] = Problem(400, "Invalid request", "'a b' is not a model id or a prefix ending in '*'", "models[1]") }),
        ["ListKeys"] = new(null, Json<IReadOnlyList<ApiKeyView>>([KeyView], ModelOpsJsonContext.Default.IReadOnlyListApiKeyView), new Dictionary<string, JsonNode>()),
        ["RevokeKey"] = new(null, null, new Dictionary<string, JsonNode> { ["404"] = Problem(404, "Key not found", "No API key '3f9c2a71b0de'. List them with GET /api/v1/keys.") }),
        ["GetSession"] = new(null, Json(Session, ModelOpsJsonContext.Default.SessionView), new Dictionary<string, JsonNode>()),
        ["SignIn"] = new(Json(new SessionRequest { Key = CreatedKey.Key }, ModelOpsJsonContext.Default.SessionRequest), Json(Session, ModelOpsJsonContext.Default.SessionView),
            new Dictionary<string, JsonNode> { ["400"] = Problem(400, "Invalid request", "required: the API key (mov_…) to sign in with", "key") }),
        ["SignOut"] = new(null, null, new Dictionary<string, JsonNode>()),
        ["ListSilences"] = new(null, Json<IReadOnlyList<Silence>>([Silence], ModelOpsJsonContext.Default.IReadOnlyListSilence), new Dictionary<string, JsonNode>()),
        ["PostSilence"] = new(Json(SilenceRequest, ModelOpsJsonContext.Default.Silence), Json(Silence, ModelOpsJsonContext.Default.Silence),
            new Dictionary<string, JsonNode> { ["400"] = Problem(400, "Invalid request", "required: when the silence ends, e.g. 2026-11-29T18:00:00Z", "endsAt") }),
        ["GetCluster"] = new(null, Json(Cluster, ModelOpsJsonContext.Default.ClusterView), new Dictionary<string, JsonNode>()),
        ["GetAudit"] = new(null, Json<IReadOnlyList<AuditEntry>>(
            [
                new(42, Now.AddMinutes(3), "alice-laptop", "k_3f2a9c0d", "10.0.4.17", "PutRules", "PUT", "/api/v1/models/fraud/rules", "fraud", 200),
                new(41, Now.AddMinutes(2), "loopback", null, "127.0.0.1", "AcknowledgeAlert", "POST", "/api/v1/alerts/fraud-7/ack", "fraud", 200),
            ], ModelOpsJsonContext.Default.IReadOnlyListAuditEntry),
            new Dictionary<string, JsonNode> { ["400"] = Problem(400, "Invalid request", "expected 1 to 1000, got 0", "limit") }),
        ["DeleteSilence"] = new(null, null, new Dictionary<string, JsonNode> { ["404"] = Problem(404, "Silence not found", "No silence 'a41c09e7b2d5'. List them with GET /api/v1/silences?includeExpired=true.") }),
    };
}
