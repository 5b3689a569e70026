using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The latest inference events of one model, newest first, at most <see cref="Capacity"/>. The same event can come
/// both from the stream and from a REST snapshot; it is held once.
/// </summary>
public sealed class RecentLog(int capacity)
{
    private readonly List<InferenceEvent> oldestFirst = new(capacity + 1);
    private readonly HashSet<EventKey> held = [];
    private InferenceEvent[]? newestFirst;

    public int Capacity => capacity;

    /// <summary>An immutable snapshot, newest first: a component may keep it while the log moves on.</summary>
    public IReadOnlyList<InferenceEvent> NewestFirst => newestFirst ??= [.. Enumerable.Reverse(oldestFirst)];

    /// <summary>Adds an event that just arrived; false when it is held already.</summary>
    public bool Add(InferenceEvent e)
    {
        if (!held.Add(EventKey.Of(e)))
        {
            return false;
        }
        oldestFirst.Add(e);
        Trim();
        newestFirst = null;
        return true;
    }

    /// <summary>
    /// Merges a snapshot of the model's latest events (as <c>GET …/logs</c> returns them) with what the stream
    /// delivered meanwhile, in time order; false when it added nothing.
    /// </summary>
    public bool Merge(IEnumerable<InferenceEvent> snapshot)
    {
        var added = snapshot.Where(e => held.Add(EventKey.Of(e))).ToList();
        if (added.Count == 0)
        {
            return false;
        }
        oldestFirst.AddRange(added);
        // Stable: events with the same timestamp keep the order they arrived in.
        var ordered = oldestFirst.OrderBy(e => e.Timestamp ?? DateTimeOffset.MinValue).ToList();
        oldestFirst.Clear();
        oldestFirst.AddRange(ordered);
        Trim();
        newestFirst = null;
        return true;
    }

    public void Clear()
    {
        oldestFirst.Clear();
        held.Clear();
        newestFirst = null;
    }

    private void Trim()
    {
        var excess = oldestFirst.Count - capacity;
        if (excess <= 0)
        {
            return;
        }
        foreach (var dropped in oldestFirst.Take(excess))
        {
            held.Remove(EventKey.Of(dropped));
        }
        oldestFirst.RemoveRange(0, excess);
    }

    /// <summary>What tells two copies of an event apart from two events: the producer's id, when it happened and how long it took.</summary>
    private readonly record struct EventKey(string? Id, DateTimeOffset? Timestamp, double? LatencyMs)
    {
        public static EventKey Of(InferenceEvent e) => new(e.Id, e.Timestamp, e.LatencyMs);
    }
}
