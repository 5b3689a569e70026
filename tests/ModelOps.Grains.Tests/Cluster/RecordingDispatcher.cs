using System.Collections.Concurrent;
using ModelOps.Grains.Alerting;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>
/// The test cluster's dispatcher: it records what the grains hand over instead of sending it, so grain tests can
/// check the outbox and report attempts back themselves. Real delivery is tested in the API tests.
/// </summary>
public sealed class RecordingDispatcher : INotificationDispatcher
{
    /// <summary>Every item submitted by any silo of the test cluster, in order.</summary>
    public static ConcurrentQueue<OutboxItem> Submitted { get; } = new();

    public void Submit(OutboxItem item) => Submitted.Enqueue(item);

    public static IReadOnlyList<OutboxItem> For(string modelId) => Submitted.Where(item => item.ModelId == modelId).ToArray();
}
