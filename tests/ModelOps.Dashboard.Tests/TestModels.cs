using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests;

/// <summary>Models as the stream sends them, with only what a test cares about set.</summary>
internal static class TestModels
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    public static ModelView Classifier(string id = "fraud", string name = "Fraud detector", ModelStatus status = ModelStatus.Healthy,
        double? accuracy = 0.9342, long labelCount = 8000, double? p50 = 11.04, double? p99 = 58.0, double? p95 = 31.0, double throughput = 40.0, long count = 12000) =>
        new()
        {
            Id = id,
            Name = name,
            Version = "2.3.0",
            Task = ModelTask.Classification,
            Status = status,
            Metrics = new MetricsSnapshot
            {
                Window = TimeSpan.FromMinutes(5),
                Count = count,
                ThroughputPerSec = throughput,
                Accuracy = accuracy,
                LabelCount = labelCount,
                Latency = new LatencyStats(Mean: 14.2, P50: p50, P95: p95, P99: p99),
            },
            UpdatedAt = Now,
            CreatedAt = Now.AddDays(-1),
        };

    public static ModelView Regressor(string id = "eta", string name = "Delivery ETA", double? mae = 1.234, double? rmse = 2.5) =>
        Classifier(id, name) with
        {
            Task = ModelTask.Regression,
            Metrics = Classifier().Metrics with { Accuracy = null, Mae = mae, Rmse = rmse },
        };

    /// <summary>A model that has traffic but no labels yet, so its quality metrics are null.</summary>
    public static ModelView WithoutLabels(string id = "churn", string name = "Churn scorer") =>
        Classifier(id, name, ModelStatus.NoData, accuracy: null, labelCount: 0, p50: null, p99: null, p95: null, throughput: 0, count: 0);

    public static InitialStateMessage InitialState(string? activeModelId, params ModelView[] models) =>
        new(new InitialState(models, activeModelId));
}
