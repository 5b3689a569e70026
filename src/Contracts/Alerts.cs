using System.Text.Json.Serialization;

namespace ModelOps.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("firing")] Firing,
    [JsonStringEnumMemberName("resolved")] Resolved,
}

/// <summary>
/// One alert rule of a model: the alert is pending while <c>metric</c> <c>op</c>
/// <c>threshold</c> holds, fires once it has held for <c>for</c>, and resolves once it has been
/// false for <c>for</c> again.
/// </summary>
public sealed record AlertRule
{
    /// <summary>Stable id within the model: letters, digits, '-', '_' and '.'.</summary>
    public string? Id { get; init; }

    /// <summary>A title for people; defaults to the id.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// <c>accuracy</c>, <c>errorRate</c>, <c>latencyMean</c>, <c>latencyP50</c>, <c>latencyP95</c>, <c>latencyP99</c>,
    /// <c>throughput</c>, <c>mae</c>, <c>rmse</c>, <c>driftShare</c>, <c>drift:&lt;feature&gt;</c>, <c>nullShare:&lt;feature&gt;</c>.
    /// </summary>
    public string? Metric { get; init; }

    /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
    public string? Op { get; init; }

    public double? Threshold { get; init; }

    /// <summary>How long the condition must hold before firing, and be false before resolving; default 0s.</summary>
    public Duration? For { get; init; }

    /// <summary>The window the metric is computed over; default the model's window (the drift window for drift metrics). Rules may use a shorter one.</summary>
    public Duration? Window { get; init; }

    public AlertSeverity? Severity { get; init; }

    /// <summary>What else to do when the alert fires: <c>retrain</c> notifies the model's retrain channels.</summary>
    public IReadOnlyList<string>? Actions { get; init; }
}

/// <summary>A model's whole rule set, replaced atomically by <c>PUT /api/v1/models/{id}/rules</c>.</summary>
public sealed record AlertRuleSet(IReadOnlyList<AlertRule> Rules);

/// <summary>An alert raised by a model's rule; sent as <c>new-alert</c> on every state change.</summary>
public sealed record AlertView
{
    public required string Id { get; init; }
    public required string ModelId { get; init; }
    public required string RuleId { get; init; }

    /// <summary>Stable per (model, rule): the dedup key of every notification of this rule's alerts.</summary>
    public string Fingerprint { get; init; } = "";

    public required string Title { get; init; }
    public required string Message { get; init; }
    public AlertSeverity Severity { get; init; }
    public AlertState State { get; init; }
    public required string Metric { get; init; }

    /// <summary>The metric's latest value while the alert is open; its last value when it resolved.</summary>
    public double? Value { get; init; }

    public double Threshold { get; init; }

    /// <summary>The comparison that breaks the rule, e.g. <c>&lt;</c>.</summary>
    public string Op { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FiredAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Who resolved it by hand, when it was not the rule.</summary>
    public string? ResolvedBy { get; init; }

    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>True when a silence matched when it fired: the alert shows but notifies nobody.</summary>
    public bool Silenced { get; init; }

    /// <summary>Every notification of this alert and how its delivery went.</summary>
    public IReadOnlyList<DeliveryView> Deliveries { get; init; } = [];
}

/// <summary>The state of one notification to one channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Written to the outbox, not yet confirmed by the channel; retried until it is or attempts run out.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("delivered")] Delivered,
    /// <summary>The channel refused it (4xx other than 429), or every attempt failed, or the channel is gone.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>One notification (a trigger, resolve, repeat or retrain) to one channel.</summary>
public sealed record DeliveryView
{
    public required string Id { get; init; }
    public required string ChannelId { get; init; }

    /// <summary><c>firing</c>, <c>resolved</c>, <c>repeat</c> or <c>retrain</c>.</summary>
    public required string Event { get; init; }

    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }

    /// <summary>The HTTP status of the last attempt, null when it got no response.</summary>
    public int? LastStatusCode { get; init; }

    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
}

/// <summary>Body of <c>POST /api/v1/alerts/{id}/ack</c> and <c>/resolve</c>; both fields optional.</summary>
public sealed record AlertActionRequest(string? By = null, string? Comment = null);

/// <summary>Channel types.</summary>
public static class ChannelTypes
{
    public const string Slack = "slack";
    public const string PagerDuty = "pagerduty";
    public const string Webhook = "webhook";
    public const string Retrain = "retrain";

