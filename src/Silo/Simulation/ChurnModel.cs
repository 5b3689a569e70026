using ModelOps.Contracts;

namespace ModelOps.Silo.Simulation;

/// <summary>A customer-churn classifier whose accuracy decays (concept drift) and recovers in its story.</summary>
public sealed class ChurnModel : IDemoModel
{
    private static readonly (string, double)[] Contracts = [("month-to-month", 55), ("one-year", 25), ("two-year", 20)];
    private static readonly (string, double)[] Payments = [("card", 40), ("bank-transfer", 30), ("electronic-check", 20), ("mailed-check", 10)];

    public string Id => "churn-classifier";

    public ModelDefinition Definition { get; } = new()
    {
        // Above 1000 rows the default methods are distances (Wasserstein, Jensen–Shannon), which do not flag
        // every tiny difference once the window holds many thousands of events.
        Drift = new ModelDriftSettings { BaselineSize = 1_500 },
        Name = "Churn classifier",
        Version = "1.4.2",
        Task = ModelTask.Classification,
        Features =
        [
            new() { Name = "tenure_months", Type = FeatureType.Numeric },
            new() { Name = "monthly_charges", Type = FeatureType.Numeric },
            new() { Name = "contract", Type = FeatureType.Categorical },
            new() { Name = "support_tickets", Type = FeatureType.Numeric },
            new() { Name = "payment_method", Type = FeatureType.Categorical },
        ],
    };

    public IReadOnlyList<AlertRule> Rules { get; } =
    [
        new() { Id = "accuracy-low", Name = "Accuracy low", Metric = "accuracy", Op = "<", Threshold = 0.8, For = Duration.FromSeconds(15), Window = Duration.FromMinutes(1), Severity = AlertSeverity.Critical, Actions = ["retrain"] },
        new() { Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 250, For = Duration.FromSeconds(30), Window = Duration.FromMinutes(1), Severity = AlertSeverity.Warning },
    ];

    public InferenceEvent Next(Random random, TimeSpan elapsed, IncidentSchedule schedule, long sequence)
    {
        var contract = Sample.Pick(random, Contracts);
        var tickets = random.Next(0, 6);
        var churns = random.NextDouble() < (contract == "month-to-month" ? 0.35 : 0.08) + tickets * 0.03;
        var mistaken = random.NextDouble() < schedule.ChurnMistakeRate(elapsed);
        var predicted = mistaken ? !churns : churns;
        return new InferenceEvent
        {
            Id = $"churn-{sequence}",
            LatencyMs = Sample.Latency(random, 35, 1),
            Prediction = predicted ? "churn" : "stay",
            Score = Math.Round(predicted ? 0.5 + random.NextDouble() / 2 : random.NextDouble() / 2, 3),
            Label = random.NextDouble() < 0.7 ? ScalarValue.Of(churns ? "churn" : "stay") : (ScalarValue?)null,
            Error = random.NextDouble() < 0.001,
            Features = new Dictionary<string, ScalarValue>
            {
                ["tenure_months"] = random.Next(1, 72),
                ["monthly_charges"] = Math.Round(Sample.Normal(random, 70, 25), 2),
                ["contract"] = contract,
                ["support_tickets"] = tickets,
                ["payment_method"] = Sample.Sometimes(random, 0.08, Sample.Pick(random, Payments)),
            },
        };
    }
}
