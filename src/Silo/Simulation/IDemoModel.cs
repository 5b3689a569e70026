using ModelOps.Contracts;

namespace ModelOps.Silo.Simulation;

/// <summary>A simulated model: its definition and a generator of plausible traffic.</summary>
public interface IDemoModel
{
    string Id { get; }

    ModelDefinition Definition { get; }

    /// <summary>Alert rules tuned to the model's incidents, with short windows so alerts fire and resolve within the demo's cycle.</summary>
    IReadOnlyList<AlertRule> Rules { get; }

    InferenceEvent Next(Random random, TimeSpan elapsed, IncidentSchedule schedule, long sequence);
}

/// <summary>Sampling helpers shared by the demo models.</summary>
internal static class Sample
{
    public static double Normal(Random random, double mean, double sd) =>
        mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static double LogNormal(Random random, double median, double sigma) => median * Math.Exp(Normal(random, 0, sigma));

    public static T Pick<T>(Random random, IReadOnlyList<(T Value, double Weight)> choices)
    {
        var roll = random.NextDouble() * choices.Sum(choice => choice.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll <= 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    /// <summary>Null with the given probability: producers send missing values too.</summary>
    public static ScalarValue Sometimes(Random random, double missingShare, ScalarValue value) =>
        random.NextDouble() < missingShare ? ScalarValue.Missing : value;

    public static double Latency(Random random, double medianMs, double factor) => Math.Round(LogNormal(random, medianMs, 0.35) * factor, 2);
}