    public static readonly IReadOnlyList<string> All = [Slack, PagerDuty, Webhook, Retrain];
}

/// <summary>
/// A notification channel (<c>PUT /api/v1/channels/{id}</c>). GET returns <c>routingKey</c> and
/// <c>secret</c> masked; a PUT that sends the masked text back keeps the stored value.
/// </summary>
public sealed record NotificationChannel
{
    /// <summary>Taken from the path; ignored in a PUT body.</summary>
    public string? Id { get; init; }

    /// <summary><c>slack</c>, <c>pagerduty</c>, <c>webhook</c> or <c>retrain</c>.</summary>
    public string? Type { get; init; }

    /// <summary>http(s) endpoint; for PagerDuty defaults to the Events API v2 enqueue URL. A Slack URL is masked on read (it carries its token).</summary>
    public string? Url { get; init; }

    /// <summary>PagerDuty integration (routing) key; required for <c>pagerduty</c>. Masked on read; sent back masked it keeps the stored key only while url and type are unchanged.</summary>
    public string? RoutingKey { get; init; }

    /// <summary>Webhook/retrain: when set, every attempt is signed in <c>X-ModelOps-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of t.body&gt;</c>. Masked on read; sent back masked it keeps the stored secret only while url and type are unchanged.</summary>
    public string? Secret { get; init; }

    /// <summary>Alerts below this severity are not sent here; default <c>info</c> (everything).</summary>
    public AlertSeverity? MinSeverity { get; init; }

    /// <summary>Model ids whose alerts go here, or <c>"*"</c> for every model (the default).</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>How often an unacknowledged firing alert is sent again; default 4h.</summary>
    public Duration? RepeatInterval { get; init; }
}

/// <summary>What a silence matches; an absent matcher matches everything.</summary>
public sealed record SilenceMatchers(string? ModelId = null, string? RuleId = null, AlertSeverity? Severity = null);

/// <summary>A silence (<c>POST /api/v1/silences</c>): matching alerts still fire and show, but notify nobody until <c>endsAt</c>.</summary>
public sealed record Silence
{
    /// <summary>Assigned by the server.</summary>
    public string? Id { get; init; }

    public SilenceMatchers? Matchers { get; init; }

    /// <summary>Default: now.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }
    public string? CreatedBy { get; init; }
    public string? Comment { get; init; }
}

/// <summary>Body of <c>POST /api/v1/models/{id}/retrain</c>; optional.</summary>
public sealed record RetrainRequest(string? Reason = null, string? RequestedBy = null);

/// <summary>A retraining request and its deliveries to the model's retrain channels.</summary>
public sealed record RetrainView
{
    public required string Id { get; init; }
    public required string ModelId { get; init; }

    /// <summary>The alert whose rule asked for retraining; null for a request made by hand.</summary>
    public string? AlertId { get; init; }

    public string? Reason { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public IReadOnlyList<DeliveryView> Deliveries { get; init; } = [];
}

/// <summary>
/// What a <c>retrain</c> channel receives: the model, the alert that asked for retraining (null when requested by
/// hand), and the drift evidence at the time.
/// </summary>
public sealed record RetrainNotification
{
    public required string RequestId { get; init; }
    public required string ModelId { get; init; }
    public required string ModelName { get; init; }
    public required string ModelVersion { get; init; }
    public ModelTask Task { get; init; }
    public MetricsSnapshot? Metrics { get; init; }
    public AlertView? Alert { get; init; }
    public DriftSummary? Drift { get; init; }

    /// <summary>Every feature of the latest drift report with its method, score and verdict, drifted first.</summary>
    public IReadOnlyList<RetrainDriftFeature> DriftFeatures { get; init; } = [];

    public string? Reason { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
}

/// <summary>One feature's drift verdict in a <see cref="RetrainNotification"/>.</summary>
public sealed record RetrainDriftFeature(string Name, string? Method, double? Score, double? Threshold, bool Drifted);

/// <summary>
/// The answer of <c>POST /api/v1/channels/{id}/test</c>: one test message, one attempt, no retries.
/// </summary>
/// <param name="Delivered">True when the channel answered 2xx.</param>
/// <param name="Status">The channel's HTTP status; null when it gave no answer (refused address, connection error, timeout).</param>
/// <param name="Error">Why it was not delivered, for people; null when it was.</param>
public sealed record ChannelTestResult(bool Delivered, int? Status, string? Error);
