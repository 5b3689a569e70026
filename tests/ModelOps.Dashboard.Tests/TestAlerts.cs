using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests;

/// <summary>Alerts as the API sends them, relative to <see cref="TestModels.Now"/>.</summary>
internal static class TestAlerts
{
    /// <summary>The fraud model's p95 latency alert, firing for two minutes.</summary>
    public static AlertView Firing(string id = "fraud-1", string modelId = "fraud", AlertSeverity severity = AlertSeverity.Warning,
        string title = "Latency p95 high", TimeSpan? startedAgo = null) =>
        new()
        {
            Id = id,
            ModelId = modelId,
            RuleId = "latency-p95-high",
            Fingerprint = "3f1c0a7d9b2e4c61",
            Title = title,
            Message = "latencyP95 is 412.3 ms, above the threshold of 250 ms (for 1m)",
            Severity = severity,
            State = AlertState.Firing,
            Metric = "latencyP95",
            Value = 412.3,
            Threshold = 250,
            Op = ">",
            StartedAt = TestModels.Now - (startedAgo ?? TimeSpan.FromMinutes(3)),
            FiredAt = TestModels.Now - (startedAgo ?? TimeSpan.FromMinutes(3)) + TimeSpan.FromMinutes(1),
        };

    public static AlertView Pending(string id = "churn-4", string modelId = "churn", AlertSeverity severity = AlertSeverity.Critical,
        string title = "Accuracy low", TimeSpan? startedAgo = null) =>
        Firing(id, modelId, severity, title, startedAgo ?? TimeSpan.FromSeconds(30)) with
        {
            RuleId = "accuracy-low",
            Metric = "accuracy",
            Op = "<",
            Threshold = 0.8,
            Value = 0.7412,
            Message = "accuracy is 0.7412, below the threshold of 0.8 (for 1m)",
            State = AlertState.Pending,
            FiredAt = null,
        };

    public static AlertView Resolved(string id = "fraud-0", string modelId = "fraud", string title = "Error rate high", TimeSpan? resolvedAgo = null) =>
        Firing(id, modelId, AlertSeverity.Critical, title, (resolvedAgo ?? TimeSpan.FromMinutes(10)) + TimeSpan.FromMinutes(5)) with
        {
            RuleId = "error-rate-high",
            Metric = "errorRate",
            Threshold = 0.05,
            Value = 0.01,
            Message = "errorRate is back at 0.01 (threshold > 0.05)",
            State = AlertState.Resolved,
            ResolvedAt = TestModels.Now - (resolvedAgo ?? TimeSpan.FromMinutes(10)),
        };

    public static AlertView Acknowledged(AlertView alert, string by = "dashboard", TimeSpan? ago = null) =>
        alert with { AcknowledgedBy = by, AcknowledgedAt = TestModels.Now - (ago ?? TimeSpan.Zero) };
}
