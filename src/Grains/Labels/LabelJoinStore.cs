using System.Runtime.InteropServices;

namespace ModelOps.Grains.Labels;

/// <summary>
/// The events of one model that a later label may join, by id: a ring of <see cref="JoinEntry"/> in arrival order
/// (each numbered by a sequence) and an open-addressing index from id hash to ring slot. About 42 bytes per event at
/// capacity (32 in the ring, 8 in an index kept at most half full), growing by doubling. The oldest events leave first:
/// once <see cref="MaxEntries"/> are held, or once older than the retention (<see cref="Expire"/>). The ring is
/// persisted in pages of <see cref="PageSize"/> sequences, and the pages touched since the last
/// <see cref="TakeChangedPages"/> are what a checkpoint writes. Time is passed in, never read.
/// </summary>
public sealed class LabelJoinStore
{
    public const int PageBits = 12;
    public const int PageSize = 1 << PageBits;
    private const int MinimumCapacity = 64;

    private JoinEntry[] ring = new JoinEntry[MinimumCapacity];
    private int[] index = new int[MinimumCapacity * 2];
    private readonly HashSet<long> changedPages = [];
    private long firstKeptPage;

    public LabelJoinStore(int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        MaxEntries = maxEntries;
    }

    public int MaxEntries { get; }

    /// <summary>The sequence of the oldest event held.</summary>
    public long Head { get; private set; }

    /// <summary>The sequence the next event gets.</summary>
    public long Next { get; private set; }

    public int Count => (int)(Next - Head);

    /// <summary>Events held that have a label.</summary>
    public int Labelled { get; private set; }

    /// <summary>Events held still waiting for a label.</summary>
    public int Pending => Count - Labelled;

    /// <summary>Events that left the store (full or expired) since it began.</summary>
    public long Evicted { get; private set; }

    /// <summary>Bytes held by the ring and the index.</summary>
    public long MemoryBytes => (long)ring.Length * JoinEntry.Size + (long)index.Length * sizeof(int);

    private int Mask => ring.Length - 1;

    /// <summary>The sequence of the event with this id hash; -1 when the store does not hold it.</summary>
    public long Find(ulong key)
    {
        var mask = index.Length - 1;
        for (var position = (int)(key & (ulong)mask); index[position] != 0; position = (position + 1) & mask)
        {
            var slot = index[position] - 1;
            if (ring[slot].Key == key)
            {
                return SequenceOf(slot);
            }
        }
        return -1;
    }

    /// <summary>The event of a sequence <see cref="Find"/> or <see cref="Add"/> answered.</summary>
    public JoinEntry this[long sequence] => ring[(int)(sequence & Mask)];

    /// <summary>Holds a new event (its key not held yet), making room by evicting the oldest when full.</summary>
    /// <returns>The event's sequence.</returns>
    public long Add(in JoinEntry entry)
    {
        if (Count == MaxEntries)
        {
            EvictOldest();
        }
        if (Count == ring.Length)
        {
            Grow();
        }
        var sequence = Next++;
        var slot = (int)(sequence & Mask);
        ring[slot] = entry;
        Insert(slot);
        Labelled += entry.Labelled ? 1 : 0;
        changedPages.Add(sequence >> PageBits);
        return sequence;
    }

    /// <summary>Gives a held event its label (class index or value), replacing any it had.</summary>
    public void SetLabel(long sequence, double label)
    {
        ref var entry = ref ring[(int)(sequence & Mask)];
        Labelled += entry.Labelled ? 0 : 1;
        entry.Label = label;
        changedPages.Add(sequence >> PageBits);
    }

    /// <summary>Evicts, oldest first, the events whose second is before <paramref name="oldestSecond"/>, up to the first that is not.</summary>
    public void Expire(long oldestSecond)
    {
        while (Count > 0 && ring[(int)(Head & Mask)].Second < oldestSecond)
        {
            EvictOldest();
        }
    }

    /// <summary>The pages written to since the last call, and those that no longer hold any event (to delete), each ascending.</summary>
    public (IReadOnlyList<long> Changed, IReadOnlyList<long> Dropped) TakeChangedPages()
    {
        var headPage = Head >> PageBits;
        var changed = changedPages.Where(page => page >= headPage).Order().ToArray();
        var dropped = Enumerable.Range(0, (int)Math.Max(0, headPage - firstKeptPage)).Select(i => firstKeptPage + i).ToArray();
        changedPages.Clear();
        firstKeptPage = headPage;
        return (changed, dropped);
    }

