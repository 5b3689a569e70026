using ModelOps.Contracts;

namespace ModelOps.Grains.Audit;

/// <summary>The newest <see cref="MaxEntries"/> audit entries, oldest first: the oldest is dropped when one more is recorded.</summary>
public static class AuditTrail
{
    /// <summary>The most entries kept; older ones are dropped, so the trail (and each write of it) stays bounded.</summary>
    public const int MaxEntries = 5_000;

    /// <summary>The most entries one read returns.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>Appends <paramref name="entry"/> under the next sequence number, dropping the oldest beyond <see cref="MaxEntries"/>.</summary>
    public static AuditEntry Append(AuditState state, AuditEntry entry, DateTimeOffset now)
    {
        var stored = entry with { Sequence = ++state.LastSequence, At = now };
        state.Entries.Add(stored);
        if (state.Entries.Count > MaxEntries)
        {
            state.Entries.RemoveRange(0, state.Entries.Count - MaxEntries);
        }
        return stored;
    }

    /// <summary>The newest <paramref name="limit"/> entries, newest first; only those of <paramref name="modelId"/> when given.</summary>
    public static IReadOnlyList<AuditEntry> Newest(AuditState state, string? modelId, int limit)
    {
        var newest = new List<AuditEntry>(Math.Min(limit, state.Entries.Count));
        for (var i = state.Entries.Count - 1; i >= 0 && newest.Count < limit; i--)
        {
            if (modelId is null || state.Entries[i].ModelId == modelId)
            {
                newest.Add(state.Entries[i]);
            }
        }
        return newest;
    }
}

[GenerateSerializer, Alias("ModelOps.AuditState")]
public sealed class AuditState
{
    /// <summary>Oldest first.</summary>
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];

    [Id(1)] public long LastSequence { get; set; }
}
