using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests;

/// <summary>History points as the server sends them, around <see cref="TestModels.Now"/>.</summary>
internal static class TestHistory
{
    /// <summary>The last three seconds to <see cref="TestModels.Now"/>: two with events around one without.</summary>
    public static IReadOnlyList<HistoryPoint> ThreeSeconds() =>
    [
        new() { Timestamp = TestModels.Now.AddSeconds(-2), Count = 40, Accuracy = 0.75, LatencyP50 = 11.0, LatencyP95 = 30.5, LatencyP99 = 58.25, ThroughputPerSec = 40.0, ErrorRate = 0.0 },
        new() { Timestamp = TestModels.Now.AddSeconds(-1) },
        new() { Timestamp = TestModels.Now, Count = 38, Accuracy = 0.5, LatencyP50 = 12.5, LatencyP95 = 31.0, LatencyP99 = 60.0, ThroughputPerSec = 38.0, ErrorRate = 0.0 },
    ];

    public static IReadOnlyList<HistoryPoint> Regression() =>
    [
        new() { Timestamp = TestModels.Now.AddSeconds(-1), Count = 10, Mae = 1.25, Rmse = 2.5, LatencyP50 = 5.0, LatencyP95 = 6.0, LatencyP99 = 7.0, ThroughputPerSec = 10.0 },
        new() { Timestamp = TestModels.Now },
    ];

    /// <summary><paramref name="minutes"/> whole minutes ending before <see cref="TestModels.Now"/>, with 60 × (index + 1) events each.</summary>
    public static MetricsHistory Minutes(DateTimeOffset from, DateTimeOffset to, int minutes) => new()
    {
        From = from,
        To = to,
        Step = HistorySteps.Minute,
        Points = [.. Enumerable.Range(0, minutes).Select(i => new HistoryPoint
        {
            Timestamp = TestModels.Now.AddMinutes(i - minutes),
            Count = 60 * (i + 1),
            Accuracy = 0.9,
            LatencyP50 = 10.0 + i,
            LatencyP95 = 20.0 + i,
            LatencyP99 = 30.0 + i,
            ThroughputPerSec = i + 1,
        })],
    };
}