    /// <summary>The pages that hold events, ascending.</summary>
    public IEnumerable<long> Pages => Count == 0 ? [] : Enumerable.Range(0, (int)(((Next - 1) >> PageBits) - (Head >> PageBits) + 1)).Select(i => (Head >> PageBits) + i);

    /// <summary>The events of a page as bytes (those before the head or from <see cref="Next"/> on are zero).</summary>
    public byte[] ExportPage(long page)
    {
        var entries = new JoinEntry[PageSize];
        var first = page << PageBits;
        for (var sequence = Math.Max(first, Head); sequence < Math.Min(first + PageSize, Next); sequence++)
        {
            entries[sequence - first] = this[sequence];
        }
        return MemoryMarshal.AsBytes(entries.AsSpan()).ToArray();
    }

    /// <summary>Rebuilds the store from its stored pages: the events from <paramref name="head"/> to before <paramref name="next"/>.</summary>
    public void Restore(long head, long next, IEnumerable<(long Page, byte[] Bytes)> pages)
    {
        (Head, Next, Labelled) = (head, head, 0);
        var byPage = pages.ToDictionary(page => page.Page, page => page.Bytes);
        for (var sequence = head; sequence < next; sequence++)
        {
            // A page missing from storage (a write lost to a crash) holds no events: its slots stay empty until they expire.
            var entry = byPage.TryGetValue(sequence >> PageBits, out var bytes) && bytes.Length == PageSize * JoinEntry.Size
                ? MemoryMarshal.Cast<byte, JoinEntry>(bytes)[(int)(sequence & (PageSize - 1))]
                : default;
            if (Count == ring.Length)
            {
                Grow();
            }
            var slot = (int)(Next & Mask);
            ring[slot] = entry;
            Next++;
            if (entry.Key != 0 && Find(entry.Key) < 0)
            {
                Insert(slot);
            }
            Labelled += entry.Labelled ? 1 : 0;
        }
        changedPages.Clear();
        firstKeptPage = Head >> PageBits;
    }

    private long SequenceOf(int slot) => Head + ((slot - (int)(Head & Mask)) & Mask);

    private void EvictOldest()
    {
        var slot = (int)(Head & Mask);
        Remove(slot);
        Labelled -= ring[slot].Labelled ? 1 : 0;
        ring[slot] = default;
        Head++;
        Evicted++;
    }

    private void Insert(int slot)
    {
        var mask = index.Length - 1;
        var position = (int)(ring[slot].Key & (ulong)mask);
        while (index[position] != 0)
        {
            position = (position + 1) & mask;
        }
        index[position] = slot + 1;
    }

    /// <summary>Linear probing's deletion by backward shift: no tombstones, so lookups stay short as events come and go.</summary>
    private void Remove(int slot)
    {
        var mask = index.Length - 1;
        var hole = (int)(ring[slot].Key & (ulong)mask);
        while (index[hole] != slot + 1)
        {
            if (index[hole] == 0)
            {
                // An empty slot of a page lost from storage, or an id restored twice: not in the index.
                return;
            }
            hole = (hole + 1) & mask;
        }
        var probe = hole;
        while (true)
        {
            index[hole] = 0;
            while (true)
            {
                probe = (probe + 1) & mask;
                if (index[probe] == 0)
                {
                    return;
                }
                var home = (int)(ring[index[probe] - 1].Key & (ulong)mask);
                var staysPut = hole <= probe ? hole < home && home <= probe : hole < home || home <= probe;
                if (!staysPut)
                {
                    break;
                }
            }
            index[hole] = index[probe];
            hole = probe;
        }
    }

    private void Grow()
    {
        var old = ring;
        var oldMask = Mask;
        ring = new JoinEntry[old.Length * 2];
        index = new int[ring.Length * 2];
        for (var sequence = Head; sequence < Next; sequence++)
        {
            var slot = (int)(sequence & Mask);
            ring[slot] = old[(int)(sequence & oldMask)];
            if (ring[slot].Key != 0)
            {
                Insert(slot);
            }
        }
    }
}
