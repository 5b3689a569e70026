using ModelOps.Contracts;

namespace ModelOps.Silo.Simulation;

/// <summary>A card-fraud classifier: fast, mostly right, with a latency spike, an error burst and a new market in its story.</summary>
public sealed class FraudModel : IDemoModel
{
    private static readonly (string, double)[] HomeCountries = [("DE", 40), ("FR", 25), ("GB", 15), ("ES", 10), ("IT", 10)];
    private static readonly (string, double)[] NewMarketCountries = [("DE", 25), ("FR", 15), ("GB", 10), ("ES", 5), ("IT", 5), ("BR", 25), ("IN", 15)];
    private static readonly (string, double)[] Merchants = [("grocery", 35), ("travel", 10), ("electronics", 15), ("restaurants", 25), ("online", 15)];

    public string Id => "fraud-detector";

    public ModelDefinition Definition { get; } = new()
    {
        // Above 1000 rows the default methods are distances (Wasserstein, Jensen–Shannon), which do not flag
        // every tiny difference once the window holds many thousands of events.
        Drift = new ModelDriftSettings { BaselineSize = 1_500 },
        Name = "Fraud detector",
        Version = "2.3.0",
        Task = ModelTask.Classification,
        Features =
        [
            new() { Name = "amount", Type = FeatureType.Numeric },
            new() { Name = "country", Type = FeatureType.Categorical },
            new() { Name = "merchant_category", Type = FeatureType.Categorical },
            new() { Name = "hour", Type = FeatureType.Numeric },
            new() { Name = "card_age_days", Type = FeatureType.Numeric },
            new() { Name = "is_international", Type = FeatureType.Categorical },
        ],
    };

    public IReadOnlyList<AlertRule> Rules { get; } =
    [
        new() { Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 50, For = Duration.FromSeconds(10), Window = Duration.FromSeconds(30), Severity = AlertSeverity.Warning },
        new() { Id = "error-rate-high", Name = "Error rate high", Metric = "errorRate", Op = ">", Threshold = 0.05, For = Duration.FromSeconds(10), Window = Duration.FromSeconds(30), Severity = AlertSeverity.Critical },
        new() { Id = "country-drift", Name = "Country mix drifted", Metric = "drift:country", Op = ">=", Threshold = 0.1, For = Duration.FromSeconds(30), Window = Duration.FromMinutes(2), Severity = AlertSeverity.Info },
    ];

    public InferenceEvent Next(Random random, TimeSpan elapsed, IncidentSchedule schedule, long sequence)
    {
        var country = Sample.Pick(random, schedule.NewMarket(elapsed) ? NewMarketCountries : HomeCountries);
        var amount = Math.Round(Sample.LogNormal(random, 45, 0.9), 2);
        var fraud = random.NextDouble() < 0.03 + (amount > 500 ? 0.05 : 0);
        var correct = random.NextDouble() < 0.96;
        var predictedFraud = correct ? fraud : !fraud;
        return new InferenceEvent
        {
            Id = $"fraud-{sequence}",
            LatencyMs = Sample.Latency(random, 12, schedule.LatencyFactor(elapsed)),
            Prediction = predictedFraud ? "fraud" : "legit",
            Score = Math.Round(predictedFraud ? 0.5 + random.NextDouble() / 2 : random.NextDouble() / 2, 3),
            Label = random.NextDouble() < 0.8 ? ScalarValue.Of(fraud ? "fraud" : "legit") : (ScalarValue?)null,
            Error = random.NextDouble() < schedule.ErrorRate(elapsed),
            Features = new Dictionary<string, ScalarValue>
            {
                ["amount"] = amount,
                ["country"] = country,
                ["merchant_category"] = Sample.Pick(random, Merchants),
                ["hour"] = random.Next(0, 24),
                ["card_age_days"] = Sample.Sometimes(random, 0.05, random.Next(1, 3650)),
                ["is_international"] = country is "DE" ? "false" : "true",
            },
        };
    }
}
