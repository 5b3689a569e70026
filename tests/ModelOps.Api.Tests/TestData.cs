using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

public static class TestData
{
    public static ModelDefinition Classifier(string name = "Test classifier") => new()
    {
        Name = name,
        Version = "1.0.0",
        Task = ModelTask.Classification,
        Features = [new() { Name = "amount", Type = FeatureType.Numeric }, new() { Name = "country", Type = FeatureType.Categorical }],
    };

    private static int batches;

    /// <summary>
    /// <paramref name="count"/> events with latencies 1..count ms; every 4th event is unlabelled,
    /// and of the labelled ones every 3rd is wrong. Their ids are <c>{idPrefix}-1</c> …, by default with a prefix new to
    /// each call, as a model counts an id sent twice once.
    /// </summary>
    public static InferenceEvent[] Events(int count, DateTimeOffset? timestamp = null, string? idPrefix = null)
    {
        var prefix = idPrefix ?? $"b{Interlocked.Increment(ref batches)}-req";
        return Enumerable.Range(1, count).Select(i => new InferenceEvent
        {
            Id = $"{prefix}-{i}",
            Timestamp = timestamp,
            LatencyMs = i,
            Prediction = "fraud",
            Label = i % 4 == 0 ? (ScalarValue?)null : ScalarValue.Of(i % 3 == 0 ? "legit" : "fraud"),
            Error = i % 50 == 0,
            Features = new Dictionary<string, ScalarValue> { ["amount"] = i * 1.5, ["country"] = i % 2 == 0 ? "DE" : "FR" },
        }).ToArray();
    }

    /// <summary>The exact q-quantile by the nearest-rank rule: the sorted sample at index ⌈q·n⌉ − 1.</summary>
    public static double ExactQuantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length - 1e-9) - 1)];
    }

    public static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout, string awaited)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {awaited}.");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
