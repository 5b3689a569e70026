using ModelOps.Contracts;

namespace ModelOps.Bench;

/// <summary>
/// Plausible classification traffic from a fixed seed: log-normal latencies around 20 ms, 85% correct labels,
/// 1% errors, and features of which three in ten are categorical. The benchmarks and the load generator
/// both draw from here, so the micro and end-to-end figures describe the same events.
/// </summary>
public sealed class SyntheticEvents(int featureCount, int seed = 42)
{
    private static readonly string[] Classes = ["cat", "dog", "bird"];
    private static readonly string[] Categories = ["red", "green", "blue", "amber", "violet"];

    private readonly Random random = new(seed);
    private readonly IReadOnlyList<FeatureDefinition> features = Definitions(featureCount);
    private long sequence;

    /// <summary>The features every event carries: <c>num0…</c> numeric, then <c>cat0…</c> categorical.</summary>
    public static IReadOnlyList<FeatureDefinition> Definitions(int featureCount)
    {
        var categorical = featureCount * 3 / 10;
        var numeric = featureCount - categorical;
        return
        [
            .. Enumerable.Range(0, numeric).Select(i => new FeatureDefinition { Name = $"num{i}", Type = FeatureType.Numeric }),
            .. Enumerable.Range(0, categorical).Select(i => new FeatureDefinition { Name = $"cat{i}", Type = FeatureType.Categorical }),
        ];
    }

    public InferenceEvent[] Batch(int size) => Enumerable.Range(0, size).Select(_ => Next()).ToArray();

    /// <summary>An event without a timestamp, so the server stamps it with its arrival second.</summary>
    public InferenceEvent Next()
    {
        var prediction = Classes[random.Next(Classes.Length)];
        var label = random.NextDouble() < 0.85 ? prediction : Classes[random.Next(Classes.Length)];
        var values = new Dictionary<string, ScalarValue>(features.Count, StringComparer.Ordinal);
        foreach (var feature in features)
        {
            values[feature.Name] = feature.Type == FeatureType.Numeric
                ? Math.Round(Gaussian() * 10 + 50, 3)
                : Categories[random.Next(Categories.Length)];
        }
        return new InferenceEvent
        {
            Id = $"req-{seed}-{sequence++}",
            LatencyMs = Math.Round(Math.Exp(3 + 0.5 * Gaussian()), 2),
            Prediction = prediction,
            Score = Math.Round(random.NextDouble(), 4),
            Label = label,
            Error = random.NextDouble() < 0.01,
            Features = values,
        };
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
