using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests;

/// <summary>Inference events as the log receives them, timed relative to <see cref="TestModels.Now"/>.</summary>
internal static class TestEvents
{
    /// <summary>Event number <paramref name="n"/>, <paramref name="n"/> seconds after <see cref="TestModels.Now"/>, so a higher number is newer.</summary>
    public static InferenceEvent Event(int n, double latencyMs = 12.7, string prediction = "fraud", string? label = "fraud",
        IReadOnlyDictionary<string, ScalarValue>? features = null, bool error = false) =>
        new()
        {
            Id = $"req-{n}",
            Timestamp = TestModels.Now.AddSeconds(n),
            LatencyMs = latencyMs,
            Prediction = prediction,
            Label = label is null ? null : ScalarValue.Of(label),
            Error = error,
            Features = features ?? new Dictionary<string, ScalarValue> { ["amount"] = 129.5, ["country"] = "DE" },
        };

    public static NewLogMessage Log(int n, double latencyMs = 12.7, string prediction = "fraud", string? label = "fraud") =>
        new(Event(n, latencyMs, prediction, label));
}
