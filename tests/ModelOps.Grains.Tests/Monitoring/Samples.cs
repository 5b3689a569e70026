namespace ModelOps.Grains.Tests.Monitoring;

/// <summary>Reproducible samples of the shapes latencies take, and the exact quantile a sketch is held to.</summary>
internal static class Samples
{
    public const string LogNormal = "log-normal latencies";
    public const string Uniform = "uniform";
    public const string Bimodal = "bimodal mix";
    public const string WithZeros = "a fifth of zeros";

    public static double[] Draw(string distribution, int count, int seed = 20_261_129)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = distribution switch
            {
                LogNormal => LogNormalValue(random),
                Uniform => 1 + random.NextDouble() * 999,
                Bimodal => random.NextDouble() < 0.7
                    ? Math.Max(0.5, 15 + 2 * Normal(random))
                    : Math.Max(0.5, 250 + 30 * Normal(random)),
                WithZeros => random.NextDouble() < 0.2 ? 0 : LogNormalValue(random),
                _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown distribution"),
            };
        }
        return values;
    }

    /// <summary>The exact q-quantile by the nearest-rank rule: the sorted sample at index ⌈q·n⌉ − 1.</summary>
    public static double ExactQuantile(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length - 1e-9) - 1)];

    private static double LogNormalValue(Random random) => Math.Exp(Math.Log(20) + 0.8 * Normal(random));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
