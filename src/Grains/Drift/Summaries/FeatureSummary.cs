using System.Numerics;
using ModelOps.Contracts;
using Orleans;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// Mergeable counts of one feature over the slots of its <see cref="FeatureBinning"/>: one count per slot, the
/// missing values, and the values the baseline never held. Of those new values the names of at most
/// <see cref="MaxNewCategories"/> are kept (Space-Saving: once the table is full a new name takes the place of
/// the least counted one and inherits its count, so a kept count may overstate by at most the count it
/// inherited); <see cref="NewCount"/> is always exact. A numeric feature also keeps the sum of the values in
/// each slot (<see cref="SlotSums"/>). Memory is fixed by the binning, never by the traffic.
/// </summary>
[GenerateSerializer, Alias("ModelOps.FeatureSummary")]
public sealed class FeatureSummary
{
    /// <summary>At most this many new category names are kept with their counts.</summary>
    public const int MaxNewCategories = 20;

    [Id(0)] private long[] slots;
    [Id(1)] private Dictionary<string, long> newCategories = new(StringComparer.Ordinal);

    /// <summary>Missing values, and values a numeric feature cannot read as a finite number.</summary>
    [Id(2)] public long MissingCount { get; private set; }

    /// <summary>Values the baseline never held, named or not.</summary>
    [Id(3)] public long NewCount { get; private set; }

    /// <summary>Every value added, present or missing.</summary>
    [Id(4)] public long Total { get; private set; }

    /// <summary>Null for a discrete or categorical feature, and while unknown (see <see cref="SlotSums"/>).</summary>
    [Id(5)] private double[]? slotSums;

    public FeatureSummary(FeatureBinning binning)
    {
        slots = new long[binning.SlotCount];
        slotSums = binning.Kind == BinningKind.Numeric ? new double[binning.SlotCount] : null;
    }

    /// <summary>Counts per slot of the binning this summary was made for.</summary>
    public ReadOnlySpan<long> SlotCounts => slots;

    /// <summary>
    /// The sum of the values counted in each slot of a numeric feature, which tells a distance where inside its bin
    /// a slot's values lie. Empty when not known: for a discrete or categorical feature, and for a summary that
    /// holds values restored from state stored before sums were kept (or merged from such a summary) until it is
    /// cleared.
    /// </summary>
    public ReadOnlySpan<double> SlotSums => slotSums;

    /// <summary>The kept new category names and their counts; they add up to at most <see cref="NewCount"/>.</summary>
    public IReadOnlyDictionary<string, long> NewCategories => newCategories;

    /// <summary>Counts one value: O(log bins) for a numeric feature, O(1) for a known category.</summary>
    public void Add(ScalarValue value, FeatureBinning binning)
    {
        Total++;
        if (value.Kind == ScalarKind.Missing)
        {
            MissingCount++;
            return;
        }
        if (binning.Kind == BinningKind.Categorical)
        {
            var category = value.Kind == ScalarKind.Text ? value.Text! : FeatureBinning.NumberCategory(value.Number);
            Count(binning.SlotOf(category), category);
            return;
        }
        if (!FeatureBinning.TryReadNumber(value, out var number))
        {
            MissingCount++;
            return;
        }
        var slot = binning.SlotOf(number);
        if (binning.Kind == BinningKind.Numeric && KnownSums() is { } sums)
        {
            sums[slot] += number;
        }
        Count(slot, slot < 0 ? FeatureBinning.NumberCategory(number) : null);
    }

    /// <summary>Adds another summary over the same binning; the result is what one pass over both inputs counts.</summary>
    public void Merge(FeatureSummary other)
    {
        if (other.slots.Length != slots.Length)
        {
            throw new ArgumentException($"Summaries merge only over the same binning; got {other.slots.Length} slots against {slots.Length}.", nameof(other));
        }
        if (other.slotSums is null)
        {
            // The other's values lie somewhere unknown inside their slots, so once they are added ours do too.
            if (other.HoldsSlottedValues)
            {
                slotSums = null;
            }
        }
        else if (KnownSums() is { } sums)
        {
            AddTo(sums, other.slotSums);
        }
        AddTo(slots, other.slots);
        MissingCount += other.MissingCount;
        NewCount += other.NewCount;
        Total += other.Total;
        foreach (var (category, count) in other.newCategories)
        {
            newCategories[category] = newCategories.GetValueOrDefault(category) + count;
        }
        while (newCategories.Count > MaxNewCategories)
        {
            newCategories.Remove(LeastCountedNewCategory());
        }
    }

    /// <summary>Adds <paramref name="values"/> to <paramref name="totals"/> slot by slot, a vector at a time: merging a whole drift window adds a hundred thousand slots.</summary>
    private static void AddTo<T>(Span<T> totals, ReadOnlySpan<T> values) where T : struct, IAdditionOperators<T, T, T>
    {
        var slot = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; slot <= totals.Length - Vector<T>.Count; slot += Vector<T>.Count)
            {
                (new Vector<T>(totals[slot..]) + new Vector<T>(values[slot..])).CopyTo(totals[slot..]);
            }
        }
        for (; slot < totals.Length; slot++)
        {
            totals[slot] += values[slot];
        }
    }

    /// <summary>A summary holding the same counts, which later adds to this one leave alone.</summary>
    public FeatureSummary Copy() => new(this);

    private FeatureSummary(FeatureSummary other)
    {
        slots = (long[])other.slots.Clone();
        slotSums = (double[]?)other.slotSums?.Clone();
        newCategories = new Dictionary<string, long>(other.newCategories, StringComparer.Ordinal);
        (MissingCount, NewCount, Total) = (other.MissingCount, other.NewCount, other.Total);
    }

    /// <summary>Empties the summary for reuse by another time bucket.</summary>
    public void Clear()
    {
        Array.Clear(slots);
        if (slotSums is not null)
        {
            Array.Clear(slotSums);
        }
        newCategories.Clear();
        MissingCount = NewCount = Total = 0;
    }

    private bool HoldsSlottedValues => slots.AsSpan().ContainsAnyExcept(0L);

    /// <summary>
    /// The sums to add to, or null while they are unknown. A summary restored from state stored before sums were kept
    /// holds counts without sums; once it holds no slotted value again (it was cleared) its sums are known to be zero.
    /// </summary>
    private double[]? KnownSums() => slotSums ??= HoldsSlottedValues ? null : new double[slots.Length];

    private void Count(int slot, string? newCategory)
    {
        if (slot >= 0)
        {
            slots[slot]++;
            return;
        }
        NewCount++;
        if (newCategories.TryGetValue(newCategory!, out var count) || newCategories.Count < MaxNewCategories)
        {
            newCategories[newCategory!] = count + 1;
            return;
        }
        var evicted = LeastCountedNewCategory();
        var inherited = newCategories[evicted];
        newCategories.Remove(evicted);
        newCategories[newCategory!] = inherited + 1;
    }

    /// <summary>The kept new category with the lowest count, the greatest name among equals, so eviction does not depend on insertion order.</summary>
    private string LeastCountedNewCategory()
    {
        var least = default(KeyValuePair<string, long>);
        foreach (var entry in newCategories)
        {
            if (least.Key is null || entry.Value < least.Value
                || (entry.Value == least.Value && string.CompareOrdinal(entry.Key, least.Key) > 0))
            {
                least = entry;
            }
        }
        return least.Key!;
    }
}
