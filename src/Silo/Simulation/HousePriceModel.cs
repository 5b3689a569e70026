using ModelOps.Contracts;

namespace ModelOps.Silo.Simulation;

/// <summary>A house-price regressor whose inputs drift (bigger houses) and whose error grows with them.</summary>
public sealed class HousePriceModel : IDemoModel
{
    private static readonly (string, double)[] Neighbourhoods = [("riverside", 30), ("old-town", 20), ("hillcrest", 25), ("harbour", 15), ("meadows", 10)];

    public string Id => "house-price-regressor";

    public ModelDefinition Definition { get; } = new()
    {
        // Above 1000 rows the default methods are distances (Wasserstein, Jensen–Shannon), which do not flag
        // every tiny difference once the window holds many thousands of events.
        Drift = new ModelDriftSettings { BaselineSize = 1_500 },
        Name = "House price regressor",
        Version = "3.0.1",
        Task = ModelTask.Regression,
        Features =
        [
            new() { Name = "sqft", Type = FeatureType.Numeric },
            new() { Name = "bedrooms", Type = FeatureType.Numeric },
            new() { Name = "bathrooms", Type = FeatureType.Numeric },
            new() { Name = "neighbourhood", Type = FeatureType.Categorical },
            new() { Name = "year_built", Type = FeatureType.Numeric },
            new() { Name = "lot_size", Type = FeatureType.Numeric },
        ],
    };

    public IReadOnlyList<AlertRule> Rules { get; } =
    [
        new() { Id = "sqft-drift", Name = "Square footage drifted", Metric = "drift:sqft", Op = ">=", Threshold = 0.1, For = Duration.FromSeconds(30), Window = Duration.FromMinutes(2), Severity = AlertSeverity.Warning, Actions = ["retrain"] },
        new() { Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 250, For = Duration.FromSeconds(30), Window = Duration.FromMinutes(1), Severity = AlertSeverity.Warning },
    ];

    public InferenceEvent Next(Random random, TimeSpan elapsed, IncidentSchedule schedule, long sequence)
    {
        var factor = schedule.SquareFootFactor(elapsed);
        var sqft = Math.Round(Sample.LogNormal(random, 1600, 0.3) * factor);
        var bedrooms = Math.Clamp((int)Math.Round(sqft / 600), 1, 7);
        var price = Hundreds(sqft * 210 + bedrooms * 8_000 + Sample.Normal(random, 0, 20_000));
        // The model was trained on smaller houses: its error grows with the drift.
        var prediction = Hundreds(price + Sample.Normal(random, 0, 15_000 * factor * factor));
        return new InferenceEvent
        {
            Id = $"house-{sequence}",
            LatencyMs = Sample.Latency(random, 60, 1),
            Prediction = prediction,
            Label = random.NextDouble() < 0.6 ? ScalarValue.Of(price) : (ScalarValue?)null,
            Error = random.NextDouble() < 0.001,
            Features = new Dictionary<string, ScalarValue>
            {
                ["sqft"] = sqft,
                ["bedrooms"] = bedrooms,
                ["bathrooms"] = Math.Clamp(bedrooms - random.Next(0, 2), 1, 5),
                ["neighbourhood"] = Sample.Pick(random, Neighbourhoods),
                ["year_built"] = random.Next(1920, 2025),
                ["lot_size"] = Sample.Sometimes(random, 0.1, Math.Round(Sample.LogNormal(random, 5000, 0.5))),
            },
        };
    }

    private static double Hundreds(double value) => Math.Round(value / 100) * 100;
}
