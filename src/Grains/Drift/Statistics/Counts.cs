namespace ModelOps.Grains.Drift.Statistics;

/// <summary>Shared arithmetic over aligned count vectors, so each statistic normalises and accumulates the same way.</summary>
internal static class Counts
{
    public static void RequireAligned(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException($"Baseline and current counts must be aligned; got {reference.Length} and {current.Length} entries.");
        }
        RequireNonNegative(reference);
        RequireNonNegative(current);
    }

    public static long Total(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }
        return total;
    }

    /// <summary>Both sides hold at least one value, which every statistic needs to say anything.</summary>
    public static bool BothNonEmpty(ReadOnlySpan<long> reference, ReadOnlySpan<long> current, out long referenceTotal, out long currentTotal)
    {
        referenceTotal = Total(reference);
        currentTotal = Total(current);
        return referenceTotal > 0 && currentTotal > 0;
    }

    private static void RequireNonNegative(ReadOnlySpan<long> counts)
    {
        var negative = counts.IndexOfAnyInRange(long.MinValue, -1);
        if (negative >= 0)
        {
            throw new ArgumentException($"Counts cannot be negative; got {counts[negative]}.");
        }
    }
}
