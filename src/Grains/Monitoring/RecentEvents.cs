using ModelOps.Contracts;

namespace ModelOps.Grains.Monitoring;

/// <summary>A bounded ring of the latest events, and a count of those added since the last <see cref="TakeNew"/>.</summary>
public sealed class RecentEvents(int capacity)
{
    private readonly InferenceEvent[] ring = new InferenceEvent[capacity];
    private long added;
    private long taken;

    public void Add(InferenceEvent e)
    {
        ring[added % ring.Length] = e;
        added++;
    }

    /// <summary>Up to <paramref name="limit"/> events, newest first.</summary>
    public IReadOnlyList<InferenceEvent> Latest(int limit) => Newest(Math.Min(limit, AvailableCount));

    /// <summary>The newest of the events added since the previous call, at most <paramref name="limit"/>, newest first.</summary>
    public IReadOnlyList<InferenceEvent> TakeNew(int limit)
    {
        var fresh = (int)Math.Min(Math.Min(added - taken, AvailableCount), limit);
        taken = added;
        return Newest(fresh);
    }

    private int AvailableCount => (int)Math.Min(added, ring.Length);

    private InferenceEvent[] Newest(int count)
    {
        var result = new InferenceEvent[Math.Max(0, count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ring[(added - 1 - i) % ring.Length];
        }
        return result;
    }
}
