using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>
/// One batch sent with an <c>Idempotency-Key</c>: the key and the answer it got. Ids are part of the storage contract:
/// never reuse or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.BatchKey")]
public sealed class BatchKey
{
    [Id(0)] public string Key { get; set; } = "";
    [Id(1)] public int Accepted { get; set; }
    [Id(2)] public int Late { get; set; }
    [Id(3)] public int IgnoredFeatures { get; set; }

    /// <summary>How many events the batch held, so that a key sent again with another batch is refused.</summary>
    [Id(4)] public int Events { get; set; }

    public IngestResult Result => new(Accepted, Late, IgnoredFeatures);
}

/// <summary>
/// The idempotency keys of a model's last <c>ModelOps:IdempotencyKeys</c> batches, oldest first: a batch sent again
/// under one of them (a producer's retry after an answer it never got) is answered as the first time and not counted
/// again. They are checkpointed with the window, in the same records as its buckets (<see cref="WindowCheckpoints"/>),
/// so after a crash a key is known exactly when its batch's events were stored.
/// </summary>
/// <remarks>Called from one grain's turns only, like the grain's own fields.</remarks>
public sealed class BatchKeys(int capacity)
{
    private readonly Dictionary<string, BatchKey> byKey = new(StringComparer.Ordinal);
    private readonly Queue<BatchKey> order = new();
    private readonly List<BatchKey> sinceCompaction = [];

    public int Count => order.Count;

    /// <summary>The keys added since the window was last written whole: what a checkpoint's log must carry.</summary>
    public IReadOnlyList<BatchKey> SinceCompaction => sinceCompaction;

    /// <summary>Every key kept, oldest first: what a checkpoint that writes the window whole carries.</summary>
    public List<BatchKey> All() => [.. order];

    /// <summary>The batch <paramref name="key"/> named, if it is among those kept.</summary>
    public BatchKey? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>Keeps the key of a batch just recorded; the oldest goes beyond the capacity.</summary>
    public void Add(string key, int events, IngestResult result)
    {
        var batch = new BatchKey { Key = key, Accepted = result.Accepted, Late = result.Late, IgnoredFeatures = result.IgnoredFeatures, Events = events };
        Keep(batch);
        sinceCompaction.Add(batch);
    }

    /// <summary>Keys read back from storage, oldest first.</summary>
    public void Restore(IEnumerable<BatchKey> stored)
    {
        foreach (var batch in stored)
        {
            Keep(batch);
        }
    }

    /// <summary>The window and the keys were written whole.</summary>
    public void Compacted() => sinceCompaction.Clear();

    private void Keep(BatchKey batch)
    {
        if (capacity == 0 || byKey.ContainsKey(batch.Key))
        {
            return;
        }
        byKey[batch.Key] = batch;
        order.Enqueue(batch);
        while (order.Count > capacity)
        {
            byKey.Remove(order.Dequeue().Key);
        }
    }
}
