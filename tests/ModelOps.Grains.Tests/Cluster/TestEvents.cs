using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Concurrency;

namespace ModelOps.Grains.Tests.Cluster;

internal static class TestEvents
{
    /// <summary>Events <c>{prefix}-0</c> … <c>{prefix}-{count−1}</c>, without timestamps, so they belong to their arrival second.</summary>
    public static InferenceEvent[] Numbered(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InferenceEvent { Id = $"{prefix}-{i}", LatencyMs = 10 + i, Prediction = "yes" })];

    public static Task<IngestResult> IngestBatch(this IModelGrain model, IReadOnlyList<InferenceEvent> events) =>
        model.Ingest(new Immutable<IReadOnlyList<InferenceEvent>>(events));
}
