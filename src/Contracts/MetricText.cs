using System.Globalization;

namespace ModelOps.Contracts;

/// <summary>How alert messages and the dashboard write the value of a rule's metric, so both say the same.</summary>
public static class MetricText
{
    /// <summary>Four significant digits (whole numbers from 10 000 on), invariant culture, with the metric's unit: <c>312.5 ms</c>, <c>40/s</c>, <c>0.8</c>.</summary>
    /// <param name="metric">The metric as a rule names it: <c>latencyP95</c>, <c>accuracy</c>, <c>drift:amount</c>, …</param>
    /// <param name="value">The value to write.</param>
    public static string Format(string metric, double value)
    {
        var number = Math.Abs(value) >= 10_000
            ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
        return metric switch
        {
            "latencyMean" or "latencyP50" or "latencyP95" or "latencyP99" => number + " ms",
            "throughput" => number + "/s",
            _ => number,
        };
    }
}
