namespace ModelOps.Silo.Simulation;

/// <summary>
/// The demo's repeating story, as fractions of the cycle (6 minutes by default): each model has a normal
/// stretch and an incident, so every panel of the dashboard has something to show.
/// </summary>
public sealed class IncidentSchedule(TimeSpan cycle)
{
    /// <summary>Fraud model: latency ×4 (a slow dependency) from 15% to 28% of the cycle.</summary>
    public double LatencyFactor(TimeSpan elapsed) => Phase(elapsed) is >= 0.15 and < 0.28 ? 4.0 : 1.0;

    /// <summary>Fraud model: 15% of calls fail from 60% to 66% of the cycle.</summary>
    public double ErrorRate(TimeSpan elapsed) => Phase(elapsed) is >= 0.60 and < 0.66 ? 0.15 : 0.002;

    /// <summary>Churn model: the share of wrong predictions climbs from 10% to 45% between 30% and 60% of the cycle (concept drift), then recovers.</summary>
    public double ChurnMistakeRate(TimeSpan elapsed)
    {
        var phase = Phase(elapsed);
        return phase is >= 0.30 and < 0.60 ? 0.10 + (phase - 0.30) / 0.30 * 0.35 : 0.10;
    }

    /// <summary>House model: square footage drifts up gradually, by up to 40%, between 10% and 50% of the cycle.</summary>
    public double SquareFootFactor(TimeSpan elapsed)
    {
        var phase = Phase(elapsed);
        return phase switch
        {
            >= 0.10 and < 0.50 => 1.0 + (phase - 0.10) / 0.40 * 0.40,
            >= 0.50 and < 0.70 => 1.40,
            _ => 1.0,
        };
    }

    /// <summary>Fraud model: a sudden shift of the country mix (a new market) from 25% to 75% of the cycle.</summary>
    public bool NewMarket(TimeSpan elapsed) => Phase(elapsed) is >= 0.25 and < 0.75;

    private double Phase(TimeSpan elapsed) => elapsed.Ticks % cycle.Ticks / (double)cycle.Ticks;
}
